//! The image-to-features half shared by autoencoders and contrastive embedders: an MLP's hidden
//! layer, a stack of stride-2 convolutions, or the A9 report's conv blocks.

use burn::prelude::*;

use super::Arch;
use super::conv::{BlockEncoder, ConvEncoder, ConvPlan};
use super::mlp::MlpEncoder;
use replab_core::settings::ConvStack;

#[derive(Module, Debug)]
pub enum Encoder {
    Mlp(MlpEncoder),
    Conv(ConvEncoder),
    /// The A9 report's embedder body ([`ConvStack::Blocks`]).
    Blocks(BlockEncoder),
}

impl Encoder {
    /// An encoder of `arch` for images `[channels, height, width]` (`hidden`: the MLP's width,
    /// or the conv stack's linear layer, none at 0; `stack`: the conv stack's layout; `dropout`
    /// after its activation), and the
    /// number of features it gives per image.
    pub fn new(arch: Arch, image: [usize; 3], hidden: usize, stack: ConvStack, dropout: f64, device: &Device) -> (Encoder, usize) {
        let [channels, height, _] = image;
        match arch {
            Arch::Mlp | Arch::TiedMlp => (Encoder::Mlp(MlpEncoder::new(image.iter().product(), hidden, dropout, device)), hidden),
            Arch::Conv if stack == ConvStack::Blocks => {
                let encoder = BlockEncoder::new(channels, height, device);
                let features = encoder.features();
                (Encoder::Blocks(encoder), features)
            }
            Arch::Conv => {
                let plan = ConvPlan::for_channels(channels, stack);
                let encoder = ConvEncoder::new(channels, height, &plan, hidden, dropout, device);
                let features = encoder.features(&plan, height);
                (Encoder::Conv(encoder), features)
            }
        }
    }

    /// # Shapes
    /// - `images`: `[batch, c, h, w]`, values in [0, 1]
    /// - returns: `[batch, features]`
    pub fn forward(&self, images: Tensor<4>) -> Tensor<2> {
        match self {
            Encoder::Mlp(e) => e.forward(images),
            Encoder::Conv(e) => e.forward(images),
            Encoder::Blocks(e) => e.forward(images),
        }
    }

    /// [`Self::forward`] (inference: no dropout), adding each layer's activations to `layers`.
    pub fn trace(&self, images: Tensor<4>, layers: &mut Vec<(String, Tensor<4>)>) -> Tensor<2> {
        match self {
            Encoder::Mlp(e) => e.trace(images, layers),
            Encoder::Conv(e) => e.trace(images, layers),
            Encoder::Blocks(e) => e.trace(images, layers),
        }
    }
}
