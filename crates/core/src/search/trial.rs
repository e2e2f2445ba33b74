//! One trial of a study: the values tried, the losses seen and how it ended.

use serde::{Deserialize, Serialize};

use super::space::Space;
use super::value::Value;

/// How far a trial got.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum TrialState {
    /// Asked for and not finished yet.
    Running,
    /// Trained to the end.
    Complete {
        /// The final validation loss (finite).
        value: f64,
    },
    /// Stopped early, by the pruner or by the caller.
    Pruned {
        /// The last epoch (0-based) it reported.
        at_epoch: usize,
    },
    /// Stopped by an error.
    Failed {
        /// What went wrong: a non-finite loss, or whatever the caller said.
        reason: String,
    },
}

impl TrialState {
    /// `"running"`, `"complete"`, `"pruned"` or `"failed"`.
    pub fn key(&self) -> &'static str {
        match self {
            TrialState::Running => "running",
            TrialState::Complete { .. } => "complete",
            TrialState::Pruned { .. } => "pruned",
            TrialState::Failed { .. } => "failed",
        }
    }

    /// Whether the trial has ended (any state but [`TrialState::Running`]).
    pub fn is_finished(&self) -> bool {
        !matches!(self, TrialState::Running)
    }
}

/// One set of values tried, with the validation loss after each epoch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trial {
    /// Its position in the study: 0, 1, 2, …
    pub number: usize,
    /// One value per dimension, in the space's order.
    pub values: Vec<Value>,
    /// The validation loss after each epoch (index = 0-based epoch); always finite.
    pub intermediate: Vec<f64>,
    /// How far it got.
    pub state: TrialState,
}

impl Trial {
    /// The final validation loss, if the trial completed.
    pub fn value(&self) -> Option<f64> {
        match self.state {
            TrialState::Complete { value } => Some(value),
            _ => None,
        }
    }

    /// The value of the dimension called `name` of `space` (the study's space).
    pub fn get<'a>(&'a self, space: &Space, name: &str) -> Option<&'a Value> {
        space.get(&self.values, name)
    }

    /// The validation loss after `epoch` (0-based), if it was reported.
    pub fn at_epoch(&self, epoch: usize) -> Option<f64> {
        self.intermediate.get(epoch).copied()
    }
}
