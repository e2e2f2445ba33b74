//! A classifier built on an autoencoder-style encoder: `image → features (→ code) → hidden
//! layers → classes`. The encoder can be copied from a trained autoencoder and frozen (its
//! parameters ask for no gradient, so none is computed for them), fine-tuned, or left random —
//! the reports' A5, B1/B3, C1 and E3 cases.

use burn::nn::{Dropout, DropoutConfig, Linear, LinearConfig};
use burn::prelude::*;
use burn::tensor::activation::relu;

use super::encoder::Encoder;
use replab_core::settings::ConvStack;
use super::{Arch, Autoencoder};

#[derive(Config, Debug)]
pub struct EncoderClassifierConfig {
    pub arch: Arch,
    pub channels: usize,
    pub height: usize,
    pub width: usize,
    /// Width of the MLP encoder's hidden layer, or of the conv stack's linear layer (0: none).
    #[config(default = 256)]
    pub hidden: usize,
    /// The conv stack's layout for grey images.
    #[config(default = "ConvStack::Report")]
    pub conv_stack: ConvStack,
    /// The code layer's size (`None`: the classifier reads the encoder's features directly).
    #[config(default = "Some(128)")]
    pub latent: Option<usize>,
    /// Widths of the hidden layers between the code and the classes.
    #[config(default = "Vec::new()")]
    pub head: Vec<usize>,
    #[config(default = 10)]
    pub classes: usize,
    /// Dropout after each head layer.
    #[config(default = 0.0)]
    pub dropout: f64,
}

#[derive(Module, Debug)]
pub struct EncoderClassifier {
    encoder: Encoder,
    code: Option<Linear>,
    head: Vec<Linear>,
    output: Linear,
    dropout: Dropout,
}

impl EncoderClassifierConfig {
    pub fn init(&self, device: &Device) -> EncoderClassifier {
        let (encoder, features) = Encoder::new(self.arch, [self.channels, self.height, self.width], self.hidden, self.conv_stack, 0.0, device);
        let code = self.latent.map(|k| LinearConfig::new(features, k).init(device));
        let mut width = self.latent.unwrap_or(features);
        let head = self
            .head
            .iter()
            .map(|&out| {
                let layer = LinearConfig::new(width, out).init(device);
                width = out;
                layer
            })
            .collect();
        EncoderClassifier {
            encoder,
            code,
            head,
            output: LinearConfig::new(width, self.classes).init(device),
            dropout: DropoutConfig::new(self.dropout).init(),
        }
    }
}

impl EncoderClassifier {
    /// The same classifier with `ae`'s encoder (and code layer, when this classifier has one)
    /// in place of its own. Panics if the shapes differ (a bug in the caller's plan).
    pub fn with_encoder_of(self, ae: &Autoencoder) -> EncoderClassifier {
        let (encoder, code) = ae.encoder_parts();
        self.with_encoder_parts(encoder, code)
    }

    /// This classifier with a trained `encoder` and, if it has a code layer, `code` (an
    /// autoencoder's or a contrastive embedder's; the shapes must match).
    pub fn with_encoder_parts(mut self, encoder: Encoder, code: Linear) -> EncoderClassifier {
        self.encoder = encoder;
        if self.code.is_some() {
            assert_eq!(self.code.as_ref().map(|c| c.weight.dims()), Some(code.weight.dims()), "code layers differ");
            self.code = Some(code);
        }
        self
    }

    /// Freeze the encoder and code layer (`frozen`), or leave them as they are: their
    /// parameters stop asking for gradients, so the optimiser has none to apply and the backward
    /// pass stops at the features instead of computing the encoder's gradients for nothing.
    pub fn with_frozen_encoder(mut self, frozen: bool) -> EncoderClassifier {
        if frozen {
            self.encoder = self.encoder.no_grad();
            self.code = self.code.map(Module::no_grad);
        }
        self
    }

    /// The representation the head reads (the code, or the encoder's features).
    ///
    /// # Shapes
    /// - `images`: `[batch, c, h, w]`; returns `[batch, code]`
    pub fn features(&self, images: Tensor<4>) -> Tensor<2> {
        let features = self.encoder.forward(images);
        match &self.code {
            Some(code) => code.forward(features),
            None => features,
        }
    }

    /// Class scores.
    ///
    /// # Shapes
    /// - `images`: `[batch, c, h, w]`, values in [0, 1]; returns `[batch, classes]`
    pub fn forward(&self, images: Tensor<4>) -> Tensor<2> {
        self.classify(self.features(images))
    }

    /// Class scores from [`Self::features`].
    ///
    /// # Shapes
    /// - `features`: `[batch, features]`; returns `[batch, classes]`
    pub fn classify(&self, features: Tensor<2>) -> Tensor<2> {
        let hidden = self.head.iter().fold(features, |x, layer| self.dropout.forward(relu(layer.forward(x))));
        self.output.forward(hidden)
    }
}
