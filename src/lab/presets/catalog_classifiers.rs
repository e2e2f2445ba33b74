//! The second half of the reports' experiments: classifiers on learned encoders, transfer from
//! a pretext task, classification-guided and contrastive encoders compared, and the linear SVM.

use super::catalog::{AE_2024, CIFAR_MLP, FASHION, MNIST_2025, SSL_REPORT, figure, finding};
use super::{Preset, Reported};
use crate::lab::data::DatasetId;

const CIFAR_SUBSET: &str = "The lab trains on the shipped CIFAR-10 subset: 4,000 training and 1,000 test images, not 50,000/10,000, for a few epochs.";

const A5_REPORTED: &[Reported] = &[
    figure("train_ce_1", "train CE, 1 random + full", 0.0178, "0.0178"),
    figure("test_ce_1", "test CE, 1 random + full", 0.1180, "0.1180"),
    figure("train_ce_2", "train CE, 2 pretrained + frozen", 0.2892, "0.2892"),
    figure("test_ce_2", "test CE, 2 pretrained + frozen", 0.2806, "0.2806"),
    figure("train_ce_3", "train CE, 3 random + frozen", 0.4140, "0.4140"),
    figure("test_ce_3", "test CE, 3 random + frozen", 0.3793, "0.3793"),
    figure("train_ce_4", "train CE, 4 pretrained + full", 0.2893, "0.2893"),
    figure("test_ce_4", "test CE, 4 pretrained + full", 0.2805, "0.2805"),
];

const C1_REPORTED: &[Reported] = &[
    figure("test_error_i", "test error, Case I (frozen)", 0.019, "0.019"),
    figure("test_error_ii", "test error, Case II (fine-tuned)", 0.016, "0.016"),
    figure("test_error_baseline", "test error, baseline (random)", 0.069, "0.069"),
    figure("train_error_i", "train error, Case I", 0.016, "0.016"),
    figure("train_error_ii", "train error, Case II", 0.011, "0.011"),
    figure("train_error_baseline", "train error, baseline", 0.012, "0.012"),
];

const E3_REPORTED: &[Reported] = &[
    figure("accuracy", "test accuracy", 0.9008, "90.08%"),
    figure("f1_0", "F1, T-shirt/top", 0.8536, "85.36%"),
    figure("f1_1", "F1, Trouser", 0.9824, "98.24%"),
    figure("f1_2", "F1, Pullover", 0.8302, "83.02%"),
    figure("f1_3", "F1, Dress", 0.8997, "89.97%"),
    figure("f1_4", "F1, Coat", 0.8404, "84.04%"),
    figure("f1_5", "F1, Sandal", 0.9765, "97.65%"),
    figure("f1_6", "F1, Shirt", 0.7282, "72.82%"),
    figure("f1_7", "F1, Sneaker", 0.9577, "95.77%"),
    figure("f1_8", "F1, Bag", 0.9741, "97.41%"),
    figure("f1_9", "F1, Ankle boot", 0.9674, "96.74%"),
];

pub(super) const CLASSIFIER_PRESETS: &[Preset] = &[
    Preset {
        id: "a5",
        title: "A5 · Does a pretrained encoder help a classifier?",
        question: "Put a softmax layer on the k = 300 autoencoder's encoder. Train everything, or only the new layer? Start from the autoencoder's weights, or from random ones? Four cases, four learning curves.",
        setup: "Classifier softmax(A·F(x) + b) on the 784-1000-300 encoder, cross-entropy, Adam 1e-3, 10 epochs: 1 random + full, 2 pretrained + frozen, 3 random + frozen, 4 pretrained + full.",
        source: MNIST_2025,
        differences: "10,000 training images; 3 epochs for the autoencoder, 10 (batch 64) for each classifier by default.",
        dataset: DatasetId::Mnist,
        reported: A5_REPORTED,
    },
    Preset {
        id: "a6",
        title: "A6 · A small CNN for CIFAR-10",
        question: "Three conv blocks and a small fully connected head: how far does that get on colour photos of ten classes?",
        setup: "Blocks 3→32→64→128 (3×3 conv, ReLU, 2×2 max-pool, dropout 0.25), FC 2048→256→10, Adam 1e-3 with weight decay, 22 epochs.",
        source: MNIST_2025,
        differences: CIFAR_SUBSET,
        dataset: DatasetId::Cifar10,
        reported: &[
            figure("test_accuracy", "test accuracy", 0.7556, "75.56%"),
            figure("train_ce", "train CE", 0.7040, "0.7040"),
            figure("test_ce", "test CE", 0.7010, "0.7010"),
        ],
    },
    Preset {
        id: "a7",
        title: "A7 · A pretext task: is this photo turned?",
        question: "Turn a random half of the photos by 90° and ask the same CNN which ones: a label that costs nothing. Can a network learn it?",
        setup: "A6's trunk with 2 outputs: rotated by 90° or not.",
        source: MNIST_2025,
        differences: CIFAR_SUBSET,
        dataset: DatasetId::Cifar10,
        reported: &[figure("test_accuracy", "test accuracy (turned or not)", 0.8714, "87.14%")],
    },
    Preset {
        id: "a8",
        title: "A8 · Transfer the pretext network's first blocks",
        question: "Copy the first k conv blocks of the rotation network (A7) into the CIFAR-10 classifier (A6), frozen or trainable. Which k helps most?",
        setup: "k = 1, 2, 3, frozen vs trainable, beside the classifier trained from scratch (k = 0).",
        source: MNIST_2025,
        differences: CIFAR_SUBSET,
        dataset: DatasetId::Cifar10,
        reported: &[
            finding("best", "best case", "k = 2, trainable"),
            figure("best_accuracy", "best test accuracy", 0.7715, "77.15%"),
            figure("best_test_ce", "best test CE", 0.6650, "0.6650"),
        ],
    },
    Preset {
        id: "a9",
        title: "A9 · CIFAR-10 in two dimensions, by contrast",
        question: "Train a conv network to put same-class photos close and different-class photos at least √M apart, directly in 2-D. Which classes separate?",
        setup: "Margin loss S·d² + (1−S)·max(M − d², 0), M = 2, pairs = the batch against a permutation of itself; 2 conv blocks (32, 10 channels, dropout 0.1), FC 1000-500-100-10-2, 20 epochs, lr 1e-3.",
        source: MNIST_2025,
        differences: "The lab's conv embedder (convs 3→64→128→256, then a linear map to 2-D) on the 4,000-image subset, a few epochs.",
        dataset: DatasetId::Cifar10,
        reported: &[
            figure("train_loss", "train contrastive loss", 0.5373, "0.5373"),
            figure("test_loss", "test contrastive loss", 0.5145, "0.5145"),
            finding("separation", "what separates", "vehicles vs animals separate; cat/dog/bird overlap"),
        ],
    },
    Preset {
        id: "b3",
        title: "B3 · An encoder guided by the labels",
        question: "Train the encoder together with a classifier, on the labels. Its codes separate the digits best, but by how much, next to an autoencoder's and a contrastive encoder's?",
        setup: "Encoder 784-256-128 trained jointly with a 128-64-10 classifier (cross-entropy), beside B1's L1 autoencoder and B4's SimCLR encoder (NT-Xent, τ = 0.5).",
        source: SSL_REPORT,
        differences: "10,000 training images; 5 epochs for the autoencoder and the SimCLR encoder, 10 (batch 64) for the guided one by default; separability measured by held-out 10-NN accuracy of the test codes.",
        dataset: DatasetId::Mnist,
        reported: &[
            figure("accuracy", "test accuracy, classification-guided", 0.9937, "99.37%"),
            finding("separability", "separability of the codes", "B3 > B4 > B1"),
        ],
    },
    Preset {
        id: "b6",
        title: "B6 · Three encoders of CIFAR-10, side by side",
        question: "A conv autoencoder, a classification-guided conv encoder and a SimCLR conv encoder: which one's codes group the ten classes?",
        setup: "B2's conv encoder (3→64→128→256, linear to 128) three ways: L1 autoencoder, jointly with a 128-256-128-10 classifier (dropout 0.5), SimCLR with crop/flip/colour jitter/greyscale.",
        source: SSL_REPORT,
        differences: "The report's SimCLR encoder was a ResNet-18; the lab uses the same small conv encoder for all three. 4,000 training images; 3 epochs for the autoencoder and SimCLR, 6 (batch 64) for the guided encoder.",
        dataset: DatasetId::Cifar10,
        reported: &[
            figure("accuracy", "test accuracy, classification-guided (B3 CIFAR)", 0.8227, "82.27%"),
            finding("separability", "separability of the codes", "B4 ≈ B3 > B1"),
        ],
    },
    Preset {
        id: "c1",
        title: "C1 · A classifier that starts from an autoencoder",
        question: "Take the input→hidden weights of a trained autoencoder as a classifier's first layer. Freeze them (Case I) or fine-tune them (Case II): do they beat random weights?",
        setup: "Autoencoder 784-256-64, then classifiers 784-256-10 whose first layer is the autoencoder's (frozen or fine-tuned) or random (baseline).",
        source: AE_2024,
        differences: "10,000 training images; 5 epochs for the autoencoder, 10 (batch 64) for each classifier; the report's layer sizes were not given, the lab uses 256 hidden units.",
        dataset: DatasetId::Mnist,
        reported: C1_REPORTED,
    },
    Preset {
        id: "c2",
        title: "C2 · Where do C1's classifiers go wrong?",
        question: "The same three networks as C1: their confusion matrices on the training and the test images, the error of each digit, and the error fraction epoch by epoch.",
        setup: "C1's three classifiers (Case I, Case II, baseline).",
        source: AE_2024,
        differences: "As C1.",
        dataset: DatasetId::Mnist,
        reported: &[
            finding("hardest", "hardest digits", "figures (confusion matrices, per-digit error, error vs epoch)"),
            figure("test_error_ii", "test error, Case II", 0.016, "0.016"),
        ],
    },
    Preset {
        id: "d1",
        title: "D1 · A linear SVM: frog or horse?",
        question: "One linear layer, a hinge loss and the notebook's first settings: how well can a straight cut separate frogs from horses?",
        setup: "Classes 6 (frog, y = −1) vs 7 (horse, y = +1), normalised with mean 0.25 and std 0.25, 70/30 train/validation, batch 64, SGD lr 0.1, weight decay 0.5, C = 1, 50 epochs.",
        source: CIFAR_MLP,
        differences: "The subset's ~800 frogs and horses (the notebook: 10,000), 10 epochs by default; accuracy on the subset's test frogs and horses.",
        dataset: DatasetId::Cifar10,
        reported: &[figure("test_accuracy", "test accuracy", 0.6080, "60.80%"), finding("behaviour", "training", "underfits, noisy")],
    },
    Preset {
        id: "d2",
        title: "D2 · The SVM, tuned",
        question: "Smaller steps, momentum, less weight decay and a smaller C: how much better than D1's settings, on the same frogs and horses?",
        setup: "lr 0.01, weight decay 0.01, momentum 0.9, C = 0.1, beside D1's settings.",
        source: CIFAR_MLP,
        differences: "As D1.",
        dataset: DatasetId::Cifar10,
        reported: &[
            figure("test_accuracy_tuned", "test accuracy, tuned", 0.8335, "83.35%"),
            figure("test_accuracy_first", "test accuracy, first settings (D1)", 0.6080, "60.80%"),
        ],
    },
    Preset {
        id: "e3",
        title: "E3 · Fashion-MNIST: classify with the autoencoder's encoder",
        question: "Put a small MLP on the conv autoencoder's encoder and fine-tune everything: which clothes does it confuse?",
        setup: "E1's conv encoder, then an MLP with hidden sizes 12 and 74 (tuned in the report), fine-tuned 10 epochs.",
        source: FASHION,
        differences: "10,000 training images; 5 epochs for the autoencoder and 10 (batch 64) for the classifier by default; the encoder's code is 64-dimensional.",
        dataset: DatasetId::FashionMnist,
        reported: E3_REPORTED,
    },
];
