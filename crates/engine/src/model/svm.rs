//! A linear SVM on normalised pixels: `score = w·((x − 0.25) / 0.25) + b`, trained with the
//! hinge loss (the CIFAR-10 notebook's D1/D2: frog vs horse).

use burn::nn::{Linear, LinearConfig};
use burn::prelude::*;

/// Per-channel normalisation of the notebook: mean 0.25, standard deviation 0.25.
const MEAN: f32 = 0.25;
const STD: f32 = 0.25;

#[derive(Module, Debug)]
pub struct LinearSvm {
    linear: Linear,
}

impl LinearSvm {
    /// An SVM for images of `values` pixels.
    pub fn new(values: usize, device: &Device) -> LinearSvm {
        LinearSvm { linear: LinearConfig::new(values, 1).init(device) }
    }

    /// Decision values (positive: class 1).
    ///
    /// # Shapes
    /// - `images`: `[batch, c, h, w]`, values in [0, 1]; returns `[batch]`
    pub fn forward(&self, images: Tensor<4>) -> Tensor<1> {
        let x = (images.flatten::<2>(1, 3) - MEAN) / STD;
        self.linear.forward(x).flatten(0, 1)
    }
}
