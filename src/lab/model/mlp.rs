//! The MLP halves of an autoencoder: `input → hidden` (ReLU) and `k → hidden → input`
//! (ReLU, sigmoid). The `hidden → k` map is the autoencoder's own (see [`super::Autoencoder`]).

use burn::nn::{Linear, LinearConfig};
use burn::prelude::*;
use burn::tensor::activation::{relu, sigmoid};

#[derive(Module, Debug)]
pub struct MlpEncoder {
    hidden: Linear,
}

impl MlpEncoder {
    pub fn new(input: usize, hidden: usize, device: &Device) -> Self {
        Self { hidden: LinearConfig::new(input, hidden).init(device) }
    }

    /// # Shapes
    /// - `images`: `[batch, c, h, w]`, values in [0, 1]
    /// - returns: `[batch, hidden]`
    pub fn forward(&self, images: Tensor<4>) -> Tensor<2> {
        relu(self.hidden.forward(images.flatten(1, 3)))
    }
}

#[derive(Module, Debug)]
pub struct MlpDecoder {
    hidden: Linear,
    output: Linear,
    /// `[c, h, w]` of the images.
    shape: [usize; 3],
}

impl MlpDecoder {
    pub fn new(latent: usize, hidden: usize, shape: [usize; 3], device: &Device) -> Self {
        Self {
            hidden: LinearConfig::new(latent, hidden).init(device),
            output: LinearConfig::new(hidden, shape.iter().product()).init(device),
            shape,
        }
    }

    /// # Shapes
    /// - `codes`: `[batch, latent]`
    /// - returns: `[batch, c, h, w]`, values in (0, 1)
    pub fn forward(&self, codes: Tensor<2>) -> Tensor<4> {
        let batch = codes.dims()[0];
        let [c, h, w] = self.shape;
        sigmoid(self.output.forward(relu(self.hidden.forward(codes)))).reshape([batch, c, h, w])
    }
}
