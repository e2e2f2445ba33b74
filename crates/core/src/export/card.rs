//! What a weights file needs beside its tensors to rebuild the network: the lab's settings for
//! the model, and the data it was trained for.

use serde::{Deserialize, Serialize};

use crate::data::{DatasetId, ImageShape};
use crate::settings::Hyperparams;

/// The config saved with the weights (as JSON in the `.safetensors` metadata).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelCard {
    /// Always `"replab"`: tells the lab's own files from others.
    pub format: String,
    pub hp: Hyperparams,
    pub dataset: DatasetId,
    pub shape: ImageShape,
    pub classes: usize,
}

impl ModelCard {
    pub fn new(hp: Hyperparams, dataset: DatasetId, shape: ImageShape, classes: usize) -> Self {
        ModelCard { format: "replab".into(), hp, dataset, shape, classes }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("plain data always serialises")
    }

    pub fn from_json(json: &str) -> Result<ModelCard, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }
}
