//! Optuna's median rule for stopping a trial early.

use serde::{Deserialize, Serialize};

use super::trial::Trial;

/// Prune a trial whose validation loss after an epoch is worse (strictly higher) than the
/// median of the completed trials' losses after the same epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MedianPruner {
    /// Never prune before this many completed trials have a loss at the epoch. Default 5.
    pub startup_trials: usize,
    /// Never prune at an epoch (0-based) below this: the first `warmup_epochs` epochs are
    /// free. Default 1.
    pub warmup_epochs: usize,
}

impl Default for MedianPruner {
    fn default() -> Self {
        MedianPruner { startup_trials: 5, warmup_epochs: 1 }
    }
}

impl MedianPruner {
    /// A pruner that never prunes (non-finite losses still stop a trial).
    pub fn off() -> Self {
        MedianPruner { startup_trials: usize::MAX, warmup_epochs: usize::MAX }
    }

    /// Whether a trial with `loss` after `epoch` should stop, given all trials so far (only
    /// the completed ones that reported `epoch` count).
    pub fn should_prune(&self, trials: &[Trial], epoch: usize, loss: f64) -> bool {
        if epoch < self.warmup_epochs {
            return false;
        }
        let completed = trials.iter().filter(|t| t.value().is_some());
        let at_epoch: Vec<f64> = completed.filter_map(|t| t.at_epoch(epoch)).collect();
        if at_epoch.is_empty() || at_epoch.len() < self.startup_trials {
            return false;
        }
        loss > median(at_epoch)
    }
}

/// The median of a non-empty list of finite numbers (the mean of the middle two for an even
/// count, as NumPy's).
fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 { values[n / 2] } else { 0.5 * (values[n / 2 - 1] + values[n / 2]) }
}
