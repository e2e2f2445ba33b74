//! B1 · An L1 autoencoder's codes as features (MNIST): how much class information did it keep
//! without seeing a label?

use super::shared::{SSL_REPORT, codes_as_features};
use crate::lab::data::DatasetId;
use crate::lab::presets::catalog::figure;
use crate::lab::presets::experiment::{Experiment, Measure};
use crate::lab::presets::plan::{Job, PresetSize, job};
use crate::lab::presets::report::Report;
use crate::lab::presets::Preset;
use crate::lab::settings::{Hyperparams, LossKind};

pub struct B1;

static CARD: Preset = Preset {
    id: "b1",
    title: "B1 · An L1 autoencoder's codes as features (MNIST)",
    question: "Train an autoencoder with an L1 loss, freeze it, and classify digits from its 128 numbers: how much class information did it keep without ever seeing a label?",
    setup: "MLP autoencoder 784-256-128, decoder 128-256-784 sigmoid, L1, Adam 1e-3, batch 128; classifier 128-64-10 on the frozen codes.",
    source: SSL_REPORT,
    differences: "The lab's classifier on the codes is linear (softmax regression), not 128-64-10; 10,000 training images, few epochs.",
    dataset: DatasetId::Mnist,
    reported: &[figure("mae", "test MAE", 0.0347, "0.0347"), figure("accuracy", "classifier test accuracy", 0.9735, "97.35%")],
};

impl Experiment for B1 {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    fn jobs(&self, size: PresetSize) -> Vec<Job> {
        vec![job("L1 autoencoder", Hyperparams { loss: LossKind::L1, epochs: size.epochs(5, 20), ..Hyperparams::default() })]
    }

    fn measures(&self) -> &'static [Measure] {
        &[Measure::Probe]
    }

    fn report(&self, r: &mut Report<'_>) {
        codes_as_features(r);
    }
}
