//! Training: losses, the step loop in readback-sized chunks, evaluation.

mod calibrate;
mod compute_pool;
mod contrastive;
mod pairing;
mod predict;
mod progress;
mod loss;
mod objective;
mod reference;
mod step;
mod trainer;

pub use calibrate::{BUDGET_PER_BACKEND, measure_throughput};
pub use contrastive::{margin_contrastive_loss, nt_xent_loss};
pub use crate::error::TrainError;
pub use loss::reconstruction_loss;
pub use objective::{Batch, Figures, Pairing, Terms, hinge_loss, kl_per_image, terms};
pub use progress::{Evaluation, Progress};
pub use reference::{Judgement, judge, reference_hyperparams, train_reference_classifier};
pub use crate::readback::read_floats;
pub use trainer::{RECON_COUNT, Trainer};
