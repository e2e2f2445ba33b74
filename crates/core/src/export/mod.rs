//! Models to and from `.safetensors` files with PyTorch-style parameter names, so a model
//! trained here loads into `torch.nn` (and back), and a saved run stores its weights in the
//! same format.
//!
//! - [`weights`]: the file format itself (no tensors: parsed and checked as plain data, so the
//!   fuzzer reaches it without burn).
//! - [`card`]: the config written beside the weights (in the file's metadata).
//! - a burn module's parameters under their PyTorch names (read back asynchronously, written
//!   into a model) are `replab_engine::export`.

pub mod card;
pub mod weights;

pub use card::ModelCard;
pub use weights::{ImportError, NamedTensor, Weights};
