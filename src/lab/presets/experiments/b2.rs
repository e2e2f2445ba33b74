//! B2 · A convolutional autoencoder's codes as features (CIFAR-10).

use super::shared::{SSL_REPORT, codes_as_features};
use crate::lab::data::DatasetId;
use crate::lab::presets::catalog::figure;
use crate::lab::presets::experiment::{Experiment, Measure};
use crate::lab::presets::plan::{Job, PresetSize, job};
use crate::lab::presets::report::Report;
use crate::lab::presets::Preset;
use crate::lab::settings::{Hyperparams, LossKind, ModelKind};

pub struct B2;

static CARD: Preset = Preset {
    id: "b2",
    title: "B2 · A convolutional autoencoder's codes as features (CIFAR-10)",
    question: "The same question on colour photographs: do 128 numbers from a conv autoencoder say what is in the picture?",
    setup: "Conv autoencoder 3→64→128→256 (k4 s2 p1), linear → 128, mirrored transposed convs, sigmoid, L1; classifier 128-256-128-10 with dropout 0.5 on the codes.",
    source: SSL_REPORT,
    differences: "4,000 training and 1,000 test images (not 50,000/10,000), few epochs; a linear classifier on the codes.",
    dataset: DatasetId::Cifar10,
    reported: &[figure("mae", "test MAE", 0.0424, "0.0424"), figure("accuracy", "classifier test accuracy", 0.5534, "55.34%")],
};

impl Experiment for B2 {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    fn jobs(&self, size: PresetSize) -> Vec<Job> {
        vec![job(
            "L1 conv autoencoder",
            Hyperparams { model: ModelKind::ConvAe, loss: LossKind::L1, latent: 128, batch: 64, epochs: size.epochs(5, 20), ..Hyperparams::default() },
        )]
    }

    fn measures(&self) -> &'static [Measure] {
        &[Measure::Probe]
    }

    fn report(&self, r: &mut Report<'_>) {
        codes_as_features(r);
    }
}
