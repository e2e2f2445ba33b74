//! A6 · A small CNN for CIFAR-10: three conv blocks and a small fully connected head.

use super::shared::{CIFAR_SUBSET, MNIST_2025, QUICK_CNN_IMAGES, cnn, cnn_accuracy};
use crate::data::DatasetId;
use crate::presets::catalog::figure;
use crate::presets::experiment::Experiment;
use crate::presets::plan::{Job, PresetSize, job};
use crate::presets::report::Report;
use crate::presets::Preset;

pub struct A6;

static CARD: Preset = Preset {
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
};

impl Experiment for A6 {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    fn jobs(&self, size: PresetSize) -> Vec<Job> {
        vec![job("CNN", cnn(size.epochs(5, 22)))]
    }

    fn quick_train_images(&self) -> usize {
        QUICK_CNN_IMAGES
    }

    fn report(&self, r: &mut Report<'_>) {
        cnn_accuracy(r);
    }
}
