//! The MLP halves of an autoencoder: `input → hidden` (ReLU, dropout) and `k → hidden → input`
//! (ReLU, dropout, then sigmoid or nothing). The `hidden → k` map is the autoencoder's own
//! (see [`super::Autoencoder`]).

use burn::nn::{Dropout, DropoutConfig, Linear, LinearConfig};
use burn::prelude::*;
use burn::tensor::activation::{relu, sigmoid};

#[derive(Module, Debug)]
pub struct MlpEncoder {
    hidden: Linear,
    dropout: Dropout,
}

impl MlpEncoder {
    /// `dropout`: probability after the hidden activation (0: none).
    pub fn new(input: usize, hidden: usize, dropout: f64, device: &Device) -> Self {
        Self { hidden: LinearConfig::new(input, hidden).init(device), dropout: DropoutConfig::new(dropout).init() }
    }

    /// # Shapes
    /// - `images`: `[batch, c, h, w]`, values in [0, 1]
    /// - returns: `[batch, hidden]`
    pub fn forward(&self, images: Tensor<4>) -> Tensor<2> {
        self.dropout.forward(relu(self.hidden.forward(images.flatten(1, 3))))
    }

    /// [`Self::forward`], with its hidden layer's activations added to `layers` (inference:
    /// no dropout).
    ///
    /// # Shapes
    /// - `images`: `[batch, c, h, w]`; returns: `[batch, hidden]`
    pub fn trace(&self, images: Tensor<4>, layers: &mut Vec<(String, Tensor<4>)>) -> Tensor<2> {
        let hidden = relu(self.hidden.forward(images.flatten(1, 3)));
        layers.push(("hidden".into(), units(hidden.clone())));
        hidden
    }

    /// The input → hidden weight (a weight-tied decoder uses it transposed).
    ///
    /// # Shapes
    /// - returns: `[input, hidden]`
    pub fn weight(&self) -> Tensor<2> {
        self.hidden.weight.val()
    }
}

#[derive(Module, Debug)]
pub struct MlpDecoder {
    hidden: Linear,
    output: Linear,
    dropout: Dropout,
    /// `[c, h, w]` of the images.
    shape: [usize; 3],
    /// Squash the output into (0, 1).
    sigmoid: bool,
}

impl MlpDecoder {
    pub fn new(latent: usize, hidden: usize, shape: [usize; 3], dropout: f64, sigmoid: bool, device: &Device) -> Self {
        Self {
            hidden: LinearConfig::new(latent, hidden).init(device),
            output: LinearConfig::new(hidden, shape.iter().product()).init(device),
            dropout: DropoutConfig::new(dropout).init(),
            shape,
            sigmoid,
        }
    }

    /// # Shapes
    /// - `codes`: `[batch, latent]`
    /// - returns: `[batch, c, h, w]`, values in (0, 1) with the sigmoid
    pub fn forward(&self, codes: Tensor<2>) -> Tensor<4> {
        let batch = codes.dims()[0];
        let [c, h, w] = self.shape;
        let out = self.output.forward(self.dropout.forward(relu(self.hidden.forward(codes))));
        let out = if self.sigmoid { sigmoid(out) } else { out };
        out.reshape([batch, c, h, w])
    }

    /// [`Self::forward`] (inference: no dropout), adding its hidden layer and its output to
    /// `layers`.
    pub fn trace(&self, codes: Tensor<2>, layers: &mut Vec<(String, Tensor<4>)>) {
        let batch = codes.dims()[0];
        let [c, h, w] = self.shape;
        let hidden = relu(self.hidden.forward(codes));
        layers.push(("decoder hidden".into(), units(hidden.clone())));
        let out = self.output.forward(hidden);
        let out = if self.sigmoid { sigmoid(out) } else { out };
        layers.push(("output".into(), out.reshape([batch, c, h, w])));
    }
}

/// A layer of units as maps of 1 × 1 (how [`super::Autoencoder::trace`] lists them).
///
/// # Shapes
/// - `x`: `[batch, units]`; returns: `[batch, units, 1, 1]`
pub fn units(x: Tensor<2>) -> Tensor<4> {
    let [batch, n] = x.dims();
    x.reshape([batch, n, 1, 1])
}

/// A decoder that owns only biases: `x̂ = W₁ᵀ·relu(W₂ᵀ·z + c₂) + c₁`, with `W₁` (input → hidden)
/// and `W₂` (hidden → k) the encoder's weights (the CIFAR MLP report's D4).
#[derive(Module, Debug)]
pub struct TiedDecoder {
    hidden_bias: burn::module::Param<Tensor<1>>,
    output_bias: burn::module::Param<Tensor<1>>,
    dropout: Dropout,
    shape: [usize; 3],
    sigmoid: bool,
}

impl TiedDecoder {
    pub fn new(hidden: usize, shape: [usize; 3], dropout: f64, sigmoid: bool, device: &Device) -> Self {
        let zeros = |n: usize| burn::module::Param::from_tensor(Tensor::<1>::zeros([n], device));
        Self {
            hidden_bias: zeros(hidden),
            output_bias: zeros(shape.iter().product()),
            dropout: DropoutConfig::new(dropout).init(),
            shape,
            sigmoid,
        }
    }

    /// # Shapes
    /// - `codes`: `[batch, latent]`
    /// - `input_weight`: the encoder's `[input, hidden]`; `code_weight`: its `[hidden, latent]`
    /// - returns: `[batch, c, h, w]`
    pub fn forward(&self, codes: Tensor<2>, input_weight: Tensor<2>, code_weight: Tensor<2>) -> Tensor<4> {
        let batch = codes.dims()[0];
        let [c, h, w] = self.shape;
        let hidden = relu(codes.matmul(code_weight.transpose()) + self.hidden_bias.val().unsqueeze());
        let out = self.dropout.forward(hidden).matmul(input_weight.transpose()) + self.output_bias.val().unsqueeze();
        let out = if self.sigmoid { sigmoid(out) } else { out };
        out.reshape([batch, c, h, w])
    }

    /// [`Self::forward`] (inference: no dropout), adding its hidden layer and its output to
    /// `layers`.
    pub fn trace(&self, codes: Tensor<2>, input_weight: Tensor<2>, code_weight: Tensor<2>, layers: &mut Vec<(String, Tensor<4>)>) {
        let batch = codes.dims()[0];
        let [c, h, w] = self.shape;
        let hidden = relu(codes.matmul(code_weight.transpose()) + self.hidden_bias.val().unsqueeze());
        layers.push(("decoder hidden".into(), units(hidden.clone())));
        let out = hidden.matmul(input_weight.transpose()) + self.output_bias.val().unsqueeze();
        let out = if self.sigmoid { sigmoid(out) } else { out };
        layers.push(("output".into(), out.reshape([batch, c, h, w])));
    }
}
