//! Where a training run stands, as plain data: enough to continue it after a reload, a closed
//! tab or a crashed worker. The worker writes one every epoch and at least every minute
//! (`Trainer::checkpoint`), the page keeps the latest in IndexedDB and hands it back to resume
//! (`Trainer::resume`). On the CPU a resumed run follows the curve the uninterrupted run would
//! have followed, to the bit, for every model that draws no noise while it trains (no dropout,
//! not a VAE); those draw fresh noise from the resumed step on (same distribution, other draws).

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
