//! E4 · Exploring a plain autoencoder's latent space: a traversal between four images and
//! random codes decoded.

use super::shared::{FASHION, generative, latent_explorers};
use crate::data::DatasetId;
use crate::presets::catalog::finding;
use crate::presets::experiment::{Experiment, Measure};
use crate::presets::plan::{Job, PresetSize, job};
use crate::presets::report::Report;
use crate::presets::Preset;

pub struct E4;

static CARD: Preset = Preset {
    id: "e4",
    title: "E4 · Exploring a plain autoencoder's latent space",
    question: "Walk between four images in a conv autoencoder's latent space, and decode random codes: do the in-betweens and samples look like clothes?",
    setup: "E1's conv autoencoder (288→64→d) on Fashion-MNIST, d = 44; traversal between 4 images; random samples.",
    source: FASHION,
    differences: "Samples are codes from N(0, I), the classic draw (a plain autoencoder has no prior); samples from a Gaussian fitted to its test codes are shown beside. 10,000 training images, batch 32 for 10 epochs. The report's findings are in words: the lab measures them (samples a reference classifier is sure of, their Fréchet distance to real images in its features; the traversal's largest step) and compares the VAE with this autoencoder on E5's card.",
    dataset: DatasetId::FashionMnist,
    reported: &[finding("traversal", "traversal", "AE traversal abrupt"), finding("samples", "samples", "AE samples rarely meaningful")],
};

/// E4/E5's traversal: an 8×8 grid between a T-shirt, a trouser, a sneaker and an ankle boot,
/// and 16 samples.
pub const TRAVERSAL: Measure = Measure::Traversal { corners: [0, 1, 7, 9], side: 8, samples: 16 };

impl Experiment for E4 {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    fn jobs(&self, size: PresetSize) -> Vec<Job> {
        vec![job("conv autoencoder", latent_explorers(size).1)]
    }

    fn measures(&self) -> &'static [Measure] {
        &[TRAVERSAL]
    }

    fn report(&self, r: &mut Report<'_>) {
        generative(r);
    }
}
