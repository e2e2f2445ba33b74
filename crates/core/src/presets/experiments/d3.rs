//! D3 · An MLP autoencoder for colour images: 3,072 values through 32 numbers.

use super::shared::{CIFAR_MLP, colour_autoencoders, colour_mlp};
use crate::data::DatasetId;
use crate::presets::catalog::figure;
use crate::presets::experiment::{Experiment, Measure};
use crate::presets::plan::{Job, PresetSize, job};
use crate::presets::report::Report;
use crate::presets::Preset;
use crate::settings::ModelKind;

pub struct D3;

static CARD: Preset = Preset {
    id: "d3",
    title: "D3 · An MLP autoencoder for colour images",
    question: "Squeeze 3,072 colour values through 32 numbers with a plain MLP: what survives?",
    setup: "MLP autoencoder 3072-128-32-128-3072, ReLU, no output activation, MSE, 100 epochs, inputs in [0, 1].",
    source: CIFAR_MLP,
    differences: "4,000 training images, 10 epochs by default (the report: 50,000 images, 100 epochs).",
    dataset: DatasetId::Cifar10,
    reported: &[figure("val_mse", "validation MSE", 0.014777, "0.014777"), figure("params", "parameters", 797_984.0, "797,984")],
};

impl Experiment for D3 {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    fn jobs(&self, size: PresetSize) -> Vec<Job> {
        vec![job("plain", colour_mlp(ModelKind::MlpAe, size.epochs(10, 100)))]
    }

    fn measures(&self) -> &'static [Measure] {
        &[Measure::Reconstructions { count: 3 }]
    }

    fn report(&self, r: &mut Report<'_>) {
        colour_autoencoders(r, false);
    }
}
