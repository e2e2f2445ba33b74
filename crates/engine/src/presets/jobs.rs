//! Where a preset's models come from: a fixed list, or a hyper-parameter search that proposes
//! each trial from the ones before and may prune it after any epoch.

use replab_core::presets::experiment::{Experiment, SearchPlan};
use replab_core::presets::plan::{Job, PresetSize, job, jobs};
use replab_core::search::{Sampler, Study};
use replab_core::settings::Hyperparams;

pub enum JobSource {
    Fixed(Vec<Job>),
    Search { study: Study, plan: SearchPlan },
}

impl JobSource {
    pub fn new(experiment: &dyn Experiment, size: PresetSize, sampler: Sampler, seed: u64) -> JobSource {
        match experiment.search(size) {
            Some(plan) => JobSource::Search { study: Study::new(plan.space.clone(), sampler, seed), plan },
            // Every model of the run starts from the run's seed (weights, shuffling, dropout).
            None => JobSource::Fixed(jobs(experiment, size).into_iter().map(|j| Job { hp: Hyperparams { seed, ..j.hp }, ..j }).collect()),
        }
    }

    pub fn total(&self) -> usize {
        match self {
            JobSource::Fixed(jobs) => jobs.len(),
            JobSource::Search { plan, .. } => plan.trials,
        }
    }

    /// Model `index` (the next one), with its trial number in a search.
    pub fn next(&mut self, index: usize) -> Option<(Job, Option<usize>)> {
        match self {
            JobSource::Fixed(jobs) => jobs.get(index).map(|j| (j.clone(), None)),
            JobSource::Search { study, plan } => (index < plan.trials).then(|| {
                let (number, values) = study.ask();
                let label = format!("trial {number}: {}", study.space().describe(&values));
                let hp = (plan.hyperparams)(study.space(), &values);
                (job(label, Hyperparams { epochs: plan.epochs, batch: plan.batch, ..hp }), Some(number))
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
