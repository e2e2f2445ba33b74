//! D1 · A linear SVM, frog or horse, with the notebook's first settings.

use super::shared::{CIFAR_MLP, svm, svm_accuracy};
use crate::data::DatasetId;
use crate::presets::catalog::{figure, finding};
use crate::presets::experiment::Experiment;
use crate::presets::plan::{Job, PresetSize};
use crate::presets::report::{JobOutcome, Report};
use crate::presets::Preset;

pub struct D1;

static CARD: Preset = Preset {
    id: "d1",
    title: "D1 · A linear SVM: frog or horse?",
    question: "One linear layer, a hinge loss and the notebook's first settings: how well can a straight cut separate frogs from horses?",
    setup: "Classes 6 (frog, y = −1) vs 7 (horse, y = +1), normalised with mean 0.25 and std 0.25, 70/30 train/validation, batch 64, SGD lr 0.1, weight decay 0.5, C = 1, 50 epochs.",
    source: CIFAR_MLP,
    differences: "The subset's ~800 frogs and horses (the notebook: 10,000), 10 epochs by default; accuracy on the subset's test frogs and horses.",
    dataset: DatasetId::Cifar10,
    reported: &[figure("test_accuracy", "test accuracy", 0.6080, "60.80%"), finding("behaviour", "training", "underfits, noisy")],
};

impl Experiment for D1 {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    fn jobs(&self, size: PresetSize) -> Vec<Job> {
        vec![svm("first settings", 0.1, 0.5, 0.0, 1.0, size.epochs(10, 50))]
    }

    fn report(&self, r: &mut Report<'_>) {
        svm_accuracy(r, |_| "test_accuracy".into());
        let noise = r.classifiers().first().map(|o| noise_note(o));
        if let Some(note) = &noise {
            r.note(note.clone());
        }
        r.answer("behaviour", noise);
    }
}

/// How much the validation accuracy jumps between epochs.
fn noise_note(o: &JobOutcome) -> String {
    let acc: Vec<f64> = o.error_curve(true).iter().skip(1).map(|p| 1.0 - p.1).collect();
    let jumps: Vec<f64> = acc.windows(2).map(|w| (w[1] - w[0]).abs()).collect();
    let mean = jumps.iter().sum::<f64>() / jumps.len().max(1) as f64;
    format!(
        "Validation accuracy moved by {:.1} points per epoch on average (train {:.1}%, validation {:.1}% at the end).",
        mean * 100.0,
        o.train_accuracy.last().map_or(f64::NAN, |&a| f64::from(a) * 100.0),
        acc.last().map_or(f64::NAN, |a| a * 100.0)
    )
}
