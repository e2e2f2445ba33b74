//! Why training (or a readback) could not go on.

use thiserror::Error;

/// Why training could not go on.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum TrainError {
    #[error("invalid settings: {0}")]
    Settings(String),
    #[error(
        "the loss became {value} at step {step}: training diverged. The weights from the last good \
         check were kept. Lower the learning rate (try 10× smaller) and train again."
    )]
    Diverged { step: usize, value: f32 },
    #[error("the compute backend failed: {0}")]
    Backend(String),
}
