//! How fast a model trains on a device, measured on a few steps: what `backend=auto` (on a
//! hardware GPU adapter) and `backend=measure` choose the backend by.

use burn::prelude::Device;
use std::time::Duration;

use super::{TrainError, Trainer};
use crate::lab::data::Dataset;
use crate::lab::settings::Hyperparams;

/// Batches of training images the measuring trainer holds (it cycles through them).
const SAMPLE_BATCHES: usize = 4;
/// Most timed steps per device.
const MAX_TIMED_STEPS: usize = 8;

/// The images/s of training `hp`'s model on `device`: one warm-up step (which compiles a GPU's
/// kernels), then as many timed steps as fit in `budget` judging by the warm-up (at least one,
/// at most [`MAX_TIMED_STEPS`]), each with the same work as a real step (the batch gathered on
/// the device, forward, backward, optimiser), ending with a loss readback.
pub async fn measure_throughput(data: &Dataset, hp: &Hyperparams, device: &Device, budget: Duration) -> Result<f32, TrainError> {
    let sample = Dataset {
        id: data.id,
        train: data.train.slice(0..data.train.len().min(SAMPLE_BATCHES * hp.batch)),
        test: data.test.slice(0..data.test.len().min(hp.batch)),
    };
    let mut trainer = Trainer::new(&sample, hp.clone(), device)?;
    let warm = trainer.time_steps(1).await?.max(1e-4);
    let steps = ((budget.as_secs_f32() / warm) as usize).clamp(1, MAX_TIMED_STEPS);
    let seconds = trainer.time_steps(steps).await?.max(1e-6);
    Ok((steps * hp.batch) as f32 / seconds)
}
