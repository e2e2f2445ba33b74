//! A scatter of test codes in two dimensions, as the page draws it, and how it was projected.

use serde::{Deserialize, Serialize};

use crate::explore::Plane;
use crate::le_bytes;

/// How codes are mapped to the scatter's two axes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Projection {
    /// The first two coordinates (the embedding itself when it is 2-D).
    Raw,
    /// The top two principal components of the codes.
    Pca,
    /// Barnes–Hut t-SNE, seeded.
    Tsne { perplexity: f32, seed: u64 },
}

impl Projection {
    pub fn key(self) -> &'static str {
        match self {
            Projection::Raw => "raw",
            Projection::Pca => "pca",
            Projection::Tsne { .. } => "tsne",
        }
    }
}

/// Test codes mapped to two dimensions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scatter {
    /// Training step of the model the codes came from.
    pub step: usize,
    pub epoch: usize,
    pub projection: Projection,
    /// Size of the codes.
    pub dim: usize,
    /// `n × 2`, row-major: the position of test image `i`.
    #[serde(with = "le_bytes")]
    pub points: Vec<f32>,
    #[serde(with = "serde_bytes")]
    pub labels: Vec<u8>,
    /// Held-out k-NN (k = 10) accuracy of the codes themselves, and of the 2-D points.
    pub knn_codes: f32,
    pub knn_points: f32,
    /// The code at each point of the plane, where the view has one (the codes' first two
    /// coordinates, or their top two principal directions; not t-SNE) and the model can
    /// decode it: the latent map.
    #[serde(default)]
    pub plane: Option<Plane>,
}
