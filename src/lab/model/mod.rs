//! Architectures only: each model with its `#[derive(Config)]` and `init(&device)`.
//! Losses and training steps live in [`crate::lab::train`].

mod mlp_autoencoder;

pub use mlp_autoencoder::{MlpAutoencoder, MlpAutoencoderConfig};
