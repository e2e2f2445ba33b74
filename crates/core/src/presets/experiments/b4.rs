//! B4 · SimCLR without labels, then a classifier on the frozen codes (MNIST): how much does a
//! contrastive encoder know about the digits?

use super::shared::{SSL_REPORT, b4_simclr, frozen_codes_accuracy, simclr_then_frozen};
use crate::data::DatasetId;
use crate::presets::catalog::figure;
use crate::presets::experiment::Experiment;
use crate::presets::plan::{Job, PresetSize};
use crate::presets::report::Report;
use crate::presets::Preset;
use crate::settings::Hyperparams;

pub struct B4;

static CARD: Preset = Preset {
    id: "b4",
    title: "B4 · SimCLR, then a classifier on its frozen codes",
    question: "Train an encoder with no labels at all, only to recognise two augmented views of the same digit among the batch (SimCLR). Freeze it and put a small classifier on its 128 numbers: how well does it read digits?",
    setup: "MNIST: MLP encoder 784-256-128, SimCLR NT-Xent with τ = 0.5 on crop/rotation/affine views; then the frozen encoder under a 128-64-10 classifier.",
    source: SSL_REPORT,
    differences: "MNIST here; the report's CIFAR-10 half is the next card (B4 · SimCLR on CIFAR-10). 10,000 training images; 5 epochs of SimCLR (batch 128), 10 (batch 64) for the classifier; the lab's views are its own crop, rotation and affine augmentations. The lab adds a baseline the report did not run: the same classifier on a random, untrained frozen encoder.",
    dataset: DatasetId::Mnist,
    reported: &[figure("accuracy", "classifier test accuracy on the frozen SimCLR codes", 0.9684, "96.84%")],
};

impl Experiment for B4 {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    fn jobs(&self, size: PresetSize) -> Vec<Job> {
        let simclr = b4_simclr(size);
        let head = Hyperparams { batch: 64, epochs: size.epochs(10, 20), ..simclr.clone() };
        simclr_then_frozen(simclr, head, false)
    }

    fn report(&self, r: &mut Report<'_>) {
        frozen_codes_accuracy(r);
    }
}
