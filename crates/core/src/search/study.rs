//! A study: the trials of one search, the sampler that proposes them and the pruner that
//! stops them.

use serde::{Deserialize, Serialize};

use super::pruner::MedianPruner;
use super::random::{sample_uniform, trial_rng};
use super::sampler::{Sampler, TpeSettings};
use super::space::Space;
use super::tpe::sample_tpe;
use super::trial::{Trial, TrialState};
use super::value::Value;

/// One hyper-parameter search. The caller trains; the study proposes values ([`Study::ask`]),
/// hears the validation loss after each epoch ([`Study::report`], which may stop the trial)
/// and the final loss ([`Study::complete`]). Lower is better.
///
/// Deterministic: trial `n`'s draws come from a generator seeded by `(seed, n)`, so the same
/// seed and the same history give the same proposals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Study {
    space: Space,
    sampler: Sampler,
    seed: u64,
    tpe: TpeSettings,
    pruner: MedianPruner,
    trials: Vec<Trial>,
}

impl Study {
    /// An empty study with the default [`TpeSettings`] and [`MedianPruner`].
    ///
    /// # Panics
    /// If the space is invalid ([`Space::validate`] says why); check first with user input.
    pub fn new(space: Space, sampler: Sampler, seed: u64) -> Study {
        if let Err(problem) = space.validate() {
            panic!("invalid search space: {problem}");
        }
        let (tpe, pruner) = (TpeSettings::default(), MedianPruner::default());
        Study { space, sampler, seed, tpe, pruner, trials: Vec::new() }
    }

    /// The same study with other TPE settings.
    pub fn with_tpe(mut self, tpe: TpeSettings) -> Study {
        self.tpe = tpe;
        self
    }

    /// The same study with another pruner ([`MedianPruner::off`] never prunes).
    pub fn with_pruner(mut self, pruner: MedianPruner) -> Study {
        self.pruner = pruner;
        self
    }

    /// The searched dimensions.
    pub fn space(&self) -> &Space {
        &self.space
    }

    /// The sampler.
    pub fn sampler(&self) -> Sampler {
        self.sampler
    }

    /// The seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Every trial so far, in order of number (trial `n` is at index `n`).
    pub fn trials(&self) -> &[Trial] {
        &self.trials
    }

    /// Trial `number`, if it was asked for.
    pub fn trial(&self, number: usize) -> Option<&Trial> {
        self.trials.get(number)
    }

    /// The value of the dimension called `name` in `trial`.
    pub fn value_of<'a>(&self, trial: &'a Trial, name: &str) -> Option<&'a Value> {
        trial.get(&self.space, name)
    }

    /// The completed trial with the lowest final value (the earlier one on a tie); pruned,
    /// failed and running trials never count.
    pub fn best(&self) -> Option<&Trial> {
        let completed = self.trials.iter().filter_map(|t| Some((t.value()?, t)));
        let best = completed.reduce(|best, next| if next.0 < best.0 { next } else { best });
        best.map(|(_, t)| t)
    }

    /// The next trial's number and values (one per dimension, in the space's order); the
    /// trial is recorded as running.
    pub fn ask(&mut self) -> (usize, Vec<Value>) {
        let number = self.trials.len();
        let mut rng = trial_rng(self.seed, number);
        let proposal = match self.sampler {
            Sampler::Random => None,
            Sampler::Tpe => sample_tpe(&self.space, &self.trials, &self.tpe, &mut rng),
        };
        let values = proposal.unwrap_or_else(|| {
            self.space.params.iter().map(|p| sample_uniform(p, &mut rng)).collect()
        });
        let state = TrialState::Running;
        self.trials.push(Trial { number, values: values.clone(), intermediate: Vec::new(), state });
        (number, values)
    }

    /// Records trial `number`'s validation loss after `epoch` (0-based; reporting an epoch
    /// again overwrites it) and says whether to stop training it. When it says yes the trial
    /// is already finished: pruned by the median rule, or failed for a non-finite loss (which
    /// is not recorded in `intermediate`). A trial that has already finished is left alone and
    /// told to stop.
    ///
    /// # Panics
    /// If trial `number` was never asked for, or `epoch` skips an unreported epoch.
    pub fn report(&mut self, number: usize, epoch: usize, loss: f64) -> bool {
        let trial = self.running(number);
        let Some(trial) = trial else { return true };
        let reported = trial.intermediate.len();
        assert!(
            epoch <= reported,
            "trial {number}: epoch {epoch} reported before epoch {reported}"
        );
        if !loss.is_finite() {
            trial.state = TrialState::Failed {
                reason: format!("validation loss {loss} after epoch {epoch}"),
            };
            return true;
        }
        if epoch == reported {
            trial.intermediate.push(loss);
        } else {
            trial.intermediate[epoch] = loss;
        }
        if !self.pruner.should_prune(&self.trials, epoch, loss) {
            return false;
        }
        self.trials[number].state = TrialState::Pruned { at_epoch: epoch };
        true
    }

    /// Finishes trial `number` with its final validation loss `value` (a non-finite one fails
    /// it instead). Does nothing to a trial that has already finished.
    ///
    /// # Panics
    /// If trial `number` was never asked for.
    pub fn complete(&mut self, number: usize, value: f64) {
        if let Some(trial) = self.running(number) {
            trial.state = if value.is_finite() {
                TrialState::Complete { value }
            } else {
                TrialState::Failed { reason: format!("final validation loss {value}") }
            };
        }
    }

    /// Stops trial `number` early, at its last reported epoch (0 if none). Does nothing to a
    /// trial that has already finished.
    ///
    /// # Panics
    /// If trial `number` was never asked for.
    pub fn prune(&mut self, number: usize) {
        if let Some(trial) = self.running(number) {
            trial.state =
                TrialState::Pruned { at_epoch: trial.intermediate.len().saturating_sub(1) };
        }
    }

    /// Marks trial `number` as failed, for `reason`. Does nothing to a trial that has already
    /// finished.
    ///
    /// # Panics
    /// If trial `number` was never asked for.
    pub fn fail(&mut self, number: usize, reason: String) {
        if let Some(trial) = self.running(number) {
            trial.state = TrialState::Failed { reason };
        }
    }

    /// Trial `number` if it is still running; panics if it does not exist.
    fn running(&mut self, number: usize) -> Option<&mut Trial> {
        let count = self.trials.len();
        let trial = self.trials.get_mut(number);
        let trial =
            trial.unwrap_or_else(|| panic!("trial {number} was never asked for ({count} so far)"));
        (!trial.state.is_finished()).then_some(trial)
    }
}
