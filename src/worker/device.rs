//! Finding the WebGPU adapter (through plain JS reflection: web-sys's WebGPU bindings are
//! unstable) and starting the chosen burn device.

use burn::prelude::Device;
use js_sys::{Function, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use replab_core::backend::{AdapterReport, BackendKind, choose_backend, measures_both};
use replab_core::settings::BackendChoice;

fn get(target: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

/// What `navigator.gpu.requestAdapter()` offers in this worker, if anything.
pub async fn probe_adapter() -> Option<AdapterReport> {
    let navigator = get(&js_sys::global(), "navigator")?;
    let gpu = get(&navigator, "gpu")?;
    let request: Function = get(&gpu, "requestAdapter")?.dyn_into().ok()?;
    let promise: js_sys::Promise = request.call0(&gpu).ok()?.dyn_into().ok()?;
    let adapter = JsFuture::from(promise).await.ok().filter(|a| !a.is_null() && !a.is_undefined())?;
    let info = get(&adapter, "info");
    let flag = |v: Option<JsValue>| v.and_then(|v| v.as_bool()).unwrap_or(false);
    let is_fallback = flag(get(&adapter, "isFallbackAdapter")) || flag(info.as_ref().and_then(|i| get(i, "isFallbackAdapter")));
    let text = |key| info.as_ref().and_then(|i| get(i, key)).and_then(|v| v.as_string()).filter(|s| !s.is_empty());
    let description = [text("vendor"), text("architecture"), text("description")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let description = if description.is_empty() { "unnamed adapter".to_string() } else { description };
    let limits = get(&adapter, "limits");
    let limit = |key| limits.as_ref().and_then(|l| get(l, key)).and_then(|v| v.as_f64()).filter(|v| *v > 0.0).map(|v| v as u64);
    let max_buffer_bytes = match (limit("maxStorageBufferBindingSize"), limit("maxBufferSize")) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    Some(AdapterReport { is_fallback, description, max_buffer_bytes })
}

/// The started backend.
pub struct Started {
    pub device: Device,
    pub kind: BackendKind,
    pub reason: String,
    /// Each model is timed on this device and the CPU before it trains.
    pub measures_both: bool,
    /// The WebGPU device's largest buffer, where WebGPU started and told it.
    pub max_buffer_bytes: Option<u64>,
}

/// Start the backend for `requested`. A WebGPU start that fails falls back to the CPU, and the
/// reason says so.
pub async fn start(requested: BackendChoice) -> Started {
    let adapter = probe_adapter().await;
    let (kind, reason) = choose_backend(requested, adapter.as_ref());
    let measures_both = measures_both(requested, adapter.as_ref());
    let cpu = |mut reason: String| {
        // The threaded build says how many threads train, the relaxed-SIMD build that it is
        // that one and which of its matmul kernels it timed faster (the page shows all on the
        // badge).
        if super::threads::count() > 0 {
            reason = format!("{reason}; {}", super::threads::cpu_label());
        }
        #[cfg(feature = "relaxed-simd")]
        reason.push_str(&format!("; matmuls with relaxed SIMD, {}", super::gemm_tile::choose().describe()));
        Started { device: Device::flex(), kind: BackendKind::Cpu, reason, measures_both: false, max_buffer_bytes: None }
    };
    match kind {
        BackendKind::Cpu => cpu(reason),
        BackendKind::WebGpu => match start_webgpu().await {
            Ok(device) => {
                let software = adapter.as_ref().is_some_and(|a| a.is_fallback);
                let reason = if prefer_naive_matmul(software) { format!("{reason}; untiled matmuls for a software adapter") } else { reason };
                Started { device, kind, reason, measures_both, max_buffer_bytes: adapter.as_ref().and_then(|a| a.max_buffer_bytes) }
            }
            Err(e) => cpu(format!("WebGPU failed to start ({e}); using the CPU")),
        },
    }
}

/// On a software adapter (SwiftShader runs a compute shader's workgroups on CPU threads) burn's
/// matmuls run the naive routine instead of staging tiles in workgroup memory behind barriers:
/// twice the training speed there (BENCHMARKS.md, session 21). A hardware adapter keeps the
/// tiled routines. Whether the naive routine is on.
#[cfg(feature = "gpu")]
fn prefer_naive_matmul(software: bool) -> bool {
    cubek_matmul::strategy::set_prefer_naive(software);
    software
}

#[cfg(not(feature = "gpu"))]
fn prefer_naive_matmul(_software: bool) -> bool {
    false
}

#[cfg(feature = "gpu")]
async fn start_webgpu() -> Result<Device, String> {
    Device::wgpu_options().init_async().await.map_err(|e| e.to_string())
}

#[cfg(not(feature = "gpu"))]
async fn start_webgpu() -> Result<Device, String> {
    Err("this build of the lab has no GPU support".into())
}
