//! B2 · A convolutional autoencoder's codes as features (CIFAR-10).

use super::shared::{SSL_REPORT, b2_autoencoder, codes_as_features, on_encoder};
use crate::data::DatasetId;
use crate::presets::catalog::figure;
use crate::presets::experiment::Experiment;
use crate::presets::plan::{Job, PresetSize, job};
use crate::presets::report::Report;
use crate::presets::Preset;
use crate::settings::{Hyperparams, LossKind};

pub struct B2;

static CARD: Preset = Preset {
    id: "b2",
    title: "B2 · A convolutional autoencoder's codes as features (CIFAR-10)",
    question: "The same question on colour photographs: do 128 numbers from a conv autoencoder say what is in the picture?",
    setup: "Conv autoencoder 3→64→128→256 (k4 s2 p1), linear → 128, mirrored transposed convs, sigmoid, L1; classifier 128-256-128-10 with dropout 0.5 on the codes.",
    source: SSL_REPORT,
    differences: "4,000 training and 1,000 test images (not 50,000/10,000); 5 epochs for the autoencoder and 10 for the classifier on its frozen codes.",
    dataset: DatasetId::Cifar10,
    reported: &[figure("mae", "test MAE", 0.0424, "0.0424"), figure("accuracy", "classifier test accuracy", 0.5534, "55.34%")],
};

impl Experiment for B2 {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    fn jobs(&self, size: PresetSize) -> Vec<Job> {
        let ae = b2_autoencoder(size);
        let head = Hyperparams { loss: LossKind::Mse, dropout: 0.5, epochs: size.epochs(10, 20), ..ae.clone() };
        vec![job("L1 conv autoencoder", ae), on_encoder("classifier 128-256-128-10 on the frozen codes", head, true, Some(0), true, true, &[256, 128])]
    }

    fn report(&self, r: &mut Report<'_>) {
        codes_as_features(r);
    }
}
