//! Choosing the backend per model by timing it on both (`backend=auto` on a hardware GPU
//! adapter, `backend=measure` on any): the first run of each model size is timed on WebGPU and
//! on the CPU, and the answer is kept for the page's life.

use std::collections::HashMap;

use burn::prelude::Device;

use super::post;
use super::session::Session;
use replab_core::backend::{BackendKind, Calibration};
use replab_core::data::Dataset;
use replab_engine::model::Footprint;
use replab_core::protocol::Event;
use replab_core::settings::Hyperparams;
use replab_engine::train::{BUDGET_PER_BACKEND, TrainError, measure_throughput};


/// The measurements so far, by model size.
#[derive(Default)]
pub struct Calibrations {
    by_size: HashMap<String, Calibration>,
}

/// What decides a step's cost: the architecture, its sizes, the batch and the image shape (not
/// the learning rate, seed or epochs).
fn size_key(hp: &Hyperparams, data: &Dataset) -> String {
    let s = data.train.shape;
    format!("{:?}/{}/{}/{}/{}x{}x{}", hp.model, hp.hidden, hp.latent, hp.batch, s.channels, s.height, s.width)
}

impl Calibrations {
    /// The device `hp`'s model trains on: the started GPU device or the CPU, whichever trained
    /// it faster (timed now if this size was not timed before; the figures are posted).
    async fn choose(&mut self, gpu: &Device, data: &Dataset, hp: &Hyperparams) -> Result<(Device, BackendKind), TrainError> {
        let key = size_key(hp, data);
        let calibration = match self.by_size.get(&key) {
            Some(c) => *c,
            None => {
                post(&Event::Calibrating);
                let gpu_images_per_s = match measure_throughput(data, hp, gpu, BUDGET_PER_BACKEND).await {
                    Ok(rate) => rate,
                    Err(e) => {
                        let reason = format!("WebGPU failed while this model was timed on it ({e}); the CPU trains it");
                        post(&Event::BackendReady { kind: BackendKind::Cpu, reason });
                        return Ok((Device::flex(), BackendKind::Cpu));
                    }
                };
                let cpu_images_per_s = measure_throughput(data, hp, &Device::flex(), BUDGET_PER_BACKEND).await?;
                let c = Calibration { gpu_images_per_s, cpu_images_per_s };
                self.by_size.insert(key, c);
                c
            }
        };
        post(&Event::Calibrated { calibration });
        let kind = calibration.chosen();
        post(&Event::BackendReady { kind, reason: calibration.reason() });
        let device = match kind {
            BackendKind::WebGpu => gpu.clone(),
            BackendKind::Cpu => Device::flex(),
        };
        Ok((device, kind))
    }
}

impl Session {
    /// Why `hp`'s run cannot train on the started WebGPU device (its largest buffer would
    /// exceed the device's limit), checked before anything is allocated; `None` when it fits,
    /// the CPU trains, or the backend is chosen by timing (a model that does not fit then fails
    /// its WebGPU timing and the CPU trains it).
    pub(super) fn gpu_refusal(&self, hp: &Hyperparams) -> Option<String> {
        let (Some((_, BackendKind::WebGpu)), None, Some(limit), Some(data)) =
            (&self.device, &self.calibrations, self.gpu_buffer_limit, &self.dataset)
        else {
            return None;
        };
        Footprint::of(hp, data.train.shape, data.train.len()).refusal(hp, limit)
    }

    /// The device a run of `hp` trains on, and its kind: the started backend, or the faster of the two
    /// where models are timed.
    pub(super) async fn training_device(&mut self, hp: &Hyperparams) -> Result<(Device, BackendKind), TrainError> {
        let (Some((device, kind)), Some(data)) = (&self.device, &self.dataset) else {
            return Err(TrainError::Settings("The lab is still starting: wait for the dataset to load.".into()));
        };
        match &mut self.calibrations {
            Some(calibrations) => calibrations.choose(device, data, hp).await,
            None => Ok((device.clone(), *kind)),
        }
    }
}
