//! B5 · Walking from a 7 to a 2: the decoded straight line between two codes.

use super::shared::{SSL_REPORT, b1_autoencoder};
use crate::data::DatasetId;
use crate::presets::catalog::finding;
use crate::presets::experiment::{Experiment, Measure};
use crate::presets::plan::{Job, PresetSize, job};
use crate::presets::report::Report;
use crate::presets::result::Unit;
use crate::presets::Preset;
use crate::presets::verdict::Claim;

pub struct B5;

static CARD: Preset = Preset {
    id: "b5",
    title: "B5 · Walking from a 7 to a 2",
    question: "Decode the straight line between the codes of a 7 and a 2: are the images in between digits, or ghostly blends?",
    setup: "MNIST test images 7 → 2 (the first of each), 10 linear steps in latent space, decoded.",
    source: SSL_REPORT,
    differences: "B1's L1 autoencoder (784-256-128), batch 32 for 10 epochs on the 10,000-image subset (20 on the full 60,000); until 2026-12-05 the card trained the lab's default MSE autoencoder for 5 epochs at batch 128. \"Digit-like\" is measured against what the question calls a ghostly blend: over the walks between the first 20 test 7s and the first 20 test 2s, the share of in-between frames a reference classifier (MLP 784-256-128-10 trained on the same images) gives one digit with p ≥ 0.9, beside the same for pixel cross-fades between each walk's decoded ends (declared in docs/findings-b5.md before it was first run). \"Smooth\" is shown (the largest step's share of the path), not judged: with one model the only thing to set it beside is a cross-fade, which is as smooth as a path can be in pixels.",
    dataset: DatasetId::Mnist,
    reported: &[finding("path", "intermediates", "smooth, digit-like intermediates")],
};

impl Experiment for B5 {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    fn jobs(&self, size: PresetSize) -> Vec<Job> {
        vec![job("L1 autoencoder", b1_autoencoder(size))]
    }

    fn measures(&self) -> &'static [Measure] {
        &[Measure::Path { from: 7, to: 2, steps: 10 }]
    }

    fn claims(&self) -> &'static [Claim] {
        &[Claim::Rises { metric: "path", label: "", text: "", chain: &["walk_sure_cross_fade", "walk_sure_decoded"] }]
    }

    fn report(&self, r: &mut Report<'_>) {
        let Some(o) = r.outcomes.first() else { return };
        r.put_lab_only("test_mae", "the L1 autoencoder's test MAE", o.final_test(), Unit::Loss);
        if let Some(g) = o.generative {
            r.put_lab_only("path_digit_like", "frames a digit classifier is sure of (p ≥ 0.9)", g.confident_share, Unit::Fraction);
            if let Some(step) = g.traversal_step {
                r.put_lab_only("path_step", format!("largest step's share of the path (even: {:.3})", 1.0 / (g.side - 1) as f64), step, Unit::Number);
            }
            if let Some(w) = g.walks {
                let between = w.frames - 2;
                r.put_lab_only("walk_sure_decoded", format!("in-between frames a classifier is sure of, {} decoded walks 7 → 2 ({between} each)", w.walks), w.decoded, Unit::Fraction);
                r.put_lab_only("walk_sure_cross_fade", "the same for pixel cross-fades between each walk's decoded ends", w.cross_fade, Unit::Fraction);
            }
            r.answer(
                "path",
                Some(format!(
                    "{:.0}% of the {} frames read as one digit with p ≥ 0.9 (a classifier with {:.1}% test accuracy); largest step {} of the path{}",
                    g.confident_share * 100.0,
                    g.samples,
                    g.reference_accuracy * 100.0,
                    g.traversal_step.map_or("–".into(), |s| format!("{s:.3}")),
                    g.walks.map_or(String::new(), |w| format!(
                        "; over {} walks, {:.0}% of the in-between frames sure, against {:.0}% of cross-fades between the same ends",
                        w.walks,
                        w.decoded * 100.0,
                        w.cross_fade * 100.0
                    ))
                )),
            );
        }
    }
}
