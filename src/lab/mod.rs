//! The ML core: data, models, losses, training, and the plain-data protocol and settings the
//! UI shares. No web imports here, so `cargo test` runs all of it natively.

pub mod analysis;
pub mod augment;
pub mod backend;
pub mod checkpoint;
pub mod data;
pub mod export;
pub mod explore;
pub mod keyed;
pub mod le_bytes;
pub mod link;
#[cfg(feature = "tensor")]
pub mod model;
pub mod presets;
pub mod protocol;
pub mod search;
pub mod settings;
#[cfg(feature = "tensor")]
pub mod train;
