//! A7 · A pretext task: is this photo turned by 90°? A6's CNN on a label that costs nothing.

use super::shared::{CIFAR_SUBSET, MNIST_2025, QUICK_CNN_IMAGES, cnn, cnn_accuracy};
use crate::data::DatasetId;
use crate::presets::catalog::figure;
use crate::presets::experiment::Experiment;
use crate::presets::plan::{Job, JobData, PresetSize, job};
use crate::presets::report::Report;
use crate::presets::Preset;

pub struct A7;

static CARD: Preset = Preset {
    id: "a7",
    title: "A7 · A pretext task: is this photo turned?",
    question: "Turn a random half of the photos by 90° and ask the same CNN which ones: a label that costs nothing. Can a network learn it?",
    setup: "A6's trunk with 2 outputs: rotated by 90° or not.",
    source: MNIST_2025,
    differences: CIFAR_SUBSET,
    dataset: DatasetId::Cifar10,
    reported: &[figure("test_accuracy", "test accuracy (turned or not)", 0.8714, "87.14%")],
};

impl Experiment for A7 {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    fn jobs(&self, size: PresetSize) -> Vec<Job> {
        vec![Job { data: JobData::Rotation, ..job("rotation pretext", cnn(size.epochs(5, 22))) }]
    }

    fn quick_train_images(&self) -> usize {
        QUICK_CNN_IMAGES
    }

    fn report(&self, r: &mut Report<'_>) {
        cnn_accuracy(r);
    }
}
