//! What the trainer reports as it goes: plain values, which the worker turns into messages for
//! the page and the native tools print or collect.

use replab_core::data::ImageStrip;
use replab_core::protocol::Metrics;

/// One report of [`Trainer::advance`](super::Trainer::advance).
#[derive(Debug, Clone, PartialEq)]
pub enum Progress {
    /// The training figures of the steps since the last report (`chunk_steps` steps in
    /// `chunk_seconds`), and the throughput since then.
    Trained { epoch: usize, step: usize, train: Metrics, images_per_s: f32, chunk_steps: usize, chunk_seconds: f32 },
    /// An epoch ended: its held-out figures ([`Evaluation`]).
    Evaluated { epoch: usize, step: usize, test: Metrics, reconstructions: Option<ImageStrip> },
}

/// Held-out figures after `epoch` epochs (0: before training), with reconstructions of the
/// first test images (autoencoders only): [`Trainer::evaluate`](super::Trainer::evaluate).
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub epoch: usize,
    pub step: usize,
    pub test: Metrics,
    pub reconstructions: Option<ImageStrip>,
}

impl From<Evaluation> for Progress {
    fn from(Evaluation { epoch, step, test, reconstructions }: Evaluation) -> Self {
        Progress::Evaluated { epoch, step, test, reconstructions }
    }
}
