//! The ML core: data, models, losses, training, and the plain-data protocol and settings the
//! UI shares. No web imports here, so `cargo test` runs all of it natively.

pub mod backend;
pub mod data;
pub mod model;
pub mod protocol;
pub mod settings;
pub mod train;
