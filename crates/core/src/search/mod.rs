//! Hyper-parameter search, Optuna style: the report's experiment E2 (20 trials over latent
//! size, dropout, weight decay, optimiser and learning rate). The module never trains: the
//! caller asks a [`Study`] for values, trains epoch by epoch, reports each validation loss
//! (and stops when told to) and completes the trial with its final loss.
//!
//! - [`Space`], [`Param`], [`Value`]: the searched dimensions and a trial's values in them;
//!   [`e2_space`] is the report's.
//! - [`Sampler`]: uniform random draws or TPE ([`TpeSettings`]).
//! - [`MedianPruner`]: stop a trial worse than the completed trials' median at an epoch.
//! - [`Trial`], [`TrialState`]: the record of each trial, for the UI.
//!
//! Pure and single threaded: seeded, no clock, so it runs the same natively and in a worker.

mod axis;
mod e2;
mod normal;
mod parzen;
mod pruner;
mod random;
mod sampler;
mod space;
mod study;
mod tpe;
mod trial;
mod value;

pub use e2::e2_space;
pub use pruner::MedianPruner;
pub use sampler::{Sampler, TpeSettings};
pub use space::{Param, Space};
pub use study::Study;
pub use trial::{Trial, TrialState};
pub use value::Value;
