//! The MLP autoencoder: `input → hidden → k → hidden → input`, ReLU, sigmoid output.

use burn::nn::{Linear, LinearConfig};
use burn::prelude::*;
use burn::tensor::activation::{relu, sigmoid};

#[derive(Config, Debug)]
pub struct MlpAutoencoderConfig {
    /// Values per image: 784 for MNIST, 3072 for CIFAR-10.
    pub input: usize,
    #[config(default = 256)]
    pub hidden: usize,
    /// The bottleneck k.
    #[config(default = 128)]
    pub latent: usize,
}

impl MlpAutoencoderConfig {
    pub fn init(&self, device: &Device) -> MlpAutoencoder {
        MlpAutoencoder {
            encoder_hidden: LinearConfig::new(self.input, self.hidden).init(device),
            encoder_latent: LinearConfig::new(self.hidden, self.latent).init(device),
            decoder_hidden: LinearConfig::new(self.latent, self.hidden).init(device),
            decoder_output: LinearConfig::new(self.hidden, self.input).init(device),
        }
    }
}

#[derive(Module, Debug)]
pub struct MlpAutoencoder {
    encoder_hidden: Linear,
    encoder_latent: Linear,
    decoder_hidden: Linear,
    decoder_output: Linear,
}

impl MlpAutoencoder {
    /// Images to codes (the code is linear: no activation at the bottleneck).
    ///
    /// # Shapes
    /// - `images`: `[batch, input]`, values in [0, 1]
    /// - returns: `[batch, latent]`
    pub fn encode(&self, images: Tensor<2>) -> Tensor<2> {
        self.encoder_latent.forward(relu(self.encoder_hidden.forward(images)))
    }

    /// Codes to images.
    ///
    /// # Shapes
    /// - `codes`: `[batch, latent]`
    /// - returns: `[batch, input]`, values in (0, 1)
    pub fn decode(&self, codes: Tensor<2>) -> Tensor<2> {
        sigmoid(self.decoder_output.forward(relu(self.decoder_hidden.forward(codes))))
    }

    /// Reconstruct images.
    ///
    /// # Shapes
    /// - `images`: `[batch, input]`
    /// - returns: `[batch, input]`
    pub fn forward(&self, images: Tensor<2>) -> Tensor<2> {
        self.decode(self.encode(images))
    }
}
