//! Architectures only: each model with its `#[derive(Config)]` and `init(&device)`.
//! Losses and training steps live in [`crate::train`].

mod autoencoder;
mod cnn_classifier;
mod conv;
mod embedder;
mod encoder;
mod encoder_classifier;
mod footprint;
mod lab_model;
mod mlp;
mod svm;

pub use autoencoder::{Arch, Autoencoder, AutoencoderConfig, Codes};
pub use cnn_classifier::{CnnClassifier, CnnClassifierConfig};
pub use conv::{BLOCK_CHANNELS, BLOCK_FC, ConvPlan};
pub use embedder::{Embedder, EmbedderConfig};
pub use encoder::Encoder;
pub use encoder_classifier::{EncoderClassifier, EncoderClassifierConfig};
pub use footprint::Footprint;
pub use lab_model::LabModel;
pub use svm::LinearSvm;
