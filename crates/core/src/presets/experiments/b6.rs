//! B6 · Three encoders of CIFAR-10, side by side: a conv autoencoder, a classification-guided
//! conv encoder and a SimCLR conv encoder.

use super::shared::{QUICK_CNN_IMAGES, SSL_REPORT, separability, three_encoders};
use crate::data::DatasetId;
use crate::presets::catalog::{figure, finding};
use crate::presets::experiment::{Experiment, Measure};
use crate::presets::plan::{Job, PresetSize};
use crate::presets::report::Report;
use crate::presets::Preset;
use crate::presets::verdict::Claim;

pub struct B6;

static CARD: Preset = Preset {
    id: "b6",
    title: "B6 · Three encoders of CIFAR-10, side by side",
    question: "A conv autoencoder, a classification-guided conv encoder and a SimCLR conv encoder: which one's codes group the ten classes?",
    setup: "B2's conv encoder (3→64→128→256, linear to 128) three ways: L1 autoencoder, jointly with a 128-256-128-10 classifier (dropout 0.5), SimCLR with crop/flip/colour jitter/greyscale.",
    source: SSL_REPORT,
    differences: "The report's SimCLR encoder was a ResNet-18; the lab uses the same small conv encoder for all three. 4,000 training images; 3 epochs for the autoencoder and SimCLR, 6 (batch 64) for the guided encoder. Image space and latent spaces are shown as their top two principal components (the report used t-SNE), with each one's held-out 10-NN accuracy.",
    dataset: DatasetId::Cifar10,
    reported: &[
        figure("accuracy", "test accuracy, classification-guided (B3 CIFAR)", 0.8227, "82.27%"),
        finding("separability", "separability of the codes", "B4 ≈ B3 > B1"),
    ],
};

impl Experiment for B6 {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    fn jobs(&self, size: PresetSize) -> Vec<Job> {
        three_encoders(true, size.epochs(3, 20), size.epochs(6, 20))
    }

    fn quick_train_images(&self) -> usize {
        QUICK_CNN_IMAGES
    }

    fn measures(&self) -> &'static [Measure] {
        &[Measure::ImageSpace, Measure::Codes { caption: None }]
    }

    fn claims(&self) -> &'static [Claim] {
        &[
            Claim::Rises { metric: "separability", label: "", text: "", chain: &["knn_autoencoder", "knn_classification"] },
            Claim::Rises {
                metric: "contrastive_over_autoencoder",
                label: "SimCLR codes separate better than the autoencoder's",
                text: "B4 > B1",
                chain: &["knn_autoencoder", "knn_contrastive"],
            },
        ]
    }

    fn report(&self, r: &mut Report<'_>) {
        separability(r);
    }
}
