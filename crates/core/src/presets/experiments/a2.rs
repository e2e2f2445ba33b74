//! A2 · Training dynamics at k = 300: train and test MSE epoch by epoch.

use super::shared::{MNIST_2025, SUBSET, wide_mlp};
use crate::data::DatasetId;
use crate::presets::catalog::figure;
use crate::presets::experiment::{Experiment, Measure};
use crate::presets::plan::{Job, PresetSize, job};
use crate::presets::report::Report;
use crate::presets::result::Unit;
use crate::presets::Preset;

pub struct A2;

static CARD: Preset = Preset {
    id: "a2",
    title: "A2 · Training dynamics at k = 300",
    question: "With a wide bottleneck, how do the training and test errors evolve epoch by epoch: does the autoencoder overfit?",
    setup: "MLP autoencoder 784-1000-300-1000-784, ReLU, MSE, Adam 1e-3, 10 epochs.",
    source: MNIST_2025,
    differences: SUBSET,
    dataset: DatasetId::Mnist,
    reported: &[figure("train_mse", "train MSE", 0.00151, "0.00151"), figure("test_mse", "test MSE", 0.00146, "0.00146")],
};

impl Experiment for A2 {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    fn jobs(&self, size: PresetSize) -> Vec<Job> {
        vec![job("k = 300", wide_mlp(300, size.epochs(5, 10)))]
    }

    fn measures(&self) -> &'static [Measure] {
        &[Measure::Reconstructions { count: 8 }]
    }

    fn report(&self, r: &mut Report<'_>) {
        if let Some(o) = r.outcomes.first() {
            r.put("train_mse", o.final_train(), Unit::Loss);
            r.put("test_mse", o.final_test(), Unit::Loss);
        }
        let chart = r.loss_curves("Train and test MSE per epoch (k = 300)", "MSE", false);
        r.chart(chart);
    }
}
