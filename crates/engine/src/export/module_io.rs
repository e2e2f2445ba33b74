//! A model's parameters out to [`Weights`] (read back asynchronously: on wasm a WebGPU tensor
//! cannot be read synchronously) and [`Weights`] into a model of the same architecture.

use std::collections::BTreeMap;

use burn::module::{Module, ModuleMapper, ModuleVisitor, Param};
use burn::prelude::*;
use burn::tensor::TensorData;

use super::names::pytorch_name;
use replab_core::export::weights::{ImportError, NamedTensor, Weights};
use crate::model::LabModel;
use crate::error::TrainError;
use crate::readback::read_floats;

/// Tracks the module path during a visit: enum variants (`Mlp`, `Conv`, …) are left out, so
/// names depend on the layers only.
#[derive(Default)]
struct Path {
    parts: Vec<(String, bool)>,
}

impl Path {
    fn enter(&mut self, name: &str, container: &str) {
        self.parts.push((name.to_string(), container.starts_with("Enum:")));
    }
    fn exit(&mut self) {
        self.parts.pop();
    }
    /// The parameter's PyTorch name.
    fn name(&self) -> String {
        let parts: Vec<&str> = self.parts.iter().filter(|(_, variant)| !variant).map(|(p, _)| p.as_str()).collect();
        pytorch_name(&parts)
    }
}

/// Every float parameter: PyTorch name, burn shape, the values (flat).
struct Collect {
    path: Path,
    found: Vec<(String, Vec<usize>, Tensor<1>)>,
}

impl ModuleVisitor for Collect {
    fn enter_module(&mut self, name: &str, container: &str) {
        self.path.enter(name, container);
    }
    fn exit_module(&mut self, _: &str, _: &str) {
        self.path.exit();
    }
    fn visit_float<const D: usize>(&mut self, param: &Param<Tensor<D>>) {
        let tensor = param.val();
        let shape = tensor.dims().to_vec();
        let name = self.path.name();
        self.found.push((name, shape.clone(), tensor.reshape([shape.iter().product::<usize>()])));
    }
}

/// A 2-D row-major `[rows, cols]` matrix transposed.
fn transposed(values: &[f32], rows: usize, cols: usize) -> Vec<f32> {
    let mut out = vec![0.0; values.len()];
    for r in 0..rows {
        for c in 0..cols {
            out[c * rows + r] = values[r * cols + c];
        }
    }
    out
}

/// burn stores a Linear weight `[in, out]`, PyTorch `[out, in]`; every other parameter has the
/// same layout in both (Conv2d `[out, in, kh, kw]`, ConvTranspose2d `[in, out, kh, kw]`).
fn to_pytorch(shape: &[usize], values: Vec<f32>) -> NamedTensor {
    match shape {
        [rows, cols] => NamedTensor { shape: vec![*cols, *rows], values: transposed(&values, *rows, *cols) },
        _ => NamedTensor { shape: shape.to_vec(), values },
    }
}

/// The model's parameters under their PyTorch names.
pub async fn weights_of(model: &LabModel) -> Result<Weights, TrainError> {
    let mut collect = Collect { path: Path::default(), found: Vec::new() };
    model.visit(&mut collect);
    let mut tensors = BTreeMap::new();
    for (name, shape, flat) in collect.found {
        let values = read_floats(flat).await?;
        tensors.insert(name, to_pytorch(&shape, values));
    }
    Ok(Weights { tensors, card: None })
}

/// Checks the file against the model: every parameter present with its shape, nothing extra.
struct Check<'a> {
    path: Path,
    weights: &'a Weights,
    seen: Vec<String>,
    problem: Option<ImportError>,
}

impl ModuleVisitor for Check<'_> {
    fn enter_module(&mut self, name: &str, container: &str) {
        self.path.enter(name, container);
    }
    fn exit_module(&mut self, _: &str, _: &str) {
        self.path.exit();
    }
    fn visit_float<const D: usize>(&mut self, param: &Param<Tensor<D>>) {
        if self.problem.is_some() {
            return;
        }
        let name = self.path.name();
        let shape = param.lazy_shape().to_vec();
        let expected = if D == 2 { vec![shape[1], shape[0]] } else { shape };
        self.problem = match self.weights.tensors.get(&name) {
            None => Some(ImportError::Missing { name: name.clone(), expected }),
            Some(t) if t.shape != expected => Some(ImportError::Shape { name: name.clone(), found: t.shape.clone(), expected }),
            Some(_) => None,
        };
        self.seen.push(name);
    }
}

/// Writes each parameter's values from the (checked) file.
struct Apply<'a> {
    path: Path,
    weights: &'a Weights,
}

impl ModuleMapper for Apply<'_> {
    fn enter_module(&mut self, name: &str, container: &str) {
        self.path.enter(name, container);
    }
    fn exit_module(&mut self, _: &str, _: &str) {
        self.path.exit();
    }
    fn map_float<const D: usize>(&mut self, param: Param<Tensor<D>>) -> Param<Tensor<D>> {
        let name = self.path.name();
        let file = &self.weights.tensors[&name];
        let shape = param.lazy_shape().to_vec();
        let values = if D == 2 { transposed(&file.values, file.shape[0], file.shape[1]) } else { file.values.clone() };
        let tensor = Tensor::<D>::from_data(TensorData::new(values, shape), &param.lazy_device());
        let id = param.id;
        param.transform_for_load(tensor, id)
    }
}

/// `model` with its parameters replaced by `weights` (PyTorch names and layouts), or the
/// first mismatch: a missing, extra or differently shaped tensor. The model keeps its device
/// and its gradient settings.
pub fn model_with_weights(model: LabModel, weights: &Weights) -> Result<LabModel, ImportError> {
    let mut check = Check { path: Path::default(), weights, seen: Vec::new(), problem: None };
    model.visit(&mut check);
    if let Some(problem) = check.problem {
        return Err(problem);
    }
    if let Some(name) = weights.tensors.keys().find(|name| !check.seen.contains(name)) {
        return Err(ImportError::Unexpected { name: name.clone() });
    }
    Ok(model.map(&mut Apply { path: Path::default(), weights }))
}
