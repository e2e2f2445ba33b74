//! A2 · Training dynamics at k = 300: train and test MSE epoch by epoch.

use super::shared::{MNIST_2025, wide_mlp, wide_mlp_batch};
use crate::data::DatasetId;
use crate::presets::catalog::figure;
use crate::presets::experiment::{Experiment, Measure};
use crate::presets::plan::{Job, PresetSize, job};
use crate::presets::report::Report;
use crate::presets::result::Unit;
use crate::presets::Preset;
use crate::settings::Hyperparams;

pub struct A2;

static CARD: Preset = Preset {
    id: "a2",
    title: "A2 · Training dynamics at k = 300",
    question: "With a wide bottleneck, how do the training and test errors evolve epoch by epoch: does the autoencoder overfit?",
    setup: "MLP autoencoder 784-1000-300-1000-784, ReLU, MSE, Adam 1e-3, 10 epochs.",
    source: MNIST_2025,
    differences: "The shipped subset (10,000 training, 2,000 test images), 10 epochs as reported, at batch 32 (the report: 60,000 training images, batch not given); at the full size 10 epochs at batch 128 on the 60,000.",
    dataset: DatasetId::Mnist,
    reported: &[figure("train_mse", "train MSE", 0.00151, "0.00151"), figure("test_mse", "test MSE", 0.00146, "0.00146")],
};

impl Experiment for A2 {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    fn jobs(&self, size: PresetSize) -> Vec<Job> {
        // Below the full size, batch 32 as in A1 and A4 (docs/findings-a2.md): the report's 10
        // epochs at batch 128 on the subset would be 790 steps, about as many as A4's former 2
        // epochs at batch 32 (625), which left this network far from converged.
        vec![job("k = 300", Hyperparams { batch: wide_mlp_batch(size), ..wide_mlp(300, size.epochs(10, 10)) })]
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
