//! E2 · Let a search pick the hyper-parameters of E1's autoencoder: random search or TPE, with
//! hopeless trials pruned early. Its result is the search's: the best trial beside the
//! report's, and every trial.

use super::shared::{FASHION, FASHION_LINEAR};
use crate::data::DatasetId;
use crate::presets::catalog::{figure, finding};
use crate::presets::experiment::{Experiment, SearchPlan};
use crate::presets::plan::{PresetSize, QUICK_BATCH};
use crate::presets::report::{Report, ReportInput};
use crate::presets::result::PresetResult;
use crate::presets::search_report::search_result;
use crate::presets::Preset;
use crate::search::{Space, Value, e2_space};
use crate::settings::{ConvStack, Hyperparams, ModelKind, OptimizerKind};

pub struct E2;

static CARD: Preset = Preset {
    id: "e2",
    title: "E2 · Let a search pick the hyper-parameters",
    question: "Latent size, dropout, weight decay, optimiser, learning rate: which combination trains E1's autoencoder best? Try random search against a TPE sampler that learns from earlier trials, with hopeless trials pruned early.",
    setup: "Optuna, 20 trials, 20% of the training images held out for validation; d, dropout, weight decay, optimiser (Adam/SGD), lr.",
    source: FASHION,
    differences: "E1's autoencoder (288→64→d) in each trial; 3 epochs per trial on the 10,000-image subset (8,000 train, 2,000 validation); median pruning after the first epoch once 5 trials completed.",
    dataset: DatasetId::FashionMnist,
    reported: &[
        figure("best_d", "best d", 185.0, "185"),
        finding("best_optimiser", "best optimiser", "Adam"),
        figure("best_lr", "best learning rate", 0.0058, "0.0058"),
        figure("best_dropout", "best dropout", 0.005, "0.005"),
        figure("best_weight_decay", "best weight decay", 1.038e-5, "1.038e-5"),
    ],
};

impl Experiment for E2 {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    /// The report's search: 20 trials (3 at the quick size), a few epochs each.
    fn search(&self, size: PresetSize) -> Option<SearchPlan> {
        let (trials, epochs) = match size {
            PresetSize::Quick => (3, 1),
            PresetSize::Default => (20, 3),
            PresetSize::Full => (20, 10),
        };
        let batch = if size == PresetSize::Quick { QUICK_BATCH } else { 256 };
        Some(SearchPlan { space: e2_space(), trials, epochs, batch, hyperparams: trial_hyperparams })
    }

    fn report(&self, _: &mut Report<'_>) {}

    fn result(&self, input: ReportInput<'_>) -> PresetResult {
        match input.study {
            Some(study) => search_result(&CARD, study, input.outcomes, input.total_jobs),
            None => Report::new(&CARD, input).finish(),
        }
    }
}

/// A trial's hyper-parameters: E1's conv autoencoder with the searched values.
fn trial_hyperparams(space: &Space, values: &[Value]) -> Hyperparams {
    let number = |name: &str| space.get(values, name).map(Value::as_f64).unwrap_or(f64::NAN);
    let optimizer = match space.choice_of(values, "optimiser") {
        Some("sgd") => OptimizerKind::Sgd,
        _ => OptimizerKind::Adam,
    };
    Hyperparams {
        model: ModelKind::ConvAe,
        conv_hidden: FASHION_LINEAR,
        conv_stack: ConvStack::Report,
        latent: number("d") as usize,
        dropout: number("dropout"),
        weight_decay: number("weight_decay"),
        optimizer,
        lr: number("lr"),
        ..Hyperparams::default()
    }
}
