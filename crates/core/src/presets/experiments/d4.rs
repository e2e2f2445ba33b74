//! D4 · Tie the decoder to the encoder: half the parameters, worse or better than D3?

use super::shared::{CIFAR_MLP, colour_autoencoders, colour_mlp};
use crate::data::DatasetId;
use crate::presets::catalog::{figure, finding};
use crate::presets::experiment::{Experiment, Measure};
use crate::presets::plan::{Job, PresetSize, job};
use crate::presets::report::Report;
use crate::presets::Preset;
use crate::presets::verdict::Claim;
use crate::settings::ModelKind;

pub struct D4;

static CARD: Preset = Preset {
    id: "d4",
    title: "D4 · Tie the decoder to the encoder",
    question: "Let the decoder reuse the encoder's weights, transposed: half the parameters. Is it worse, or better?",
    setup: "D3's autoencoder beside its weight-tied twin (decoder W₁ᵀ·relu(W₂ᵀ·z + c₂) + c₁, own biases).",
    source: CIFAR_MLP,
    differences: "4,000 training images, 10 epochs by default (the report: 50,000 images, 100 epochs). Time per epoch is the wall time of the machine that trains: on the 2-core machine that recorded REPRODUCTION.md the two models differ by less than their spread from run to run (0.38–0.47 s an epoch for either, over two recorded runs of three seeds each), so the speed verdict flips between runs (reproduced 3/3 in one, reversed 2/3 in the next). Timed step by step instead (`examples/train_native`, the card's two models, five alternated pairs of 8 s on that machine), the tied model trains at 0.86–1.07× the plain one's rate, median 1.00: both do the same multiply-adds, and what the tied one saves (half of Adam's update) does not show beyond the pairs' spread.",
    dataset: DatasetId::Cifar10,
    reported: &[
        figure("val_mse_tied", "validation MSE, tied", 0.012414, "0.012414"),
        figure("val_mse_plain", "validation MSE, plain (D3)", 0.014777, "0.014777"),
        figure("params_tied", "parameters, tied", 400_672.0, "400,672"),
        figure("params_plain", "parameters, plain", 797_984.0, "797,984"),
        finding("speed", "time per epoch", "tied slightly faster"),
    ],
};

impl Experiment for D4 {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    fn jobs(&self, size: PresetSize) -> Vec<Job> {
        let epochs = size.epochs(10, 100);
        vec![job("plain", colour_mlp(ModelKind::MlpAe, epochs)), job("tied", colour_mlp(ModelKind::TiedMlpAe, epochs))]
    }

    fn measures(&self) -> &'static [Measure] {
        &[Measure::Reconstructions { count: 3 }]
    }

    fn claims(&self) -> &'static [Claim] {
        &[
            Claim::Rises {
                metric: "tied_better",
                label: "tied reconstructs better than plain",
                text: "validation MSE tied < plain (0.012414 < 0.014777)",
                chain: &["val_mse_tied", "val_mse_plain"],
            },
            Claim::Rises { metric: "speed", label: "", text: "", chain: &["seconds_tied", "seconds_plain"] },
        ]
    }

    fn report(&self, r: &mut Report<'_>) {
        colour_autoencoders(r, true);
        let find = |label: &str| r.outcomes.iter().find(|o| o.label == label);
        let speed = find("plain")
            .zip(find("tied"))
            .map(|(plain, tied)| format!("tied {:.2} s, plain {:.2} s per epoch", tied.seconds_per_epoch, plain.seconds_per_epoch));
        r.answer("speed", speed);
    }
}
