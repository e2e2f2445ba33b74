//! B6 · Three encoders of CIFAR-10, side by side: a conv autoencoder, a classification-guided
//! conv encoder and a SimCLR conv encoder.

use super::shared::{QUICK_CNN_IMAGES, SSL_REPORT, b2_autoencoder, b4c_simclr, separability, three_encoders};
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
    differences: "The report's SimCLR encoder was a ResNet-18; the lab uses the same small conv encoder for all three. 4,000 training images. Each encoder trains as its own card trains it: B2's autoencoder 5 epochs at batch 64, B4's SimCLR 3 epochs at batch 128 (two views of each image, so each passes 20,000–24,000 images), the guided one 6 epochs at batch 64 (20, 100 and 20 epochs on the 50,000 at the full size). Until 2026-12-05 the autoencoder here had 3 epochs at batch 128 and SimCLR's codes edged past its by 0.2–2.8 points; trained as B2 trains it, the autoencoder's codes separate better than SimCLR's on all three seeds, the reverse of the report (REPRODUCTION.md). SimCLR usually needs hundreds of epochs, which a tab cannot give. Image space and latent spaces are shown as their top two principal components (the report used t-SNE), with each one's held-out 10-NN accuracy.",
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
        three_encoders(true, b2_autoencoder(size), b4c_simclr(size), size.epochs(6, 20))
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
                text: "B1 < B4",
                chain: &["knn_autoencoder", "knn_contrastive"],
            },
        ]
    }

    fn report(&self, r: &mut Report<'_>) {
        separability(r);
    }
}
