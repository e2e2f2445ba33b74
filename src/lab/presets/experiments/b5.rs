//! B5 · Walking from a 7 to a 2: the decoded straight line between two codes.

use super::shared::SSL_REPORT;
use crate::lab::data::DatasetId;
use crate::lab::presets::catalog::finding;
use crate::lab::presets::experiment::{Experiment, Measure};
use crate::lab::presets::plan::{Job, PresetSize, job};
use crate::lab::presets::report::Report;
use crate::lab::presets::result::Unit;
use crate::lab::presets::Preset;
use crate::lab::settings::Hyperparams;

pub struct B5;

static CARD: Preset = Preset {
    id: "b5",
    title: "B5 · Walking from a 7 to a 2",
    question: "Decode the straight line between the codes of a 7 and a 2: are the images in between digits, or ghostly blends?",
    setup: "MNIST test images 7 → 2 (the first of each), 10 linear steps in latent space, decoded.",
    source: SSL_REPORT,
    differences: "The B1 autoencoder trained a few epochs on the subset.",
    dataset: DatasetId::Mnist,
    reported: &[finding("path", "intermediates", "smooth, digit-like intermediates")],
};

impl Experiment for B5 {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    fn jobs(&self, size: PresetSize) -> Vec<Job> {
        vec![job("autoencoder", Hyperparams { epochs: size.epochs(5, 20), ..Hyperparams::default() })]
    }

    fn measures(&self) -> &'static [Measure] {
        &[Measure::Path { from: 7, to: 2, steps: 10 }]
    }

    fn report(&self, r: &mut Report<'_>) {
        if let Some(o) = r.outcomes.first() {
            r.put_lab_only("test_mse", "the autoencoder's test MSE", o.final_test(), Unit::Loss);
        }
    }
}
