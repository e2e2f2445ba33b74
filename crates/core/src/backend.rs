//! Which backend trains, and the one-line reason the badge shows.

use serde::{Deserialize, Serialize};

use super::settings::BackendChoice;

/// What the browser said about its WebGPU adapter (absent: no `navigator.gpu` or no adapter).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdapterReport {
    /// A software rasteriser such as SwiftShader (`isFallbackAdapter`).
    pub is_fallback: bool,
    /// Vendor / architecture / description, as far as the browser tells.
    pub description: String,
    /// The largest buffer the device may bind (the smaller of `maxStorageBufferBindingSize`
    /// and `maxBufferSize`; the lab's device asks for the adapter's limits), if told.
    pub max_buffer_bytes: Option<u64>,
}

/// The backend that actually runs the tensors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BackendKind {
    WebGpu,
    Cpu,
}

impl BackendKind {
    pub fn label(self) -> &'static str {
        match self {
            BackendKind::WebGpu => "WebGPU",
            BackendKind::Cpu => "CPU",
        }
    }
}

/// Pick the backend for `requested` given the adapter the browser offered, with the reason.
pub fn choose_backend(requested: BackendChoice, adapter: Option<&AdapterReport>) -> (BackendKind, String) {
    match (requested, adapter) {
        (BackendChoice::Cpu, _) => (BackendKind::Cpu, "CPU chosen in the settings (?backend=cpu)".into()),
        (BackendChoice::WebGpu, Some(a)) if a.is_fallback => (
            BackendKind::WebGpu,
            format!("WebGPU forced (?backend=webgpu) on a software adapter ({}): expect it to be slow", a.description),
        ),
        (BackendChoice::WebGpu, Some(a)) => (BackendKind::WebGpu, format!("WebGPU chosen in the settings ({})", a.description)),
        (BackendChoice::WebGpu, None) => {
            (BackendKind::Cpu, "WebGPU was asked for, but this browser offers no WebGPU adapter: using the CPU".into())
        }
        (BackendChoice::Auto, Some(a)) if a.is_fallback => (
            BackendKind::Cpu,
            format!("the only WebGPU adapter is a software fallback ({}), and the CPU backend is faster", a.description),
        ),
        (BackendChoice::Auto, Some(a)) => (
            BackendKind::WebGpu,
            format!("GPU found: {}; each model is timed on it and on the CPU and trains on the faster", a.description),
        ),
        (BackendChoice::Measure, Some(a)) => (
            BackendKind::WebGpu,
            format!("each model is timed on WebGPU ({}) and on the CPU and trains on the faster", a.description),
        ),
        (BackendChoice::Measure, None) => {
            (BackendKind::Cpu, "nothing to measure: this browser offers no WebGPU adapter, so the CPU trains".into())
        }
        (BackendChoice::Auto, None) => (BackendKind::Cpu, "this browser has no WebGPU adapter".into()),
    }
}

/// Whether models are timed on both backends before they train: `auto` on a hardware adapter,
/// `measure` on any adapter (see [`crate::train::measure_throughput`]).
pub fn measures_both(requested: BackendChoice, adapter: Option<&AdapterReport>) -> bool {
    match (requested, adapter) {
        (BackendChoice::Auto, Some(a)) => !a.is_fallback,
        (BackendChoice::Measure, Some(_)) => true,
        _ => false,
    }
}

/// One model's training throughput on both backends, and so which one trains it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Calibration {
    pub gpu_images_per_s: f32,
    pub cpu_images_per_s: f32,
}

impl Calibration {
    /// The faster backend (the CPU on a tie: it needs no GPU round trips to explore).
    pub fn chosen(&self) -> BackendKind {
        if self.gpu_images_per_s > self.cpu_images_per_s { BackendKind::WebGpu } else { BackendKind::Cpu }
    }

    /// How many times faster the chosen backend measured.
    pub fn speedup(&self) -> f32 {
        let (fast, slow) = match self.chosen() {
            BackendKind::WebGpu => (self.gpu_images_per_s, self.cpu_images_per_s),
            BackendKind::Cpu => (self.cpu_images_per_s, self.gpu_images_per_s),
        };
        fast / slow.max(f32::MIN_POSITIVE)
    }

    /// The badge's sentence: both figures and the choice.
    pub fn reason(&self) -> String {
        format!(
            "timed for this model: WebGPU {:.0} images/s, CPU {:.0} images/s; {} trains ({:.1}× faster)",
            self.gpu_images_per_s,
            self.cpu_images_per_s,
            self.chosen().label(),
            self.speedup()
        )
    }
}
