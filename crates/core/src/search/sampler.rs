//! How the next trial's values are chosen.

use serde::{Deserialize, Serialize};

crate::keyed::keyed_enum! {
    /// The strategy that proposes each trial's values; its key is `"random"` or `"tpe"`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum Sampler {
        /// Independent uniform draws (log-uniform on log dimensions).
        Random = "random",
        /// The Tree-structured Parzen Estimator (Bergstra et al. 2011), as in Optuna's default
        /// independent `TPESampler`; see [`TpeSettings`].
        Tpe = "tpe",
    }
}

impl Sampler {
    /// Both samplers, for a menu.
    pub const ALL: [Sampler; 2] = [Sampler::Random, Sampler::Tpe];
}

/// The knobs of [`Sampler::Tpe`]. The defaults are Optuna's, except `gamma`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TpeSettings {
    /// Trials drawn at random before TPE takes over: TPE is used once this many trials have
    /// finished (in any state) and at least one of them completed. Default 10.
    pub startup_trials: usize,
    /// Candidates drawn from the good density per dimension; the one with the largest
    /// `l(x)/g(x)` wins. Default 24.
    pub candidates: usize,
    /// The fraction of completed trials (lowest values) that form the good group:
    /// `ceil(gamma · completed)`, at least 1 and at most 25. Default 0.25.
    pub gamma: f64,
    /// The weight of the prior kernel (uniform over the dimension) in each density; each
    /// observation weighs 1. Default 1.
    pub prior_weight: f64,
}

impl Default for TpeSettings {
    fn default() -> Self {
        TpeSettings { startup_trials: 10, candidates: 24, gamma: 0.25, prior_weight: 1.0 }
    }
}
