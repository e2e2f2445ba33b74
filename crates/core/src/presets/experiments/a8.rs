//! A8 · Transfer the pretext network's first k conv blocks (A7) into the CIFAR-10 classifier
//! (A6), frozen or trainable.

use super::shared::{MNIST_2025, QUICK_CNN_IMAGES, cnn};
use crate::data::DatasetId;
use crate::presets::catalog::{figure, finding};
use crate::presets::experiment::Experiment;
use crate::presets::plan::{Init, Job, JobData, PresetSize, job};
use crate::presets::report::{JobOutcome, Report};
use crate::presets::result::{Bars, Chart, Unit};
use crate::presets::Preset;
use crate::presets::verdict::Claim;

/// The transferred block counts.
pub const BLOCKS: [usize; 3] = [1, 2, 3];

pub struct A8;

static CARD: Preset = Preset {
    id: "a8",
    title: "A8 · Transfer the pretext network's first blocks",
    question: "Copy the first k conv blocks of the rotation network (A7) into the CIFAR-10 classifier (A6), frozen or trainable. Which k helps most?",
    setup: "k = 1, 2, 3, frozen vs trainable, beside the classifier trained from scratch (k = 0).",
    source: MNIST_2025,
    differences: "The lab trains on the shipped CIFAR-10 subset: 4,000 training and 1,000 test images, not 50,000/10,000, for 3 epochs a model (the pretext, the baseline and six transfers), not 22. Dropout 0.25 after each conv block, as reported (until 2026-12-05 the lab dropped out once, before the output layer).",
    dataset: DatasetId::Cifar10,
    reported: &[
        finding("best", "best case", "k = 2, trainable"),
        figure("best_accuracy", "best test accuracy", 0.7715, "77.15%"),
        figure("best_test_ce", "best test CE", 0.6650, "0.6650"),
    ],
};

impl Experiment for A8 {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    fn jobs(&self, size: PresetSize) -> Vec<Job> {
        let epochs = size.epochs(3, 22);
        let mut jobs = vec![Job { data: JobData::Rotation, ..job("rotation pretext", cnn(epochs)) }, job("k = 0 (no transfer)", cnn(epochs))];
        for k in BLOCKS {
            for frozen in [true, false] {
                let label = format!("k = {k}, {}", if frozen { "frozen" } else { "trainable" });
                jobs.push(Job { init: Init::Blocks { from: 0, k, frozen }, ..job(label, cnn(epochs)) });
            }
        }
        jobs
    }

    fn quick_train_images(&self) -> usize {
        QUICK_CNN_IMAGES
    }

    fn claims(&self) -> &'static [Claim] {
        &[Claim::Within { metric: "best", label: "", text: "", of: "best_k", low: 2.0, high: 2.0 }]
    }

    /// Accuracy and CE of every transfer case, the best one, and the grouped bars by k.
    fn report(&self, r: &mut Report<'_>) {
        let nets = r.classifiers();
        let transfers: Vec<&JobOutcome> = nets.iter().copied().filter(|o| o.label.starts_with("k = ") && !o.label.starts_with("k = 0")).collect();
        for o in &transfers {
            let key = o.label.replace("k = ", "k").replace(", ", "_");
            r.put_lab_only(format!("accuracy_{key}"), format!("test accuracy, {}", o.label), o.accuracy(), Unit::Fraction);
            r.put_lab_only(format!("test_ce_{key}"), format!("test CE, {}", o.label), o.final_test(), Unit::Loss);
        }
        let baseline = nets.iter().copied().find(|o| o.label.starts_with("k = 0"));
        if let Some(base) = baseline {
            r.put_lab_only("accuracy_k0", "test accuracy, k = 0 (no transfer)", base.accuracy(), Unit::Fraction);
            r.put_lab_only("test_ce_k0", "test CE, k = 0 (no transfer)", base.final_test(), Unit::Loss);
        }
        if let Some(pretext) = nets.iter().find(|o| o.label == "rotation pretext") {
            r.put_lab_only("pretext_accuracy", "rotation pretext test accuracy (A7)", pretext.accuracy(), Unit::Fraction);
        }
        let best = transfers.iter().copied().filter(|o| o.accuracy().is_finite()).max_by(|a, b| a.accuracy().total_cmp(&b.accuracy()));
        if let Some(best) = best {
            r.put("best_accuracy", best.accuracy(), Unit::Fraction);
            r.put("best_test_ce", best.final_test(), Unit::Loss);
            if let Some(k) = best.label.trim_start_matches("k = ").split(',').next().and_then(|k| k.parse::<f64>().ok()) {
                r.put_lab_only("best_k", "transferred blocks of the best case", k, Unit::Count);
            }
            r.note(format!("Best case here: {} ({:.2}% test accuracy).", best.label, best.accuracy() * 100.0));
        }
        r.answer("best", best.map(|o| o.label.clone()));
        let find = |k: usize, kind: &str| transfers.iter().copied().find(|o| o.label == format!("k = {k}, {kind}"));
        let groups = vec!["k = 0".to_string(), "k = 1".into(), "k = 2".into(), "k = 3".into()];
        let bars = |f: &dyn Fn(&JobOutcome) -> f64| {
            ["frozen", "trainable"]
                .iter()
                .map(|kind| Bars {
                    name: kind.to_string(),
                    values: (0..=3).map(|k| if k == 0 { baseline.map_or(f64::NAN, f) } else { find(k, kind).map_or(f64::NAN, f) }).collect(),
                    errors: None,
                })
                .collect()
        };
        r.chart(Chart::Bars { title: "Test accuracy by transferred blocks k".into(), y_label: "accuracy".into(), groups: groups.clone(), bars: bars(&|o| o.accuracy()) });
        r.chart(Chart::Bars { title: "Test cross-entropy by transferred blocks k".into(), y_label: "CE".into(), groups, bars: bars(&|o| o.final_test()) });
    }
}
