//! C1 · A classifier that starts from an autoencoder: its first layer frozen (Case I) or
//! fine-tuned (Case II) from the autoencoder, against random weights.

use super::shared::{AE_2024, CASE_ORDER, autoencoder_initialised, case_errors};
use crate::data::DatasetId;
use crate::presets::catalog::figure;
use crate::presets::experiment::{Experiment, Measure};
use crate::presets::plan::{Job, PresetSize};
use crate::presets::report::Report;
use crate::presets::Preset;
use crate::presets::verdict::Claim;

pub struct C1;

static CARD: Preset = Preset {
    id: "c1",
    title: "C1 · A classifier that starts from an autoencoder",
    question: "Take the input→hidden weights of a trained autoencoder as a classifier's first layer. Freeze them (Case I) or fine-tune them (Case II): do they beat random weights?",
    setup: "Autoencoder 784-256-64, then classifiers 784-256-10 whose first layer is the autoencoder's (frozen or fine-tuned) or random (baseline).",
    source: AE_2024,
    differences: "10,000 training images; 5 epochs for the autoencoder, 10 (batch 64) for each classifier; the report's layer sizes were not given, the lab uses 256 hidden units. On the full 60,000 images (REPRODUCTION.md) the random baseline makes about 2% errors, not the report's 6.9%, and beats the frozen Case I there too: the report's baseline must have been trained differently, in a way it does not state.",
    dataset: DatasetId::Mnist,
    reported: &[
        figure("test_error_i", "test error, Case I (frozen)", 0.019, "0.019"),
        figure("test_error_ii", "test error, Case II (fine-tuned)", 0.016, "0.016"),
        figure("test_error_baseline", "test error, baseline (random)", 0.069, "0.069"),
        figure("train_error_i", "train error, Case I", 0.016, "0.016"),
        figure("train_error_ii", "train error, Case II", 0.011, "0.011"),
        figure("train_error_baseline", "train error, baseline", 0.012, "0.012"),
    ],
};

impl Experiment for C1 {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    fn jobs(&self, size: PresetSize) -> Vec<Job> {
        autoencoder_initialised(size)
    }

    fn measures(&self) -> &'static [Measure] {
        &[Measure::TrainConfusion]
    }

    fn claims(&self) -> &'static [Claim] {
        &[CASE_ORDER]
    }

    fn report(&self, r: &mut Report<'_>) {
        case_errors(r);
    }
}
