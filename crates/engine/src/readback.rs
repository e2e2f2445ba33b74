//! Reading tensors back to the CPU without blocking: on wasm a synchronous readback panics
//! (the GPU answers through the event loop), so every figure, weight and code the lab shows is
//! read with `into_data_async().await`.

use burn::prelude::*;

use crate::error::TrainError;

/// Every value of `tensor`, read back without blocking (wasm cannot block on the GPU).
pub async fn read_floats(tensor: Tensor<1>) -> Result<Vec<f32>, TrainError> {
    tensor.into_data_async().await.map_err(backend_error)?.try_into_vec::<f32>().map_err(backend_error)
}

/// A backend's failure (a lost device, a failed readback) as the lab's error.
pub(crate) fn backend_error(e: impl std::fmt::Debug) -> TrainError {
    TrainError::Backend(format!("{e:?}"))
}
