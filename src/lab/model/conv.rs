//! The convolutional halves of an autoencoder: stride-2 convolutions down to a small feature
//! map, and transposed convolutions back up, each sized so the output matches the input.

use burn::nn::conv::{Conv2d, Conv2dConfig, ConvTranspose2d, ConvTranspose2dConfig};
use burn::nn::{Dropout, DropoutConfig, Linear, LinearConfig, PaddingConfig2d};
use burn::prelude::*;
use burn::tensor::activation::{relu, sigmoid};

/// The layers of a stride-2 stack: `(out_channels, kernel)` per layer, padding 1.
#[derive(Debug, Clone, PartialEq)]
pub struct ConvPlan {
    pub layers: Vec<(usize, usize)>,
}

impl ConvPlan {
    /// The lab's stacks: 1→8→16→32 with kernels 4/4/3 for 28×28 grey images (the
    /// Fashion-MNIST report), 3→64→128→256 with kernel 4 for colour images (the CIFAR report).
    pub fn for_channels(channels: usize) -> Self {
        let layers = if channels == 1 { vec![(8, 4), (16, 4), (32, 3)] } else { vec![(64, 4), (128, 4), (256, 4)] };
        Self { layers }
    }

    /// Side lengths from the input down: `sides[0]` is the image, `sides[i + 1]` after layer i.
    pub fn sides(&self, side: usize) -> Vec<usize> {
        let mut sides = vec![side];
        for &(_, kernel) in &self.layers {
            let last = *sides.last().expect("starts with the input");
            sides.push((last + 2).saturating_sub(kernel) / 2 + 1);
        }
        sides
    }
}

#[derive(Module, Debug)]
pub struct ConvEncoder {
    convs: Vec<Conv2d>,
    /// On the flattened features, before the linear bottleneck (the Fashion-MNIST report's
    /// "dropout in the linear layers").
    dropout: Dropout,
}

impl ConvEncoder {
    pub fn new(in_channels: usize, plan: &ConvPlan, dropout: f64, device: &Device) -> Self {
        let mut channels = in_channels;
        let convs = plan
            .layers
            .iter()
            .map(|&(out, kernel)| {
                let conv = Conv2dConfig::new([channels, out], [kernel, kernel])
                    .with_stride([2, 2])
                    .with_padding(PaddingConfig2d::Explicit(1, 1, 1, 1))
                    .init(device);
                channels = out;
                conv
            })
            .collect();
        Self { convs, dropout: DropoutConfig::new(dropout).init() }
    }

    /// # Shapes
    /// - `images`: `[batch, c, h, w]`
    /// - returns: `[batch, features]` (the last feature map, flattened)
    pub fn forward(&self, images: Tensor<4>) -> Tensor<2> {
        let maps = self.convs.iter().fold(images, |x, conv| relu(conv.forward(x)));
        self.dropout.forward(maps.flatten(1, 3))
    }
}

#[derive(Module, Debug)]
pub struct ConvDecoder {
    from_code: Linear,
    deconvs: Vec<ConvTranspose2d>,
    /// `[channels, side, side]` of the smallest feature map.
    start: [usize; 3],
}

impl ConvDecoder {
    /// Mirrors `plan` from `latent` back to `[out_channels, side, side]` images.
    pub fn new(latent: usize, out_channels: usize, side: usize, plan: &ConvPlan, device: &Device) -> Self {
        let sides = plan.sides(side);
        let depth = plan.layers.len();
        let start = [plan.layers[depth - 1].0, sides[depth], sides[depth]];
        let deconvs = (0..depth)
            .rev()
            .map(|i| {
                let (from, kernel) = plan.layers[i];
                let to = if i == 0 { out_channels } else { plan.layers[i - 1].0 };
                // out = (in − 1)·2 − 2 + kernel + padding_out; choose padding_out to hit sides[i].
                let natural = (sides[i + 1] - 1) * 2 + kernel - 2;
                ConvTranspose2dConfig::new([from, to], [kernel, kernel])
                    .with_stride([2, 2])
                    .with_padding([1, 1])
                    .with_padding_out([sides[i] - natural; 2])
                    .init(device)
            })
            .collect();
        Self { from_code: LinearConfig::new(latent, start.iter().product()).init(device), deconvs, start }
    }

    /// # Shapes
    /// - `codes`: `[batch, latent]`
    /// - returns: `[batch, c, side, side]`, values in (0, 1)
    pub fn forward(&self, codes: Tensor<2>) -> Tensor<4> {
        let batch = codes.dims()[0];
        let [c, h, w] = self.start;
        let mut x = self.from_code.forward(codes).reshape([batch, c, h, w]);
        let last = self.deconvs.len() - 1;
        for (i, deconv) in self.deconvs.iter().enumerate() {
            x = deconv.forward(x);
            if i < last {
                x = relu(x);
            }
        }
        sigmoid(x)
    }
}
