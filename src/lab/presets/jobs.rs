//! Where a preset's models come from: a fixed list, or (E2) a hyper-parameter search that
//! proposes each trial from the ones before and may prune it after any epoch.

use super::plan::{Job, PresetSize, jobs};
use super::Preset;
use crate::lab::search::{Sampler, Study, Value, e2_space};
use crate::lab::settings::{Hyperparams, ModelKind, OptimizerKind};

pub enum JobSource {
    Fixed(Vec<Job>),
    Search { study: Study, trials: usize, epochs: usize },
}

/// The report's E2 search: 20 trials (3 at the quick size), a few epochs each.
fn search(size: PresetSize, sampler: Sampler, seed: u64) -> JobSource {
    let (trials, epochs) = match size {
        PresetSize::Quick => (3, 1),
        PresetSize::Default => (20, 3),
        PresetSize::Full => (20, 10),
    };
    JobSource::Search { study: Study::new(e2_space(), sampler, seed), trials, epochs }
}

/// A trial's hyper-parameters: E1's conv autoencoder with the searched values.
fn trial_hyperparams(study: &Study, values: &[Value], epochs: usize) -> Hyperparams {
    let space = study.space();
    let number = |name: &str| space.get(values, name).map(Value::as_f64).unwrap_or(f64::NAN);
    let optimizer = match space.choice_of(values, "optimiser") {
        Some("sgd") => OptimizerKind::Sgd,
        _ => OptimizerKind::Adam,
    };
    Hyperparams {
        model: ModelKind::ConvAe,
        latent: number("d") as usize,
        dropout: number("dropout"),
        weight_decay: number("weight_decay"),
        optimizer,
        lr: number("lr"),
        batch: if epochs == 1 { super::plan::QUICK_BATCH } else { 256 },
        epochs,
        ..Hyperparams::default()
    }
}

impl JobSource {
    pub fn new(preset: &Preset, size: PresetSize, sampler: Sampler, seed: u64) -> JobSource {
        if preset.id == "e2" { search(size, sampler, seed) } else { JobSource::Fixed(jobs(preset, size)) }
    }

    pub fn total(&self) -> usize {
        match self {
            JobSource::Fixed(jobs) => jobs.len(),
            JobSource::Search { trials, .. } => *trials,
        }
    }

    /// Model `index` (the next one), with its trial number in a search.
    pub fn next(&mut self, index: usize) -> Option<(Job, Option<usize>)> {
        match self {
            JobSource::Fixed(jobs) => jobs.get(index).map(|j| (j.clone(), None)),
            JobSource::Search { study, trials, epochs } => (index < *trials).then(|| {
                let (number, values) = study.ask();
                let label = format!("trial {number}: {}", study.space().describe(&values));
                let hp = trial_hyperparams(study, &values, *epochs);
                (super::plan::job(label, hp), Some(number))
            }),
        }
    }

    /// Model `index`'s label before it starts (progress text), if known.
    pub fn label(&self, index: usize) -> String {
        match self {
            JobSource::Fixed(jobs) => jobs.get(index).map(|j| j.label.clone()).unwrap_or_default(),
            JobSource::Search { .. } => format!("trial {index}"),
        }
    }

    /// A trial's validation loss after `epoch` (from 1); whether to stop it now.
    pub fn after_epoch(&mut self, trial: Option<usize>, epoch: usize, loss: f32) -> bool {
        match (self, trial) {
            (JobSource::Search { study, .. }, Some(n)) => study.report(n, epoch.saturating_sub(1), f64::from(loss)),
            _ => false,
        }
    }

    /// A trial ended: completed with its final loss, or failed.
    pub fn finished(&mut self, trial: Option<usize>, outcome: Result<f32, String>) {
        if let (JobSource::Search { study, .. }, Some(n)) = (self, trial) {
            match outcome {
                Ok(loss) => study.complete(n, f64::from(loss)),
                Err(reason) => study.fail(n, reason),
            }
        }
    }

    /// Whether a later job starts from job `index`'s trained model.
    pub fn is_source(&self, index: usize) -> bool {
        match self {
            JobSource::Fixed(jobs) => jobs.iter().any(|j| j.init.source() == Some(index)),
            JobSource::Search { .. } => false,
        }
    }

    pub fn study(&self) -> Option<&Study> {
        match self {
            JobSource::Search { study, .. } => Some(study),
            JobSource::Fixed(_) => None,
        }
    }
}
