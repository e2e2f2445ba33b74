//! The lab's tensor half, on burn: the models, training, inference on a trained model, the
//! `.safetensors` bridge to burn modules, and the experiment runner. Everything burn-free — the
//! data, settings, maths, analysis, search, the experiment definitions and the messages — is in
//! [`replab_core`], which this crate builds on and which cannot import it back.
//!
//! Runs natively (`cargo test`, `examples/reproduce.rs`) and in the Web Worker (the app's
//! `src/worker/`), on flex (CPU) or wgpu (WebGPU, Vulkan, Metal).

pub mod error;
pub mod explore;
pub mod export;
pub mod model;
pub mod presets;
pub mod readback;
pub mod train;
