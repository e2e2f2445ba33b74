//! When a training run's test codes are encoded again for the live scatter: every few steps,
//! but never spending more than about a quarter of the time on it (on a slow device one
//! snapshot can cost as much as many steps).

use web_time::{Duration, Instant};

/// Fewest training steps between live snapshots.
const MIN_STEPS: usize = 20;
/// Training time per unit of snapshot time, at least.
const TRAIN_PER_SNAPSHOT: u32 = 3;

pub struct SnapshotClock {
    step: usize,
    at: Instant,
    cost: Duration,
}

impl SnapshotClock {
    pub fn new(step: usize) -> SnapshotClock {
        SnapshotClock { step, at: Instant::now(), cost: Duration::ZERO }
    }

    /// Whether the model at `step` is due for a live snapshot.
    pub fn is_due(&self, step: usize) -> bool {
        step >= self.step + MIN_STEPS && self.at.elapsed() >= self.cost * TRAIN_PER_SNAPSHOT
    }

    /// A snapshot of the model at `step` began at `started` and has just ended.
    pub fn record(&mut self, step: usize, started: Instant) {
        self.step = step;
        self.cost = started.elapsed();
        self.at = Instant::now();
    }
}
