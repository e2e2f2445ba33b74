//! A module's copy on another device, its parameters read back without blocking. burn's
//! `to_device` reads GPU tensors back synchronously, which panics on wasm; here every float
//! parameter is read with `into_data_async` first, then the copy is built from the bytes.

use std::collections::HashMap;

use burn::module::{Module, ModuleMapper, ModuleVisitor, Param, ParamId};
use burn::prelude::*;

use crate::train::TrainError;

/// Every float parameter of a module, flattened, with its shape.
struct Collect(Vec<(ParamId, Tensor<1>, Vec<usize>)>);

impl ModuleVisitor for Collect {
    fn visit_float<const D: usize>(&mut self, param: &Param<Tensor<D>>) {
        let tensor = param.val();
        let shape = tensor.dims().to_vec();
        let count: usize = shape.iter().product();
        self.0.push((param.id, tensor.reshape([count]), shape));
    }
}

/// Replaces each float parameter with its read-back values on `device`.
struct Rebuild {
    values: HashMap<ParamId, TensorData>,
    device: Device,
}

impl ModuleMapper for Rebuild {
    fn map_float<const D: usize>(&mut self, param: Param<Tensor<D>>) -> Param<Tensor<D>> {
        let (id, tensor, mapper) = param.consume();
        match self.values.remove(&id) {
            Some(data) => Param::from_mapped_value(id, Tensor::from_data(data, &self.device), mapper),
            None => Param::from_mapped_value(id, tensor, mapper),
        }
    }
}

/// `module` with every float parameter on `device` (a clone when it is already there).
pub async fn copied_to<M: Module>(module: &M, device: &Device) -> Result<M, TrainError> {
    let mut collect = Collect(Vec::new());
    module.visit(&mut collect);
    let mut values = HashMap::new();
    for (id, tensor, shape) in collect.0 {
        let data = tensor.into_data_async().await.map_err(|e| TrainError::Backend(format!("{e:?}")))?;
        let floats = data.try_into_vec::<f32>().map_err(|e| TrainError::Backend(format!("{e:?}")))?;
        values.insert(id, TensorData::new(floats, shape));
    }
    Ok(module.clone().map(&mut Rebuild { values, device: device.clone() }))
}
