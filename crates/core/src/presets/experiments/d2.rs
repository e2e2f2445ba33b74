//! D2 · The SVM, tuned: smaller steps, momentum, less weight decay and a smaller C, beside
//! D1's settings.

use super::shared::{CIFAR_MLP, svm, svm_accuracy};
use crate::data::DatasetId;
use crate::presets::catalog::figure;
use crate::presets::experiment::Experiment;
use crate::presets::plan::{Job, PresetSize};
use crate::presets::report::Report;
use crate::presets::Preset;
use crate::presets::verdict::Claim;

pub struct D2;

static CARD: Preset = Preset {
    id: "d2",
    title: "D2 · The SVM, tuned",
    question: "Smaller steps, momentum, less weight decay and a smaller C: how much better than D1's settings, on the same frogs and horses?",
    setup: "lr 0.01, weight decay 0.01, momentum 0.9, C = 0.1, beside D1's settings.",
    source: CIFAR_MLP,
    differences: "The subset's ~800 frogs and horses (the notebook: 10,000), 10 epochs by default; accuracy on the subset's test frogs and horses.",
    dataset: DatasetId::Cifar10,
    reported: &[
        figure("test_accuracy_tuned", "test accuracy, tuned", 0.8335, "83.35%"),
        figure("test_accuracy_first", "test accuracy, first settings (D1)", 0.6080, "60.80%"),
    ],
};

impl Experiment for D2 {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    fn jobs(&self, size: PresetSize) -> Vec<Job> {
        let epochs = size.epochs(10, 50);
        vec![svm("first settings", 0.1, 0.5, 0.0, 1.0, epochs), svm("tuned", 0.01, 0.01, 0.9, 0.1, epochs)]
    }

    fn claims(&self) -> &'static [Claim] {
        &[Claim::Rises {
            metric: "tuned_better",
            label: "the tuned SVM beats the first settings",
            text: "60.80% < 83.35%",
            chain: &["test_accuracy_first", "test_accuracy_tuned"],
        }]
    }

    fn report(&self, r: &mut Report<'_>) {
        svm_accuracy(r, |o| format!("test_accuracy_{}", o.label.split_whitespace().next().unwrap_or_default()));
    }
}
