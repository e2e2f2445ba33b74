//! C2 · Where do C1's classifiers go wrong? Confusion matrices, the error of each digit, and
//! the hardest digits.

use super::shared::{AE_2024, CASE_ORDER, autoencoder_initialised, case_errors};
use crate::data::DatasetId;
use crate::presets::catalog::{figure, finding};
use crate::presets::experiment::{Experiment, Measure};
use crate::presets::plan::{Job, PresetSize};
use crate::presets::report::{JobOutcome, Report};
use crate::presets::result::{Bars, Chart};
use crate::presets::Preset;
use crate::presets::verdict::Claim;

pub struct C2;

static CARD: Preset = Preset {
    id: "c2",
    title: "C2 · Where do C1's classifiers go wrong?",
    question: "The same three networks as C1: their confusion matrices on the training and the test images, the error of each digit, and the error fraction epoch by epoch.",
    setup: "C1's three classifiers (Case I, Case II, baseline).",
    source: AE_2024,
    differences: "As C1.",
    dataset: DatasetId::Mnist,
    reported: &[
        finding("hardest", "hardest digits", "figures (confusion matrices, per-digit error, error vs epoch)"),
        figure("test_error_ii", "test error, Case II", 0.016, "0.016"),
    ],
};

impl Experiment for C2 {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    fn jobs(&self, size: PresetSize) -> Vec<Job> {
        autoencoder_initialised(size)
    }

    fn measures(&self) -> &'static [Measure] {
        &[Measure::TrainConfusion]
    }

    fn claims(&self) -> &'static [Claim] {
        &[CASE_ORDER]
    }

    fn report(&self, r: &mut Report<'_>) {
        case_errors(r);
        let nets = r.classifiers();
        r.chart(per_class_error(&nets));
        let hardest = hardest(&nets);
        if let Some(note) = &hardest {
            r.note(note.clone());
        }
        r.answer("hardest", hardest);
    }
}

/// Each net's test error per digit.
fn per_class_error(nets: &[&JobOutcome]) -> Chart {
    Chart::Bars {
        title: "Test error per digit".into(),
        y_label: "error fraction".into(),
        groups: (0..10).map(|d| d.to_string()).collect(),
        bars: nets
            .iter()
            .filter_map(|o| {
                let c = o.confusion.as_ref()?;
                Some(Bars { name: o.label.clone(), values: (0..c.classes).map(|d| 1.0 - c.row_share(d, d)).collect(), errors: None })
            })
            .collect(),
    }
}

/// The digits the fine-tuned net finds hardest, and its most frequent confusion.
fn hardest(nets: &[&JobOutcome]) -> Option<String> {
    let c = nets.iter().find(|o| o.label.starts_with("Case II")).or(nets.first())?.confusion.as_ref()?;
    let mut errors: Vec<(usize, f64)> = (0..c.classes).map(|d| (d, 1.0 - c.row_share(d, d))).collect();
    errors.sort_by(|a, b| b.1.total_cmp(&a.1));
    let (t, p) = (0..c.classes).flat_map(|t| (0..c.classes).map(move |p| (t, p))).filter(|(t, p)| t != p).max_by_key(|&(t, p)| c.count(t, p))?;
    Some(format!(
        "Hardest digits for the fine-tuned net: {} ({:.1}% wrong) and {} ({:.1}%); its most frequent mistake: {t} read as {p} ({} times).",
        errors[0].0,
        errors[0].1 * 100.0,
        errors[1].0,
        errors[1].1 * 100.0,
        c.count(t, p)
    ))
}
