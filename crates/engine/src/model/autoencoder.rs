//! Autoencoders, plain or variational, with MLP or convolutional halves:
//! `image → features → k (→ features) → image`.

use burn::nn::{Linear, LinearConfig};
use burn::prelude::*;

use super::conv::{ConvDecoder, ConvPlan};
use super::encoder::Encoder;
use super::mlp::{MlpDecoder, TiedDecoder};
use replab_core::data::ImageShape;
use replab_core::settings::ConvStack;

/// The kind of layers in both halves.
#[derive(Config, Debug, Copy, PartialEq, Eq)]
pub enum Arch {
    Mlp,
    /// An MLP whose decoder reuses the encoder's weights, transposed.
    TiedMlp,
    Conv,
}

#[derive(Config, Debug)]
pub struct AutoencoderConfig {
    pub arch: Arch,
    pub channels: usize,
    pub height: usize,
    pub width: usize,
    /// Width of the MLP's hidden layer on each side of the bottleneck, or of the conv stack's
    /// linear layer on each side (0: none, the maps go straight to the code).
    #[config(default = 256)]
    pub hidden: usize,
    /// The bottleneck k.
    #[config(default = 128)]
    pub latent: usize,
    /// The conv stack's layout for grey images.
    #[config(default = "ConvStack::Report")]
    pub conv_stack: ConvStack,
    /// A VAE: the encoder also gives a log-variance per code dimension.
    #[config(default = false)]
    pub variational: bool,
    /// Dropout after each hidden activation of the MLP halves (the conv encoder's: after its
    /// linear layer, or on its flattened maps without one; the conv decoder's: after its linear
    /// layer).
    #[config(default = 0.0)]
    pub dropout: f64,
    /// End the MLP decoder with a sigmoid (the conv decoder always does).
    #[config(default = true)]
    pub sigmoid_output: bool,
}

#[derive(Module, Debug)]
pub enum Decoder {
    Mlp(MlpDecoder),
    Tied(TiedDecoder),
    Conv(ConvDecoder),
}

impl AutoencoderConfig {
    pub fn for_shape(arch: Arch, shape: ImageShape) -> Self {
        Self::new(arch, shape.channels, shape.height, shape.width)
    }

    pub fn init(&self, device: &Device) -> Autoencoder {
        let image = [self.channels, self.height, self.width];
        let (encoder, features) = Encoder::new(self.arch, image, self.hidden, self.conv_stack, self.dropout, device);
        let (dropout, sigmoid) = (self.dropout, self.sigmoid_output);
        let decoder = match self.arch {
            Arch::Mlp => Decoder::Mlp(MlpDecoder::new(self.latent, self.hidden, image, dropout, sigmoid, device)),
            Arch::TiedMlp => Decoder::Tied(TiedDecoder::new(self.hidden, image, dropout, sigmoid, device)),
            Arch::Conv => Decoder::Conv(ConvDecoder::new(
                self.latent,
                self.hidden,
                self.channels,
                self.height,
                &ConvPlan::for_channels(self.channels, self.conv_stack),
                dropout,
                device,
            )),
        };
        Autoencoder {
            encoder,
            mean: LinearConfig::new(features, self.latent).init(device),
            log_var: self.variational.then(|| LinearConfig::new(features, self.latent).init(device)),
            decoder,
        }
    }
}

/// The encoder's output: the code (the mean, for a VAE) and, for a VAE, its log-variance.
pub struct Codes {
    /// `[batch, latent]`
    pub mean: Tensor<2>,
    /// `[batch, latent]`
    pub log_var: Option<Tensor<2>>,
}

#[derive(Module, Debug)]
pub struct Autoencoder {
    encoder: Encoder,
    /// Features to the code (linear: no activation at the bottleneck).
    mean: Linear,
    log_var: Option<Linear>,
    decoder: Decoder,
}

impl Autoencoder {
    pub fn is_variational(&self) -> bool {
        self.log_var.is_some()
    }

    pub fn latent(&self) -> usize {
        self.mean.weight.dims()[1]
    }

    /// Copies of the encoder and its code layer (to build a classifier on them).
    pub fn encoder_parts(&self) -> (Encoder, Linear) {
        (self.encoder.clone(), self.mean.clone())
    }

    /// # Shapes
    /// - `images`: `[batch, c, h, w]`, values in [0, 1]
    /// - returns: codes `[batch, latent]` (and log-variances of the same shape for a VAE)
    pub fn encode(&self, images: Tensor<4>) -> Codes {
        let features = self.encoder.forward(images);
        Codes { mean: self.mean.forward(features.clone()), log_var: self.log_var.as_ref().map(|l| l.forward(features)) }
    }

    /// # Shapes
    /// - `codes`: `[batch, latent]`
    /// - returns: `[batch, c, h, w]`, values in (0, 1)
    pub fn decode(&self, codes: Tensor<2>) -> Tensor<4> {
        match &self.decoder {
            Decoder::Mlp(d) => d.forward(codes),
            Decoder::Tied(d) => match &self.encoder {
                Encoder::Mlp(e) => d.forward(codes, e.weight(), self.mean.weight.val()),
                Encoder::Conv(_) => unreachable!("a tied decoder is only built with an MLP encoder"),
            },
            Decoder::Conv(d) => d.forward(codes),
        }
    }

    /// Reconstruct images through the code (the mean, for a VAE: no sampling).
    ///
    /// # Shapes
    /// - `images`: `[batch, c, h, w]`
    /// - returns: `[batch, c, h, w]`
    pub fn forward(&self, images: Tensor<4>) -> Tensor<4> {
        self.decode(self.encode(images).mean)
    }
}
