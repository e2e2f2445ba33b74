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
use crate::presets::Preset;
use crate::settings::{ConvStack, Hyperparams, ModelKind};

pub struct A9;

static CARD: Preset = Preset {
    id: "a9",
    title: "A9 · CIFAR-10 in two dimensions, by contrast",
    question: "Train a conv network to put same-class photos close and different-class photos at least √M apart, directly in 2-D. Which classes separate?",
    setup: "Margin loss S·d² + (1−S)·max(M − d², 0), M = 2, pairs = the batch against a permutation of itself; 2 conv blocks (32, 10 channels, dropout 0.1), FC 1000-500-100-10-2, 20 epochs, lr 1e-3.",
    source: MNIST_2025,
    differences: "The report's embedder and loss; on the 4,000-image CIFAR-10 subset for 5 epochs at the default size (the full size: 20 epochs on the whole training set). Until 2026-11-29 the lab used its own conv embedder (3→64→128→256 stride-2 convolutions, then a linear map to 2-D).",
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

    fn report(&self, r: &mut Report<'_>) {
        let outcomes = r.outcomes;
        if let Some(o) = outcomes.first() {
            r.put("train_loss", o.final_train(), Unit::Loss);
            r.put("test_loss", o.final_test(), Unit::Loss);
        }
        r.chart(curves(&outcomes.iter().collect::<Vec<_>>(), "Contrastive loss per epoch", "loss", true, |o, test| o.curve(test)));
        r.answer("separation", outcomes.first().and_then(|o| o.scatters.last()).map(separation));
    }
}

/// CIFAR-10's vehicles (airplane, automobile, ship, truck).
const VEHICLES: [u8; 4] = [0, 1, 8, 9];

/// How well the 2-D embedding separates vehicles from animals, and cat/dog/bird.
fn separation(scatter: &Scatter) -> String {
    let points: Vec<f32> = scatter.points.iter().flat_map(|p| [p.0, p.1]).collect();
    let kind: Vec<u8> = scatter.labels.iter().map(|l| u8::from(VEHICLES.contains(l))).collect();
    let vehicles = held_out_knn_accuracy(&points, &kind, 2, KNN_K);
    let (mut pets, mut pet_labels) = (Vec::new(), Vec::new());
    for (p, &l) in scatter.points.iter().zip(&scatter.labels) {
        if [2u8, 3, 5].contains(&l) {
            pets.extend([p.0, p.1]);
            pet_labels.push(l);
        }
    }
    let among = if pet_labels.len() >= 4 { held_out_knn_accuracy(&pets, &pet_labels, 2, KNN_K) } else { f32::NAN };
    format!(
        "In the 2-D embedding, {KNN_K}-NN tells vehicles from animals {:.1}% of the time (chance ~60%); among birds, cats and dogs alone it is right {:.1}% (chance ~33%).",
        vehicles * 100.0,
        among * 100.0
    )
}
