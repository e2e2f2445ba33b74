//! B3 · An encoder guided by the labels, beside an autoencoder's and a contrastive encoder's
//! (MNIST): whose codes separate the digits?

use super::shared::{SSL_REPORT, b1_autoencoder, b4_simclr, separability, three_encoders};
use crate::data::DatasetId;
use crate::presets::catalog::{figure, finding};
use crate::presets::experiment::{Experiment, Measure};
use crate::presets::plan::{Job, PresetSize};
use crate::presets::report::Report;
use crate::presets::Preset;
use crate::presets::verdict::Claim;

pub struct B3;

static CARD: Preset = Preset {
    id: "b3",
    title: "B3 · An encoder guided by the labels",
    question: "Train the encoder together with a classifier, on the labels. Its codes separate the digits best, but by how much, next to an autoencoder's and a contrastive encoder's?",
    setup: "Encoder 784-256-128 trained jointly with a 128-64-10 classifier (cross-entropy), beside B1's L1 autoencoder and B4's SimCLR encoder (NT-Xent, τ = 0.5).",
    source: SSL_REPORT,
    differences: "10,000 training images. Each encoder trains as its own card trains it: B1's autoencoder 10 epochs at batch 32, B4's SimCLR encoder 5 epochs at batch 128 (two views of each image, so both pass about 100,000 images), the guided one 10 epochs at batch 64 (20 epochs each on the 60,000 at the full size). Until 2026-12-05 the autoencoder here had 5 epochs at batch 128, an eighth of B1's steps, and its codes came last. Trained as B1 trains it, they separate better than SimCLR's on every seed run, also at the full size, where B1's and B4's own figures match their reports (REPRODUCTION.md). Separability is the held-out 10-NN accuracy of the test codes, beside the same for the raw images (image space); the views are the top two principal components, not the report's t-SNE.",
    dataset: DatasetId::Mnist,
    reported: &[
        figure("accuracy", "test accuracy, classification-guided", 0.9937, "99.37%"),
        finding("separability", "separability of the codes", "B3 > B4 > B1"),
    ],
};

impl Experiment for B3 {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    fn jobs(&self, size: PresetSize) -> Vec<Job> {
        three_encoders(false, b1_autoencoder(size), b4_simclr(size), size.epochs(10, 20))
    }

    fn measures(&self) -> &'static [Measure] {
        &[Measure::ImageSpace, Measure::Codes { caption: None }]
    }

    fn claims(&self) -> &'static [Claim] {
        &[Claim::Rises { metric: "separability", label: "", text: "", chain: &["knn_autoencoder", "knn_contrastive", "knn_classification"] }]
    }

    fn report(&self, r: &mut Report<'_>) {
        separability(r);
    }
}
