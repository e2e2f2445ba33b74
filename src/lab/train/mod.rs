//! Training: losses, the step loop in readback-sized chunks, evaluation.

mod error;
mod loss;
mod trainer;

pub use error::TrainError;
pub use loss::reconstruction_loss;
pub use trainer::{RECON_COUNT, Trainer};
