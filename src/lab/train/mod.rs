//! Training: losses, the step loop in readback-sized chunks, evaluation.

mod error;
mod loss;
mod objective;
mod trainer;

pub use error::TrainError;
pub use loss::reconstruction_loss;
pub use objective::{Terms, kl_per_image, terms};
pub use trainer::{RECON_COUNT, Trainer, read_floats};
