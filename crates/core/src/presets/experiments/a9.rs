//! A9 · CIFAR-10 in two dimensions, by contrast: a margin-contrastive conv embedder straight to
//! 2-D, and which classes separate.

use super::shared::{MNIST_2025, QUICK_CNN_IMAGES};
use crate::analysis::{KNN_K, held_out_knn_accuracy};
use crate::data::DatasetId;
use crate::presets::catalog::{figure, finding};
use crate::presets::experiment::{Experiment, Measure};
use crate::presets::plan::{Job, PresetSize, job};
use crate::presets::report::{Report, curves};
use crate::presets::result::{Scatter, Unit};
use crate::presets::verdict::Claim;
use crate::presets::Preset;
use crate::settings::{ConvStack, Hyperparams, ModelKind};

pub struct A9;

static CARD: Preset = Preset {
    id: "a9",
    title: "A9 · CIFAR-10 in two dimensions, by contrast",
    question: "Train a conv network to put same-class photos close and different-class photos at least √M apart, directly in 2-D. Which classes separate?",
    setup: "Margin loss S·d² + (1−S)·max(M − d², 0), M = 2, pairs = the batch against a permutation of itself; 2 conv blocks (32, 10 channels, dropout 0.1), FC 1000-500-100-10-2, 20 epochs, lr 1e-3.",
    source: MNIST_2025,
    differences: "The report's embedder and loss; on the 4,000-image CIFAR-10 subset for 5 epochs at the default size (the full size: 20 epochs on the whole training set). Until 2026-11-29 the lab used its own conv embedder (3→64→128→256 stride-2 convolutions, then a linear map to 2-D). \"What separates\" is judged by a 10-NN vote among the test codes in 2-D (each odd-numbered code voted on by the even-numbered ones): how far it beats always naming the commonest class, as a share of the way from there to always right, must be larger for vehicles against animals than among birds, cats and dogs (declared on 2026-11-30, after the default size's words were known).",
    dataset: DatasetId::Cifar10,
    reported: &[
        figure("train_loss", "train contrastive loss", 0.5373, "0.5373"),
        figure("test_loss", "test contrastive loss", 0.5145, "0.5145"),
        finding("separation", "what separates", "vehicles vs animals separate; cat/dog/bird overlap"),
    ],
};

impl Experiment for A9 {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    fn jobs(&self, size: PresetSize) -> Vec<Job> {
        vec![job(
            "margin contrastive, 2-D",
            Hyperparams {
                model: ModelKind::ConvContrastive,
                conv_stack: ConvStack::Blocks,
                latent: 2,
                margin: 2.0,
                batch: 128,
                epochs: size.epochs(5, 20),
                ..Hyperparams::default()
            },
        )]
    }

    fn quick_train_images(&self) -> usize {
        QUICK_CNN_IMAGES
    }

    fn measures(&self) -> &'static [Measure] {
        &[Measure::CodesBeforeTraining, Measure::Codes { caption: Some("after training") }]
    }

    fn claims(&self) -> &'static [Claim] {
        &[Claim::Rises { metric: "separation", label: "", text: "", chain: &["separation_pets", "separation_vehicles"] }]
    }

    fn report(&self, r: &mut Report<'_>) {
        let outcomes = r.outcomes;
        if let Some(o) = outcomes.first() {
            r.put("train_loss", o.final_train(), Unit::Loss);
            r.put("test_loss", o.final_test(), Unit::Loss);
        }
        r.chart(curves(&outcomes.iter().collect::<Vec<_>>(), "Contrastive loss per epoch", "loss", true, |o, test| o.curve(test)));
        let Some(scatter) = outcomes.first().and_then(|o| o.scatters.last()) else { return };
        let s = Separation::of(scatter);
        r.put("separation_vehicles", s.vehicles.beyond_commonest(), Unit::Fraction);
        r.put("separation_pets", s.pets.beyond_commonest(), Unit::Fraction);
        r.answer("separation", Some(s.in_words()));
    }
}

/// CIFAR-10's vehicles (airplane, automobile, ship, truck).
const VEHICLES: [u8; 4] = [0, 1, 8, 9];

/// CIFAR-10's bird, cat and dog.
const PETS: [u8; 3] = [2, 3, 5];

/// A k-NN vote's accuracy and that of always naming the commonest class, on the same queries.
#[derive(Debug, Clone, Copy)]
struct Vote {
    accuracy: f64,
    commonest: f64,
}

impl Vote {
    /// [`held_out_knn_accuracy`] on `points` (2-D), beside the share of its queries (the
    /// odd-indexed points) in their commonest class.
    fn of(points: &[f32], labels: &[u8]) -> Self {
        let mut counts = [0usize; 256];
        for &l in labels.iter().skip(1).step_by(2) {
            counts[usize::from(l)] += 1;
        }
        let queries: usize = counts.iter().sum();
        let commonest = counts.iter().max().copied().unwrap_or(0);
        let accuracy = if labels.len() >= 4 { f64::from(held_out_knn_accuracy(points, labels, 2, KNN_K)) } else { f64::NAN };
        Self { accuracy, commonest: commonest as f64 / queries.max(1) as f64 }
    }

    /// How far the vote beats naming the commonest class, as a share of the way from there to
    /// always right: 0 no better, 1 always right, below 0 worse.
    fn beyond_commonest(self) -> f64 {
        (self.accuracy - self.commonest) / (1.0 - self.commonest)
    }
}

/// How well the 2-D embedding tells vehicles from animals, and birds, cats and dogs apart.
struct Separation {
    vehicles: Vote,
    pets: Vote,
}

impl Separation {
    fn of(scatter: &Scatter) -> Self {
        let points: Vec<f32> = scatter.points.iter().flat_map(|p| [p.0, p.1]).collect();
        let kind: Vec<u8> = scatter.labels.iter().map(|l| u8::from(VEHICLES.contains(l))).collect();
        let (mut pets, mut pet_labels) = (Vec::new(), Vec::new());
        for (p, &l) in scatter.points.iter().zip(&scatter.labels) {
            if PETS.contains(&l) {
                pets.extend([p.0, p.1]);
                pet_labels.push(l);
            }
        }
        Self { vehicles: Vote::of(&points, &kind), pets: Vote::of(&pets, &pet_labels) }
    }

    fn in_words(&self) -> String {
        let share = |v: f64| format!("{:.1}%", v * 100.0);
        let way = |v: Vote| match v.beyond_commonest() {
            b if b < 0.0 => "worse than always naming it".to_string(),
            b => format!("{:.0}% of the way from there to always right", b * 100.0),
        };
        format!(
            "In the 2-D embedding, {KNN_K}-NN tells vehicles from animals {} of the time (always \"animal\": {}; {}); among birds, cats and dogs alone it is right {} (always naming the commonest of the three: {}; {}).",
            share(self.vehicles.accuracy),
            share(self.vehicles.commonest),
            way(self.vehicles),
            share(self.pets.accuracy),
            share(self.pets.commonest),
            way(self.pets),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vote_against_the_commonest_class() {
        // Two tight clusters far apart: every query's neighbours share its label.
        let mut points = Vec::new();
        let mut labels = Vec::new();
        for i in 0..60 {
            let label = u8::from(i % 3 == 0);
            points.extend([f32::from(label) * 100.0 + (i as f32) * 0.01, 0.0]);
            labels.push(label);
        }
        let v = Vote::of(&points, &labels);
        assert_eq!(v.accuracy, 1.0);
        assert!((v.commonest - 2.0 / 3.0).abs() < 1e-9, "{}", v.commonest);
        assert!((v.beyond_commonest() - 1.0).abs() < 1e-9);
        // No better than naming the commonest class: 0.
        assert!(Vote { accuracy: 0.6, commonest: 0.6 }.beyond_commonest().abs() < 1e-12);
        assert!(Vote { accuracy: 0.3, commonest: 0.4 }.beyond_commonest() < 0.0);
    }
}
