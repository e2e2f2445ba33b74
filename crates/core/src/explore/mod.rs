//! Exploring what a model learned: latent directions, paths, sampling, and the drawing pad.
//!
//! Plain `Vec<f32>` / slices, row-major throughout; no tensors, so all of it runs natively.
//!
//! - [`pca`]: the principal directions of a set of codes (`n × dim`).
//! - [`percentile_range`]: a robust slider range for one coordinate.
//! - [`lerp_path`], [`slerp_path`], [`bilinear_grid`]: codes between given codes.
//! - [`Gaussian`]: fit a full-covariance Gaussian to codes and sample from it.
//! - [`mnist_from_ink`]: a drawing pad's ink → a 28×28 MNIST-style image; [`ink_from_photo`]:
//!   a photo of a handwritten digit → that ink.
//! - [`first_layer_filters`]: a model's first-layer weights as images; [`Activation`]: every
//!   layer's response to one image, as pictures.

mod activations;
mod covariance;
mod filters;
mod gaussian;
mod grid;
mod ink;
mod interpolate;
mod linalg;
pub(crate) mod normal;
mod latent_map;
mod pca;
mod photo;
mod percentile;
mod resample;
mod space;
mod symmetric_eigen;
mod top_eigen;

pub use activations::{Activation, MAX_MAPS};
pub use filters::{MAX_FILTERS, first_layer_filters};
pub use gaussian::Gaussian;
pub(crate) use gaussian::cholesky;
pub use grid::bilinear_grid;
pub use ink::mnist_from_ink;
pub use interpolate::{lerp_path, slerp_path};
pub use linalg::dot;
pub use latent_map::{MAP_SIDE, MapExtent, grid_codes, grid_points};
pub use pca::{Pca, pca};
pub use photo::ink_from_photo;
pub use percentile::percentile_range;
pub use space::{Direction, LatentSpace, MAX_UNITS, Plane, unit_pictures};
