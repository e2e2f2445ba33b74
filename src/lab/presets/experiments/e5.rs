//! E5 · The same with a VAE: its traversal and samples beside the plain autoencoder's (E4).

use super::shared::{FASHION, fashion_conv, generative};
use crate::lab::data::DatasetId;
use crate::lab::presets::catalog::finding;
use crate::lab::presets::experiment::{Experiment, Measure};
use crate::lab::presets::plan::{Job, PresetSize, job};
use crate::lab::presets::report::Report;
use crate::lab::presets::Preset;
use crate::lab::settings::ModelKind;

pub struct E5;

static CARD: Preset = Preset {
    id: "e5",
    title: "E5 · The same with a VAE",
    question: "A variational autoencoder is trained to make its latent space a smooth Gaussian: compare its traversals and samples with the plain autoencoder's (E4), side by side.",
    setup: "Conv VAE with the same decoder, d = 44, Adam lr 0.0002, beside E4's conv autoencoder.",
    source: FASHION,
    differences: "10,000 training images and a few epochs.",
    dataset: DatasetId::FashionMnist,
    reported: &[finding("traversal", "traversal", "smooth traversal"), finding("samples", "samples", "samples all meaningful")],
};

impl Experiment for E5 {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    fn jobs(&self, size: PresetSize) -> Vec<Job> {
        let epochs = size.epochs(5, 10);
        vec![job("conv VAE", fashion_conv(ModelKind::ConvVae, 44, 2e-4, epochs)), job("conv autoencoder", fashion_conv(ModelKind::ConvAe, 44, 1e-3, epochs))]
    }

    fn measures(&self) -> &'static [Measure] {
        &[super::e4::TRAVERSAL]
    }

    fn report(&self, r: &mut Report<'_>) {
        generative(r);
    }
}
