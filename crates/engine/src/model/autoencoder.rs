//! Autoencoders, plain or variational, with MLP or convolutional halves:
//! `image → features → k (→ features) → image`.

use burn::nn::{Linear, LinearConfig};
use burn::prelude::*;

use super::conv::{ConvDecoder, ConvPlan};
use super::encoder::Encoder;
use super::mlp::{MlpDecoder, TiedDecoder, units};
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
                Encoder::Conv(_) | Encoder::Blocks(_) => unreachable!("a tied decoder is only built with an MLP encoder"),
            },
            Decoder::Conv(d) => d.forward(codes),
        }
    }

    /// Every layer's activations for `images`, from the input side to the output: (name,
    /// maps); a layer of units is `[batch, units, 1, 1]`. Inference: no dropout, and a VAE's
    /// code is its mean.
    ///
    /// # Shapes
    /// - `images`: `[batch, c, h, w]`; each returned tensor: `[batch, channels, h', w']`
    pub fn trace(&self, images: Tensor<4>) -> Vec<(String, Tensor<4>)> {
        let mut layers = Vec::new();
        let features = self.encoder.trace(images, &mut layers);
        let code = self.mean.forward(features);
        layers.push(("code".into(), units(code.clone())));
        match &self.decoder {
            Decoder::Mlp(d) => d.trace(code, &mut layers),
            Decoder::Tied(d) => match &self.encoder {
                Encoder::Mlp(e) => d.trace(code, e.weight(), self.mean.weight.val(), &mut layers),
                Encoder::Conv(_) | Encoder::Blocks(_) => unreachable!("a tied decoder is only built with an MLP encoder"),
            },
            Decoder::Conv(d) => d.trace(code, &mut layers),
        }
        layers
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_trace_lists_every_layer_and_ends_in_the_reconstruction() {
        let device = Device::flex();
        let images = Tensor::<4>::random([1, 1, 28, 28], burn::tensor::Distribution::Uniform(0.0, 1.0), &device);
        let cases = [
            (Arch::Mlp, 0, vec!["hidden [1, 32, 1, 1]", "code [1, 4, 1, 1]", "decoder hidden [1, 32, 1, 1]", "output [1, 1, 28, 28]"]),
            (Arch::TiedMlp, 0, vec!["hidden [1, 32, 1, 1]", "code [1, 4, 1, 1]", "decoder hidden [1, 32, 1, 1]", "output [1, 1, 28, 28]"]),
            (
                Arch::Conv,
                16,
                vec![
                    "conv 1 [1, 8, 14, 14]",
                    "conv 2 [1, 16, 7, 7]",
                    "conv 3 [1, 32, 3, 3]",
                    "linear [1, 16, 1, 1]",
                    "code [1, 4, 1, 1]",
                    "decoder linear [1, 16, 1, 1]",
                    "decoder maps [1, 32, 3, 3]",
                    "deconv 1 [1, 16, 7, 7]",
                    "deconv 2 [1, 8, 14, 14]",
                    "output [1, 1, 28, 28]",
                ],
            ),
        ];
        for (arch, conv_hidden, expected) in cases {
            let mut config = AutoencoderConfig::new(arch, 1, 28, 28).with_latent(4).with_hidden(if arch == Arch::Conv { conv_hidden } else { 32 });
            config.variational = arch == Arch::Conv;
            let model = config.init(&device);
            let layers = model.trace(images.clone());
            let named: Vec<String> = layers.iter().map(|(name, t)| format!("{name} {:?}", t.dims())).collect();
            assert_eq!(named, expected, "{arch:?}");
            let (_, output) = layers.last().unwrap();
            let difference: f32 = (output.clone() - model.forward(images.clone())).abs().max().into_scalar();
            assert!(difference < 1e-6, "{arch:?}: the trace's output is the reconstruction ({difference})");
        }
    }
}
