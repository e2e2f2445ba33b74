//! A set of named `f32` tensors and its `.safetensors` encoding. Everything read here comes
//! from the user (a dropped file, a saved run): each failure is an [`ImportError`] that names
//! what is wrong, never a panic, and nothing is allocated beyond the file's own size.

use std::collections::BTreeMap;

use safetensors::{Dtype, SafeTensors, tensor::TensorView};

use super::card::ModelCard;

/// Key of the lab's [`ModelCard`] (JSON) in the file's `__metadata__`.
pub const CARD_KEY: &str = "replab.config";

/// Why a file could not be used as a model's weights.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ImportError {
    #[error("this is not a .safetensors file ({0})")]
    Format(String),
    #[error("tensor `{name}` is stored as {dtype}; the lab reads float32 weights only (save it with .float() in PyTorch)")]
    Dtype { name: String, dtype: String },
    #[error("the file has no tensor `{name}`, which this model needs (shape {expected:?}); does the file belong to another architecture?")]
    Missing { name: String, expected: Vec<usize> },
    #[error("tensor `{name}` has shape {found:?} in the file, but this model's is {expected:?}: the file was made for other settings")]
    Shape { name: String, found: Vec<usize>, expected: Vec<usize> },
    #[error("the file has a tensor `{name}` that this model does not have: it belongs to another architecture")]
    Unexpected { name: String },
    #[error("tensor `{name}` holds a value that is not a finite number")]
    NotFinite { name: String },
    #[error("the file's model description is unreadable: {0}")]
    Card(String),
}

/// One tensor: its shape (PyTorch's layout) and row-major values.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedTensor {
    pub shape: Vec<usize>,
    pub values: Vec<f32>,
}

/// Named tensors (sorted by name) and, for files the lab wrote, the model's card.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Weights {
    pub tensors: BTreeMap<String, NamedTensor>,
    pub card: Option<ModelCard>,
}

/// A tensor's bytes as `safetensors` wants to see them.
struct F32View<'a>(&'a NamedTensor, Vec<u8>);

impl safetensors::View for &F32View<'_> {
    fn dtype(&self) -> Dtype {
        Dtype::F32
    }
    fn shape(&self) -> &[usize] {
        &self.0.shape
    }
    fn data(&self) -> std::borrow::Cow<'_, [u8]> {
        std::borrow::Cow::Borrowed(&self.1)
    }
    fn data_len(&self) -> usize {
        self.1.len()
    }
}

impl Weights {
    /// The `.safetensors` bytes (little-endian float32, PyTorch's `safetensors.torch.load`
    /// reads them), with the card in the metadata.
    pub fn to_safetensors(&self) -> Vec<u8> {
        let views: Vec<(&String, F32View)> = self
            .tensors
            .iter()
            .map(|(name, t)| (name, F32View(t, t.values.iter().flat_map(|v| v.to_le_bytes()).collect())))
            .collect();
        let mut metadata = vec![("format".to_string(), "pt".to_string())];
        if let Some(card) = &self.card {
            metadata.push((CARD_KEY.to_string(), card.to_json()));
        }
        // `collect`: the map type is std's or hashbrown's, depending on safetensors' features.
        safetensors::serialize(views.iter().map(|(name, view)| (name.as_str(), view)), Some(metadata.into_iter().collect()))
            .expect("shapes always match the values: the lab built them")
    }

    /// Parse a `.safetensors` file: every tensor must be float32 and finite.
    pub fn from_safetensors(bytes: &[u8]) -> Result<Weights, ImportError> {
        let file = SafeTensors::deserialize(bytes).map_err(|e| ImportError::Format(e.to_string()))?;
        let (_, metadata) = SafeTensors::read_metadata(bytes).map_err(|e| ImportError::Format(e.to_string()))?;
        let card = match metadata.metadata().as_ref().and_then(|m| m.get(CARD_KEY)) {
            Some(json) => Some(ModelCard::from_json(json).map_err(ImportError::Card)?),
            None => None,
        };
        let mut tensors = BTreeMap::new();
        for (name, view) in file.tensors() {
            tensors.insert(name.clone(), tensor_from_view(&name, &view)?);
        }
        Ok(Weights { tensors, card })
    }
}

fn tensor_from_view(name: &str, view: &TensorView) -> Result<NamedTensor, ImportError> {
    if view.dtype() != Dtype::F32 {
        return Err(ImportError::Dtype { name: name.to_string(), dtype: format!("{:?}", view.dtype()) });
    }
    // `deserialize` checked that the bytes match the shape, so the sizes agree here.
    let values: Vec<f32> =
        view.data().chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
    if values.iter().any(|v| !v.is_finite()) {
        return Err(ImportError::NotFinite { name: name.to_string() });
    }
    Ok(NamedTensor { shape: view.shape().to_vec(), values })
}
