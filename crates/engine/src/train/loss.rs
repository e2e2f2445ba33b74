//! Reconstruction losses.

use burn::prelude::*;

use replab_core::settings::LossKind;

/// Mean reconstruction error over every value of the batch.
///
/// # Shapes
/// - `reconstruction`, `target`: `[batch, input]`
/// - returns: `[1]`
pub fn reconstruction_loss(kind: LossKind, reconstruction: Tensor<2>, target: Tensor<2>) -> Tensor<1> {
    let diff = reconstruction - target;
    match kind {
        LossKind::Mse => diff.square().mean(),
        LossKind::L1 => diff.abs().mean(),
    }
}
