//! Where a training run stands, as plain data: enough to continue it after a reload, a closed
//! tab or a crashed worker. The worker writes one at epochs' ends and at least every minute
//! ([`checkpoint_due`], `Trainer::checkpoint`), keeps the latest in IndexedDB, and the page hands
//! it back to resume (`Trainer::resume`). On the CPU a resumed run follows the curve the
//! uninterrupted run would have followed, to the bit, for every model that draws no noise while
//! it trains (no dropout, not a VAE); those draw fresh noise from the resumed step on (same
//! distribution, other draws).

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::data::DatasetId;
use super::settings::Hyperparams;

/// A run's state at the end of a training chunk (every figure read back, nothing pending).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub hp: Hyperparams,
    /// The data it trains on: resuming needs the same set loaded (same id and size).
    pub dataset: DatasetId,
    pub train_len: usize,
    /// Epochs completed.
    pub epoch: usize,
    /// Steps into the current epoch.
    pub step_in_epoch: usize,
    /// Steps in all.
    pub step: usize,
    /// The current epoch's order of the training images (each epoch reshuffles the last one).
    #[serde(with = "super::le_bytes")]
    pub order: Vec<i32>,
    /// The batch shuffler's generator: ChaCha12 seed and word position.
    #[serde(with = "serde_bytes")]
    pub rng_seed: Vec<u8>,
    pub rng_word_pos: u64,
    /// The model's parameter ids in visiting order, as decimal text (they are 64-bit; JS numbers
    /// hold 53): the optimiser's state is keyed by them.
    pub param_ids: Vec<String>,
    /// The weights as `.safetensors` (PyTorch names).
    #[serde(with = "serde_bytes")]
    pub weights: Vec<u8>,
    /// The optimiser's state (burnpack); empty where it could not be read (WebGPU: burn reads
    /// it synchronously, which a browser cannot do), and the optimiser then starts afresh.
    #[serde(with = "serde_bytes")]
    pub optimizer: Vec<u8>,
    /// Early stopping's best epoch so far: its test loss, epoch and weights.
    pub best: Option<BestSoFar>,
}

/// Longest training time between two checkpoints (and before the first).
pub const CHECKPOINT_EVERY: Duration = Duration::from_secs(60);

/// Shortest time between two checkpoints kept at epochs' ends. A small model on the shipped
/// subsets ends an epoch every half second; a checkpoint each time wrote ~11 MB/s to the
/// browser's storage, and on a 2-core machine the browser's commit of it took the threaded
/// worker's cores: the next chunks trained up to a third slower (BENCHMARKS.md, session 65).
pub const CHECKPOINT_AT_MOST_EVERY: Duration = Duration::from_secs(10);

/// Whether a run in training is due a checkpoint after a chunk of steps: at the first epoch's
/// end, at a later epoch's end once the last checkpoint is [`CHECKPOINT_AT_MOST_EVERY`] old, and
/// whenever it is [`CHECKPOINT_EVERY`] old (before the first: since the run began), epoch's end
/// or not. `since_last` is `None` until the run's first checkpoint.
pub fn checkpoint_due(epoch_ended: bool, since_last: Option<Duration>, since_start: Duration) -> bool {
    match since_last {
        None => epoch_ended || since_start >= CHECKPOINT_EVERY,
        Some(age) => age >= CHECKPOINT_EVERY || (epoch_ended && age >= CHECKPOINT_AT_MOST_EVERY),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BestSoFar {
    pub loss: f32,
    pub epoch: usize,
    #[serde(with = "serde_bytes")]
    pub weights: Vec<u8>,
}

impl Checkpoint {
    /// Whether the optimiser's state came along (see [`Checkpoint::optimizer`]).
    pub fn keeps_optimizer(&self) -> bool {
        !self.optimizer.is_empty()
    }

    /// Bytes it takes, roughly (for the storage line).
    pub fn size(&self) -> usize {
        self.weights.len() + self.optimizer.len() + self.order.len() * 4 + self.best.as_ref().map_or(0, |b| b.weights.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECOND: Duration = Duration::from_secs(1);

    #[test]
    fn the_first_epochs_end_is_kept_at_once() {
        assert!(checkpoint_due(true, None, SECOND / 2));
        assert!(!checkpoint_due(false, None, SECOND / 2));
    }

    #[test]
    fn short_epochs_are_kept_at_most_every_ten_seconds() {
        assert!(!checkpoint_due(true, Some(SECOND / 2), 3 * SECOND));
        assert!(!checkpoint_due(true, Some(CHECKPOINT_AT_MOST_EVERY - SECOND), 30 * SECOND));
        assert!(checkpoint_due(true, Some(CHECKPOINT_AT_MOST_EVERY), 30 * SECOND));
        assert!(!checkpoint_due(false, Some(CHECKPOINT_AT_MOST_EVERY), 30 * SECOND));
    }

    #[test]
    fn a_long_epoch_is_kept_every_minute_from_the_runs_start() {
        assert!(!checkpoint_due(false, None, CHECKPOINT_EVERY - SECOND));
        assert!(checkpoint_due(false, None, CHECKPOINT_EVERY));
        assert!(checkpoint_due(false, Some(CHECKPOINT_EVERY), 5 * CHECKPOINT_EVERY));
        assert!(!checkpoint_due(false, Some(CHECKPOINT_EVERY - SECOND), 5 * CHECKPOINT_EVERY));
    }
}
