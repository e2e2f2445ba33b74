//! A burn module's parameters as [`Weights`](replab_core::export::Weights) under their
//! PyTorch names, read back asynchronously (WebGPU cannot read synchronously on wasm), and
//! written into a model. The file format and the model card are [`replab_core::export`].

mod module_io;
mod names;

pub use module_io::{model_with_weights, weights_of};
pub use names::pytorch_name;
