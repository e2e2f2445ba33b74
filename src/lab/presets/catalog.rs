//! The reports' experiments as presets: what each asks, how it was set up, and what was
//! reported (`../shared/reference/reported-results.md`, ids A1–E5).

use crate::lab::data::DatasetId;

/// A figure a report published, beside which the lab shows its own.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reported {
    /// Stable id of the metric (`data-metric` in the result table).
    pub metric: &'static str,
    /// For people.
    pub label: &'static str,
    /// The number, when the report gave one.
    pub value: Option<f64>,
    /// How the report stated it (a number as printed, or a qualitative finding).
    pub text: &'static str,
}

pub(super) const fn figure(metric: &'static str, label: &'static str, value: f64, text: &'static str) -> Reported {
    Reported { metric, label, value: Some(value), text }
}

pub(super) const fn finding(metric: &'static str, label: &'static str, text: &'static str) -> Reported {
    Reported { metric, label, value: None, text }
}

/// One experiment of the reports.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Preset {
    /// As in the reference file, lower case (`a1`); `?preset=a1`.
    pub id: &'static str,
    pub title: &'static str,
    /// The question, in a paragraph.
    pub question: &'static str,
    /// The report's setup.
    pub setup: &'static str,
    /// Where the reported figures come from.
    pub source: &'static str,
    /// What the lab does differently at its default size.
    pub differences: &'static str,
    pub dataset: DatasetId,
    pub reported: &'static [Reported],
}

pub(super) const MNIST_2025: &str = "Reported in a course report (autoencoders, transfer and contrastive learning; MNIST and CIFAR-10; 2025).";
pub(super) const SSL_REPORT: &str = "Reported in a course report (self-supervised, classification-guided and contrastive encoders; MNIST and CIFAR-10).";
pub(super) const AE_2024: &str = "Reported in a course report (autoencoder-initialised classifiers; MNIST; 2024).";
pub(super) const CIFAR_MLP: &str = "Reported in a course report (linear SVM and MLP autoencoders; CIFAR-10).";
pub(super) const FASHION: &str = "Reported in a course report (convolutional autoencoders and VAEs; Fashion-MNIST).";
const SUBSET: &str = "The lab trains on the shipped subset (10,000 training, 2,000 test images) for fewer epochs.";

/// The autoencoder and analysis half (A1–A4, B1, B2, B5, C3, D3, D4, E1, E2, E4, E5).
const AUTOENCODER_PRESETS: &[Preset] = &[
    Preset {
        id: "a1",
        title: "A1 · How small can the bottleneck be?",
        question: "An autoencoder squeezes each 784-pixel digit through k numbers. How does the reconstruction error fall as k grows, and where does it stop paying to make k larger?",
        setup: "MLP autoencoder 784-1000-k-1000-784, ReLU, MSE, Adam 1e-3, for k in 1, 2, 5, 10, 20, 50, 100, 200, 300, 500, 700.",
        source: MNIST_2025,
        differences: "One epoch per k on the 10,000-image subset (the report trained each to convergence on 60,000).",
        dataset: DatasetId::Mnist,
        reported: &[finding("shape", "shape of the curve", "large gains k 1→50; slow gains to ~300; flat or slightly worse above 300")],
    },
    Preset {
        id: "a2",
        title: "A2 · Training dynamics at k = 300",
        question: "With a wide bottleneck, how do the training and test errors evolve epoch by epoch: does the autoencoder overfit?",
        setup: "MLP autoencoder 784-1000-300-1000-784, ReLU, MSE, Adam 1e-3, 10 epochs.",
        source: MNIST_2025,
        differences: SUBSET,
        dataset: DatasetId::Mnist,
        reported: &[figure("train_mse", "train MSE", 0.00151, "0.00151"), figure("test_mse", "test MSE", 0.00146, "0.00146")],
    },
    Preset {
        id: "a3",
        title: "A3 · How many dimensions do the digits need?",
        question: "Before any network: how many principal components of the raw pixels keep 95% and 99% of the variance?",
        setup: "PCA of the MNIST images, explained variance per component.",
        source: MNIST_2025,
        differences: "PCA of the 2,000 shipped test images (the report used all 70,000).",
        dataset: DatasetId::Mnist,
        reported: &[figure("pca_95", "components for 95%", 150.0, "~150"), figure("pca_99", "components for 99%", 330.0, "~330")],
    },
    Preset {
        id: "a4",
        title: "A4 · Does dropout help an autoencoder?",
        question: "Dropout fights overfitting in classifiers. After each hidden activation of an autoencoder that does not overfit, does it help or hurt?",
        setup: "MLP autoencoder 784-1000-k-1000-784 with dropout p after each hidden activation (encoder and decoder), k/p ∈ 300/0, 300/0.1, 300/0.3, 500/0.1, 500/0.3.",
        source: MNIST_2025,
        differences: SUBSET,
        dataset: DatasetId::Mnist,
        reported: &[
            figure("test_mse_300_0", "test MSE, k 300, p 0", 0.00146, "0.00146"),
            figure("test_mse_300_0.1", "test MSE, k 300, p 0.1", 0.00421, "0.00421"),
            figure("test_mse_300_0.3", "test MSE, k 300, p 0.3", 0.00760, "0.00760"),
            figure("test_mse_500_0.1", "test MSE, k 500, p 0.1", 0.00418, "0.00418"),
            figure("test_mse_500_0.3", "test MSE, k 500, p 0.3", 0.00785, "0.00785"),
        ],
    },
    Preset {
        id: "b1",
        title: "B1 · An L1 autoencoder's codes as features (MNIST)",
        question: "Train an autoencoder with an L1 loss, freeze it, and classify digits from its 128 numbers: how much class information did it keep without ever seeing a label?",
        setup: "MLP autoencoder 784-256-128, decoder 128-256-784 sigmoid, L1, Adam 1e-3, batch 128; classifier 128-64-10 on the frozen codes.",
        source: SSL_REPORT,
        differences: "The lab's classifier on the codes is linear (softmax regression), not 128-64-10; 10,000 training images, few epochs.",
        dataset: DatasetId::Mnist,
        reported: &[figure("mae", "test MAE", 0.0347, "0.0347"), figure("accuracy", "classifier test accuracy", 0.9735, "97.35%")],
    },
    Preset {
        id: "b2",
        title: "B2 · A convolutional autoencoder's codes as features (CIFAR-10)",
        question: "The same question on colour photographs: do 128 numbers from a conv autoencoder say what is in the picture?",
        setup: "Conv autoencoder 3→64→128→256 (k4 s2 p1), linear → 128, mirrored transposed convs, sigmoid, L1; classifier 128-256-128-10 with dropout 0.5 on the codes.",
        source: SSL_REPORT,
        differences: "4,000 training and 1,000 test images (not 50,000/10,000), few epochs; a linear classifier on the codes.",
        dataset: DatasetId::Cifar10,
        reported: &[figure("mae", "test MAE", 0.0424, "0.0424"), figure("accuracy", "classifier test accuracy", 0.5534, "55.34%")],
    },
    Preset {
        id: "b5",
        title: "B5 · Walking from a 7 to a 2",
        question: "Decode the straight line between the codes of a 7 and a 2: are the images in between digits, or ghostly blends?",
        setup: "MNIST test images 7 → 2 (the first of each), 10 linear steps in latent space, decoded.",
        source: SSL_REPORT,
        differences: "The B1 autoencoder trained a few epochs on the subset.",
        dataset: DatasetId::Mnist,
        reported: &[finding("path", "intermediates", "smooth, digit-like intermediates")],
    },
    Preset {
        id: "c3",
        title: "C3 · Digits the autoencoder never saw",
        question: "Train on digits 0–4 only, then reconstruct all ten: how much worse are the unseen 5–9?",
        setup: "MLP autoencoder trained on digits 0–4, mean reconstruction error ± σ per digit on the test set.",
        source: AE_2024,
        differences: "The lab's default MLP autoencoder (784-256-128) on the subset's 0–4 images.",
        dataset: DatasetId::Mnist,
        reported: &[
            figure("error_0", "digit 0 (seen)", 0.0083, "0.0083 ± 0.0039"),
            figure("error_1", "digit 1 (seen)", 0.0023, "0.0023 ± 0.0013"),
            figure("error_2", "digit 2 (seen)", 0.0094, "0.0094 ± 0.0040"),
            figure("error_3", "digit 3 (seen)", 0.0083, "0.0083 ± 0.0039"),
            figure("error_4", "digit 4 (seen)", 0.0082, "0.0082 ± 0.0038"),
            figure("error_5", "digit 5 (unseen)", 0.0134, "0.0134 ± 0.0053"),
            figure("error_6", "digit 6 (unseen)", 0.0121, "0.0121 ± 0.0051"),
            figure("error_7", "digit 7 (unseen)", 0.0114, "0.0114 ± 0.0060"),
            figure("error_8", "digit 8 (unseen)", 0.0127, "0.0127 ± 0.0051"),
            figure("error_9", "digit 9 (unseen)", 0.0082, "0.0082 ± 0.0032"),
        ],
    },
    Preset {
        id: "d3",
        title: "D3 · An MLP autoencoder for colour images",
        question: "Squeeze 3,072 colour values through 32 numbers with a plain MLP: what survives?",
        setup: "MLP autoencoder 3072-128-32-128-3072, ReLU, no output activation, MSE, 100 epochs, inputs in [0, 1].",
        source: CIFAR_MLP,
        differences: "4,000 training images, 10 epochs by default (the report: 50,000 images, 100 epochs).",
        dataset: DatasetId::Cifar10,
        reported: &[figure("val_mse", "validation MSE", 0.014777, "0.014777"), figure("params", "parameters", 797_984.0, "797,984")],
    },
    Preset {
        id: "d4",
        title: "D4 · Tie the decoder to the encoder",
        question: "Let the decoder reuse the encoder's weights, transposed: half the parameters. Is it worse, or better?",
        setup: "D3's autoencoder beside its weight-tied twin (decoder W₁ᵀ·relu(W₂ᵀ·z + c₂) + c₁, own biases).",
        source: CIFAR_MLP,
        differences: "4,000 training images, 10 epochs by default (the report: 50,000 images, 100 epochs).",
        dataset: DatasetId::Cifar10,
        reported: &[
            figure("val_mse_tied", "validation MSE, tied", 0.012414, "0.012414"),
            figure("val_mse_plain", "validation MSE, plain (D3)", 0.014777, "0.014777"),
            figure("params_tied", "parameters, tied", 400_672.0, "400,672"),
            figure("params_plain", "parameters, plain", 797_984.0, "797,984"),
            finding("speed", "time per epoch", "tied slightly faster"),
        ],
    },
    Preset {
        id: "e1",
        title: "E1 · Adam against SGD",
        question: "Same convolutional autoencoder, same data, two optimisers: how different are the curves, and the pictures after each epoch?",
        setup: "Conv autoencoder 1→8→16→32 (k4/4/3), linear → d, mirrored, sigmoid, MSE, batch 256.",
        source: FASHION,
        differences: "The lab's bottleneck goes straight from 288 features to d = 64 (the report had a 64-wide hidden layer and dropout); 10,000 training images.",
        dataset: DatasetId::FashionMnist,
        reported: &[finding("winner", "finding", "Adam far better than SGD in speed and loss")],
    },
    Preset {
        id: "e2",
        title: "E2 · Let a search pick the hyper-parameters",
        question: "Latent size, dropout, weight decay, optimiser, learning rate: which combination trains E1's autoencoder best? Try random search against a TPE sampler that learns from earlier trials, with hopeless trials pruned early.",
        setup: "Optuna, 20 trials, 20% of the training images held out for validation; d, dropout, weight decay, optimiser (Adam/SGD), lr.",
        source: FASHION,
        differences: "3 epochs per trial on the 10,000-image subset (8,000 train, 2,000 validation); median pruning after the first epoch once 5 trials completed.",
        dataset: DatasetId::FashionMnist,
        reported: &[
            figure("best_d", "best d", 185.0, "185"),
            finding("best_optimiser", "best optimiser", "Adam"),
            figure("best_lr", "best learning rate", 0.0058, "0.0058"),
            figure("best_dropout", "best dropout", 0.005, "0.005"),
            figure("best_weight_decay", "best weight decay", 1.038e-5, "1.038e-5"),
        ],
    },
    Preset {
        id: "e4",
        title: "E4 · Exploring a plain autoencoder's latent space",
        question: "Walk between four images in a conv autoencoder's latent space, and decode random codes: do the in-betweens and samples look like clothes?",
        setup: "Conv autoencoder on Fashion-MNIST; traversal between 4 images; random samples.",
        source: FASHION,
        differences: "Samples come from a Gaussian fitted to the test codes (a plain autoencoder has no prior); 10,000 training images.",
        dataset: DatasetId::FashionMnist,
        reported: &[finding("traversal", "traversal", "AE traversal abrupt"), finding("samples", "samples", "AE samples rarely meaningful")],
    },
    Preset {
        id: "e5",
        title: "E5 · The same with a VAE",
        question: "A variational autoencoder is trained to make its latent space a smooth Gaussian: compare its traversals and samples with the plain autoencoder's (E4), side by side.",
        setup: "Conv VAE with the same decoder, d = 44, Adam lr 0.0002, beside E4's conv autoencoder.",
        source: FASHION,
        differences: "10,000 training images and a few epochs.",
        dataset: DatasetId::FashionMnist,
        reported: &[finding("traversal", "traversal", "smooth traversal"), finding("samples", "samples", "samples all meaningful")],
    },
];

/// Every preset, in the order of their ids (A1, A2, …, E5).
pub fn presets() -> Vec<&'static Preset> {
    let mut all: Vec<&'static Preset> = AUTOENCODER_PRESETS.iter().chain(super::catalog_classifiers::CLASSIFIER_PRESETS).collect();
    all.sort_by_key(|p| p.id);
    all
}

/// The preset with this id (case-insensitive).
pub fn preset(id: &str) -> Option<&'static Preset> {
    presets().into_iter().find(|p| p.id.eq_ignore_ascii_case(id))
}
