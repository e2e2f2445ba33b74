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
        (BackendChoice::Auto, Some(a)) => (BackendKind::WebGpu, format!("GPU found: {}", a.description)),
        (BackendChoice::Auto, None) => (BackendKind::Cpu, "this browser has no WebGPU adapter".into()),
    }
}
