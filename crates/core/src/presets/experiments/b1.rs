//! B1 · An L1 autoencoder's codes as features (MNIST): how much class information did it keep
//! without seeing a label?

use super::shared::{SSL_REPORT, b1_autoencoder, codes_as_features, on_encoder};
use crate::data::DatasetId;
use crate::presets::catalog::figure;
use crate::presets::experiment::Experiment;
use crate::presets::plan::{Job, PresetSize, job};
use crate::presets::report::Report;
use crate::presets::Preset;
use crate::settings::{Hyperparams, LossKind};

pub struct B1;

static CARD: Preset = Preset {
    id: "b1",
    title: "B1 · An L1 autoencoder's codes as features (MNIST)",
    question: "Train an autoencoder with an L1 loss, freeze it, and classify digits from its 128 numbers: how much class information did it keep without ever seeing a label?",
    setup: "MLP autoencoder 784-256-128, decoder 128-256-784 sigmoid, L1, Adam 1e-3, batch 128; classifier 128-64-10 on the frozen codes.",
    source: SSL_REPORT,
    differences: "10,000 training images; 10 epochs at batch 32 for the autoencoder (no early stopping) and 10 (batch 64) for the classifier on its frozen codes.",
    dataset: DatasetId::Mnist,
    reported: &[figure("mae", "test MAE", 0.0347, "0.0347"), figure("accuracy", "classifier test accuracy", 0.9735, "97.35%")],
};

impl Experiment for B1 {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    fn jobs(&self, size: PresetSize) -> Vec<Job> {
        let ae = b1_autoencoder(size);
        let head = Hyperparams { loss: LossKind::Mse, batch: 64, epochs: size.epochs(10, 20), ..ae.clone() };
        vec![job("L1 autoencoder", ae), on_encoder("classifier 128-64-10 on the frozen codes", head, false, Some(0), true, true, &[64])]
    }

    fn report(&self, r: &mut Report<'_>) {
        codes_as_features(r);
    }
}
