//! The search space of the report's experiment E2 (Optuna, 20 trials, 20% validation; best
//! d 185, Adam, lr 0.0058, dropout 0.005, weight decay 1.038e-5).

use super::space::{Param, Space};

/// The report's experiment E2: latent size `d` (2..=256, log), `dropout` ([0, 0.5]; the
/// report's best was 0.005), `weight_decay` ([1e-6, 1e-2], log), `optimiser` (adam or sgd)
/// and `lr` ([1e-4, 1e-1], log).
pub fn e2_space() -> Space {
    Space::new(vec![
        Param::int("d", 2, 256, true),
        Param::float("dropout", 0.0, 0.5, false),
        Param::float("weight_decay", 1e-6, 1e-2, true),
        Param::choice("optimiser", &["adam", "sgd"]),
        Param::float("lr", 1e-4, 1e-1, true),
    ])
}
