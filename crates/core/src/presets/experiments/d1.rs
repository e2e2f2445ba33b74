//! D1 · A linear SVM, frog or horse, with the notebook's first settings; D2's tuned settings
//! train beside them as the reference that "underfits" and "noisy" are judged against (the rule:
//! docs/findings-d1.md, declared before it was first run).

use super::shared::{CIFAR_MLP, svm, svm_accuracy};
use crate::data::DatasetId;
use crate::presets::catalog::{figure, finding};
use crate::presets::experiment::{Experiment, Measure};
use crate::presets::plan::{Job, PresetSize};
use crate::presets::report::{JobOutcome, Report};
use crate::presets::result::Unit;
use crate::presets::verdict::Claim;
use crate::presets::Preset;

pub struct D1;

/// The two arms' labels; the first word names their metrics (`train_accuracy_first`).
const FIRST: &str = "first settings";
const TUNED: &str = "tuned";

static CARD: Preset = Preset {
    id: "d1",
    title: "D1 · A linear SVM: frog or horse?",
    question: "One linear layer, a hinge loss and the notebook's first settings: how well can a straight cut separate frogs from horses?",
    setup: "Classes 6 (frog, y = −1) vs 7 (horse, y = +1), normalised with mean 0.25 and std 0.25, 70/30 train/validation, batch 64, SGD lr 0.1, weight decay 0.5, C = 1, 50 epochs.",
    source: CIFAR_MLP,
    differences: "The subset's ~800 frogs and horses (the notebook: 10,000), 10 epochs by default; accuracy on the subset's test frogs and horses. \"Underfits\" and \"noisy\" are measured against the same SVM with D2's tuned settings, trained beside on the same images (declared in docs/findings-d1.md before it was first run): the first settings underfit when their final weights classify fewer training images right than the tuned ones' do, and are noisy when their validation accuracy moves more between epochs.",
    dataset: DatasetId::Cifar10,
    reported: &[
        figure("test_accuracy", "test accuracy", 0.6080, "60.80%"),
        finding("underfits", "training: underfits (fits its training images worse than the tuned settings)", "underfits"),
        finding("noisy", "training: noisy (validation accuracy moves more per epoch than with the tuned settings)", "noisy"),
    ],
};

impl Experiment for D1 {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    fn jobs(&self, size: PresetSize) -> Vec<Job> {
        let epochs = size.epochs(10, 50);
        vec![svm(FIRST, 0.1, 0.5, 0.0, 1.0, epochs), svm(TUNED, 0.01, 0.01, 0.9, 0.1, epochs)]
    }

    fn measures(&self) -> &'static [Measure] {
        &[Measure::TrainConfusion]
    }

    fn claims(&self) -> &'static [Claim] {
        &[
            Claim::Rises { metric: "underfits", label: "", text: "", chain: &["train_accuracy_first", "train_accuracy_tuned"] },
            Claim::Rises { metric: "noisy", label: "", text: "", chain: &["val_jump_tuned", "val_jump_first"] },
        ]
    }

    fn report(&self, r: &mut Report<'_>) {
        svm_accuracy(r, |o| if o.label == FIRST { "test_accuracy".into() } else { "test_accuracy_tuned".into() });
        let nets = r.classifiers();
        let (Some(first), Some(tuned)) = (nets.iter().find(|o| o.label == FIRST), nets.iter().find(|o| o.label == TUNED)) else { return };
        r.put_lab_only("test_accuracy_tuned", "test accuracy, tuned settings (the reference)", tuned.heldout_accuracy.unwrap_or(f64::NAN), Unit::Fraction);
        let fit = [first, tuned].map(|o| 1.0 - o.train_error());
        let jump = [first, tuned].map(|o| mean_validation_jump(o));
        r.put("train_accuracy_first", fit[0], Unit::Fraction);
        r.put("train_accuracy_tuned", fit[1], Unit::Fraction);
        r.put("val_jump_first", jump[0], Unit::Fraction);
        r.put("val_jump_tuned", jump[1], Unit::Fraction);
        let points = |v: f64| format!("{:.1}%", v * 100.0);
        r.answer("underfits", fit.iter().all(|v| v.is_finite()).then(|| format!("training accuracy {} with the first settings, {} tuned", points(fit[0]), points(fit[1]))));
        r.answer(
            "noisy",
            jump.iter().all(|v| v.is_finite()).then(|| format!("validation accuracy moved {:.1} points per epoch with the first settings, {:.1} tuned", jump[0] * 100.0, jump[1] * 100.0)),
        );
        r.note(format!(
            "First settings: validation accuracy moved by {:.1} points per epoch on average (train {:.1}%, validation {:.1}% at the end).",
            jump[0] * 100.0,
            fit[0] * 100.0,
            (1.0 - first.error_curve(true).last().map_or(f64::NAN, |p| p.1)) * 100.0
        ));
    }
}

/// The mean absolute change of the validation accuracy between consecutive epochs, the untrained
/// model's point left out (NaN with fewer than two trained epochs).
fn mean_validation_jump(o: &JobOutcome) -> f64 {
    let acc: Vec<f64> = o.error_curve(true).iter().skip(1).map(|p| 1.0 - p.1).collect();
    let jumps: Vec<f64> = acc.windows(2).map(|w| (w[1] - w[0]).abs()).collect();
    if jumps.is_empty() { f64::NAN } else { jumps.iter().sum::<f64>() / jumps.len() as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Hyperparams;

    #[test]
    fn validation_jump_leaves_the_untrained_point_out() {
        let mut o = JobOutcome::new(FIRST.into(), Hyperparams::default(), 0);
        // Epoch 0 (untrained) 0.5, then 0.6, 0.7, 0.65: moves 0.1 and 0.05.
        o.test_accuracy = vec![0.5, 0.6, 0.7, 0.65];
        assert!((mean_validation_jump(&o) - 0.075).abs() < 1e-6);
        o.test_accuracy.truncate(2);
        assert!(mean_validation_jump(&o).is_nan(), "one trained epoch: nothing to judge");
    }
}
