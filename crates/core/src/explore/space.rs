//! A trained model's code space as the explorer's sliders and the latent map see it: its
//! principal and per-dimension directions, and the plane a 2-D view stands for.

use serde::{Deserialize, Serialize};

use crate::le_bytes;

/// A slider's direction through code space: the slider shows `vector · z`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Direction {
    pub label: String,
    #[serde(with = "le_bytes")]
    pub vector: Vec<f32>,
    /// 1st and 99th percentile of `vector · z` over the test codes.
    pub lo: f32,
    pub hi: f32,
}

/// A trained model's code space, summarised over the test set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LatentSpace {
    pub latent: usize,
    pub variational: bool,
    /// Principal directions of the test codes (up to 16), largest variance first.
    pub principal: Vec<Direction>,
    /// Share of the codes' variance along each principal direction.
    #[serde(with = "le_bytes")]
    pub explained: Vec<f32>,
    /// One direction per code dimension.
    pub dims: Vec<Direction>,
}

/// The codes a 2-D view's plane stands for: the point `(x, y)` is the code
/// `origin + x·x_axis + y·y_axis`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plane {
    #[serde(with = "le_bytes")]
    pub origin: Vec<f32>,
    #[serde(with = "le_bytes")]
    pub x_axis: Vec<f32>,
    #[serde(with = "le_bytes")]
    pub y_axis: Vec<f32>,
}

impl Plane {
    /// The code at `(x, y)`.
    pub fn code(&self, x: f32, y: f32) -> Vec<f32> {
        self.origin.iter().zip(&self.x_axis).zip(&self.y_axis).map(|((o, a), b)| o + x * a + y * b).collect()
    }
}
