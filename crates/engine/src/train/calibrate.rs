//! How fast a model trains on a device, measured on a few steps: what `backend=auto` (on a
//! hardware GPU adapter) and `backend=measure` choose the backend by.

use burn::prelude::Device;
use std::time::Duration;

use super::{TrainError, Trainer};
use replab_core::data::Dataset;
use replab_core::settings::Hyperparams;

/// Batches of training images the measuring trainer holds (it cycles through them).
const SAMPLE_BATCHES: usize = 4;
/// Most timed steps per round.
const MAX_TIMED_STEPS: usize = 8;
/// Timed rounds; the fastest counts. On an H200 the first calibration of the small MLP timed
/// its GPU at half the rate of later ones even after the warm-up (clocks ramping up from idle),
/// and chose the CPU.
const ROUNDS: usize = 3;
/// The timed steps' share of a calibration per backend (the warm-up comes on top): what the
/// worker gives each backend before it chooses.
pub const BUDGET_PER_BACKEND: Duration = Duration::from_millis(500);
/// Most warm-up steps. A GPU compiles its kernels over the first steps, not only the first:
/// the forward and backward passes, then the optimiser's, then the fused kernels once fusion
/// has seen the step's stream. On an H200 (native Vulkan) the first calibration of each model
/// timed 2–30× below the later ones after a single warm-up step, and chose the CPU for all
/// three benchmark models (BENCHMARKS.md, "GPU machine").
const MAX_WARMUP_STEPS: usize = 12;
/// The warm-up ends once two steps in a row are within this factor of each other.
const SETTLED: f32 = 1.5;
/// Warm-up time after which the steps are timed even if not settled (a slow device).
const MAX_WARMUP: Duration = Duration::from_secs(10);

/// The images/s of training `hp`'s model on `device`: warm-up steps until two in a row take
/// about the same time (kernels compiled; at most [`MAX_WARMUP_STEPS`] or [`MAX_WARMUP`]),
/// then [`ROUNDS`] rounds of as many timed steps as fit in `budget / ROUNDS` judging by the last
/// warm-up step (at least one, at most [`MAX_TIMED_STEPS`]), each with the same work as a real
/// step (the batch gathered on the device, forward, backward, optimiser) and each round ending
/// with a loss readback; the fastest round's rate.
pub async fn measure_throughput(data: &Dataset, hp: &Hyperparams, device: &Device, budget: Duration) -> Result<f32, TrainError> {
    let sample = Dataset {
        id: data.id,
        train: data.train.slice(0..data.train.len().min(SAMPLE_BATCHES * hp.batch)),
        test: data.test.slice(0..data.test.len().min(hp.batch)),
    };
    let mut trainer = Trainer::new(&sample, hp.clone(), device)?;
    let (mut spent, mut last) = (0.0f32, trainer.time_steps(1).await?.max(1e-4));
    for _ in 1..MAX_WARMUP_STEPS {
        let step = trainer.time_steps(1).await?.max(1e-4);
        spent += last;
        let settled = last.max(step) <= SETTLED * last.min(step);
        last = step;
        if settled || spent + step >= MAX_WARMUP.as_secs_f32() {
            break;
        }
    }
    let steps = ((budget.as_secs_f32() / ROUNDS as f32 / last) as usize).clamp(1, MAX_TIMED_STEPS);
    let mut best = 0.0f32;
    for _ in 0..ROUNDS {
        let seconds = trainer.time_steps(steps).await?.max(1e-6);
        best = best.max((steps * hp.batch) as f32 / seconds);
    }
    Ok(best)
}
