//! B5 · Walking from a 7 to a 2: the decoded straight line between two codes.

use super::shared::SSL_REPORT;
use crate::data::DatasetId;
use crate::presets::catalog::finding;
use crate::presets::experiment::{Experiment, Measure};
use crate::presets::plan::{Job, PresetSize, job};
use crate::presets::report::Report;
use crate::presets::result::Unit;
use crate::presets::Preset;
use crate::settings::Hyperparams;

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
        let Some(o) = r.outcomes.first() else { return };
        r.put_lab_only("test_mse", "the autoencoder's test MSE", o.final_test(), Unit::Loss);
        if let Some(g) = o.generative {
            r.put_lab_only("path_digit_like", "frames a digit classifier is sure of (p ≥ 0.9)", g.confident_share, Unit::Fraction);
            if let Some(step) = g.traversal_step {
                r.put_lab_only("path_step", format!("largest step's share of the path (even: {:.3})", 1.0 / (g.side - 1) as f64), step, Unit::Number);
            }
            r.answer(
                "path",
                Some(format!(
                    "{:.0}% of the {} frames read as one digit with p ≥ 0.9 (a classifier with {:.1}% test accuracy); largest step {} of the path",
                    g.confident_share * 100.0,
                    g.samples,
                    g.reference_accuracy * 100.0,
                    g.traversal_step.map_or("–".into(), |s| format!("{s:.3}"))
                )),
            );
        }
    }
}
