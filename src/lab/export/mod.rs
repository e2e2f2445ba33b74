//! Models to and from `.safetensors` files with PyTorch-style parameter names, so a model
//! trained here loads into `torch.nn` (and back), and a saved run stores its weights in the
//! same format.
//!
//! - [`weights`]: the file format itself (no tensors: parsed and checked as plain data, so the
//!   fuzzer reaches it without burn).
//! - [`card`]: the config written beside the weights (in the file's metadata).
//! - `names`, `module_io`: a module's parameters under their PyTorch names, read back
//!   asynchronously (WebGPU cannot read synchronously on wasm) and written into a model.

pub mod card;
#[cfg(feature = "tensor")]
mod module_io;
#[cfg(feature = "tensor")]
mod names;
pub mod weights;

pub use card::ModelCard;
#[cfg(feature = "tensor")]
pub use module_io::{model_with_weights, weights_of};
#[cfg(feature = "tensor")]
pub use names::pytorch_name;
pub use weights::{ImportError, NamedTensor, Weights};
