//! Random image augmentation for contrastive (SimCLR) training: two random views of one image
//! form a positive pair.
//!
//! Images are `f32` values in [0, 1], channel-planar (`c × h × w`, planes back to back), one
//! image per slice. Every transform keeps the shape and the [0, 1] range. Pure Rust, no threads,
//! randomness only from the caller's [`rand::Rng`], so a seeded generator reproduces the views.
//!
//! - [`Augmentation`]: the policy ([`Augmentation::for_images`] picks colour or grey by channel
//!   count), with [`Augmentation::apply`] (one view) and [`Augmentation::pairs`] /
//!   [`Augmentation::pairs_into`] (two views per image).
//! - [`affine`]: [`Affine`] maps and the bilinear sampler [`warp`] behind crops and rotations.
//! - [`crop`]: [`ResizedCrop`] / [`resized_crop`]; [`random_affine`]: [`RandomAffine`].
//! - [`flip`]: [`flip_horizontal`]; [`colour`]: brightness, contrast, saturation, hue,
//!   greyscale; [`jitter`]: [`ColourJitter`], all four in random order.

pub mod affine;
pub mod colour;
pub mod crop;
pub mod flip;
pub mod jitter;
mod policy;
pub mod random_affine;

pub use affine::{Affine, Border, warp, warp_into};
pub use crop::{CropBox, ResizedCrop, resized_crop};
pub use flip::flip_horizontal;
pub use jitter::{ColourJitter, JitterDraw, JitterOp};
pub use policy::Augmentation;
pub use random_affine::RandomAffine;
