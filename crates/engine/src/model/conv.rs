//! The convolutional halves of an autoencoder: stride-2 convolutions down to a small feature
//! map, and transposed convolutions back up, each sized so the output matches the input.

use burn::nn::conv::{Conv2d, Conv2dConfig, ConvTranspose2d, ConvTranspose2dConfig};
use burn::nn::pool::{MaxPool2d, MaxPool2dConfig};
use burn::nn::{Dropout, DropoutConfig, Linear, LinearConfig, PaddingConfig2d};
use burn::prelude::*;
use burn::tensor::activation::{relu, sigmoid};

use super::mlp::units;
use replab_core::settings::ConvStack;

/// The layers of a stride-2 stack: `(out_channels, kernel, padding)` per layer.
#[derive(Debug, Clone, PartialEq)]
pub struct ConvPlan {
    pub layers: Vec<(usize, usize, usize)>,
}

impl ConvPlan {
    /// The lab's stacks: 1→8→16→32 with kernels 4/4/3 for 28×28 grey images (the
    /// Fashion-MNIST report; its last layer unpadded in `stack`'s [`ConvStack::Report`]
    /// layout), 3→64→128→256 with kernel 4 and padding 1 for colour images (the CIFAR report).
    pub fn for_channels(channels: usize, stack: ConvStack) -> Self {
        let last = if stack == ConvStack::Report { 0 } else { 1 };
        let layers = if channels == 1 { vec![(8, 4, 1), (16, 4, 1), (32, 3, last)] } else { vec![(64, 4, 1), (128, 4, 1), (256, 4, 1)] };
        Self { layers }
    }

    /// Side lengths from the input down: `sides[0]` is the image, `sides[i + 1]` after layer i.
    pub fn sides(&self, side: usize) -> Vec<usize> {
        let mut sides = vec![side];
        for &(_, kernel, padding) in &self.layers {
            let last = *sides.last().expect("starts with the input");
            sides.push((last + 2 * padding).saturating_sub(kernel) / 2 + 1);
        }
        sides
    }

    /// The size of the last feature map, flattened, for `side × side` images.
    pub fn features(&self, side: usize) -> usize {
        let last = *self.sides(side).last().expect("starts with the input");
        self.layers.last().map_or(side * side, |&(channels, _, _)| channels * last * last)
    }
}

#[derive(Module, Debug)]
pub struct ConvEncoder {
    convs: Vec<Conv2d>,
    /// A linear layer (with ReLU) between the flattened feature maps and the code, if any (the
    /// Fashion-MNIST report's 288 → 64).
    linear: Option<Linear>,
    /// After the linear layer's activation, or on the flattened features when there is none
    /// (the Fashion-MNIST report's "dropout in the linear layers").
    dropout: Dropout,
}

impl ConvEncoder {
    /// The stack of `plan` for `[in_channels, side, side]` images, then a linear layer of
    /// `linear` units when `linear > 0`.
    pub fn new(in_channels: usize, side: usize, plan: &ConvPlan, linear: usize, dropout: f64, device: &Device) -> Self {
        let mut channels = in_channels;
        let convs = plan
            .layers
            .iter()
            .map(|&(out, kernel, padding)| {
                let conv = Conv2dConfig::new([channels, out], [kernel, kernel])
                    .with_stride([2, 2])
                    .with_padding(PaddingConfig2d::Explicit(padding, padding, padding, padding))
                    .init(device);
                channels = out;
                conv
            })
            .collect();
        let linear = (linear > 0).then(|| LinearConfig::new(plan.features(side), linear).init(device));
        Self { convs, linear, dropout: DropoutConfig::new(dropout).init() }
    }

    /// Features per image: the linear layer's width, or the last feature map's size.
    pub fn features(&self, plan: &ConvPlan, side: usize) -> usize {
        self.linear.as_ref().map_or_else(|| plan.features(side), |l| l.weight.dims()[1])
    }

    /// # Shapes
    /// - `images`: `[batch, c, h, w]`
    /// - returns: `[batch, features]` (the last feature map flattened, through the linear
    ///   layer when there is one)
    pub fn forward(&self, images: Tensor<4>) -> Tensor<2> {
        let maps = self.convs.iter().fold(images, |x, conv| relu(conv.forward(x)));
        let flat = maps.flatten(1, 3);
        let features = match &self.linear {
            Some(linear) => relu(linear.forward(flat)),
            None => flat,
        };
        self.dropout.forward(features)
    }

    /// [`Self::forward`] (inference: no dropout), adding each convolution's maps and the linear
    /// layer's units to `layers`.
    ///
    /// # Shapes
    /// - `images`: `[batch, c, h, w]`; returns: `[batch, features]`
    pub fn trace(&self, images: Tensor<4>, layers: &mut Vec<(String, Tensor<4>)>) -> Tensor<2> {
        let mut maps = images;
        for (i, conv) in self.convs.iter().enumerate() {
            maps = relu(conv.forward(maps));
            layers.push((format!("conv {}", i + 1), maps.clone()));
        }
        let flat = maps.flatten(1, 3);
        match &self.linear {
            Some(linear) => {
                let features = relu(linear.forward(flat));
                layers.push(("linear".into(), units(features.clone())));
                features
            }
            None => flat,
        }
    }
}

/// Channels of the A9 report's two conv blocks, and its fully connected widths after them.
pub const BLOCK_CHANNELS: [usize; 2] = [32, 10];
pub const BLOCK_FC: [usize; 4] = [1000, 500, 100, 10];
/// Dropout after each of its conv blocks.
const BLOCK_DROPOUT: f64 = 0.1;

/// The A9 report's embedder body ([`ConvStack::Blocks`]): two blocks of a 3 × 3 convolution
/// (padding 1), ReLU, 2 × 2 max-pool and dropout 0.1, then fully connected layers
/// 1000-500-100-10, each with ReLU.
#[derive(Module, Debug)]
pub struct BlockEncoder {
    blocks: Vec<Conv2d>,
    pool: MaxPool2d,
    dropout: Dropout,
    fcs: Vec<Linear>,
}

impl BlockEncoder {
    /// For `[in_channels, side, side]` images (the side is halved by each block).
    pub fn new(in_channels: usize, side: usize, device: &Device) -> Self {
        let mut channels = in_channels;
        let blocks = BLOCK_CHANNELS
            .iter()
            .map(|&out| {
                let conv = Conv2dConfig::new([channels, out], [3, 3]).with_padding(PaddingConfig2d::Explicit(1, 1, 1, 1)).init(device);
                channels = out;
                conv
            })
            .collect();
        let mut width = channels * (side >> BLOCK_CHANNELS.len()).pow(2);
        let fcs = BLOCK_FC
            .iter()
            .map(|&out| {
                let fc = LinearConfig::new(width, out).init(device);
                width = out;
                fc
            })
            .collect();
        Self { blocks, pool: MaxPool2dConfig::new([2, 2]).with_strides([2, 2]).init(), dropout: DropoutConfig::new(BLOCK_DROPOUT).init(), fcs }
    }

    /// Features per image: the last fully connected width.
    pub fn features(&self) -> usize {
        BLOCK_FC[BLOCK_FC.len() - 1]
    }

    /// # Shapes
    /// - `images`: `[batch, c, h, w]`
    /// - returns: `[batch, 10]`
    pub fn forward(&self, images: Tensor<4>) -> Tensor<2> {
        let maps = self.blocks.iter().fold(images, |x, conv| self.dropout.forward(self.pool.forward(relu(conv.forward(x)))));
        self.fcs.iter().fold(maps.flatten(1, 3), |x, fc| relu(fc.forward(x)))
    }

    /// [`Self::forward`] (inference: no dropout), adding each block's maps and each fully
    /// connected layer's units to `layers`.
    pub fn trace(&self, images: Tensor<4>, layers: &mut Vec<(String, Tensor<4>)>) -> Tensor<2> {
        let mut maps = images;
        for (i, conv) in self.blocks.iter().enumerate() {
            maps = self.pool.forward(relu(conv.forward(maps)));
            layers.push((format!("block {}", i + 1), maps.clone()));
        }
        let mut x = maps.flatten(1, 3);
        for (i, fc) in self.fcs.iter().enumerate() {
            x = relu(fc.forward(x));
            layers.push((format!("fc {}", i + 1), units(x.clone())));
        }
        x
    }
}

#[derive(Module, Debug)]
pub struct ConvDecoder {
    /// The encoder's linear layer mirrored (with ReLU and dropout), if any.
    linear: Option<Linear>,
    dropout: Dropout,
    /// From the code (or the linear layer) to the smallest feature map.
    from_code: Linear,
    deconvs: Vec<ConvTranspose2d>,
    /// `[channels, side, side]` of the smallest feature map.
    start: [usize; 3],
}

impl ConvDecoder {
    /// Mirrors `plan` (and a linear layer of `linear` units when `linear > 0`, with `dropout`
    /// after its activation) from `latent` back to `[out_channels, side, side]` images.
    pub fn new(latent: usize, linear: usize, out_channels: usize, side: usize, plan: &ConvPlan, dropout: f64, device: &Device) -> Self {
        let sides = plan.sides(side);
        let depth = plan.layers.len();
        let start = [plan.layers[depth - 1].0, sides[depth], sides[depth]];
        let deconvs = (0..depth)
            .rev()
            .map(|i| {
                let (from, kernel, padding) = plan.layers[i];
                let to = if i == 0 { out_channels } else { plan.layers[i - 1].0 };
                // out = (in − 1)·2 − 2·padding + kernel + padding_out; choose padding_out to hit
                // sides[i].
                let natural = (sides[i + 1] - 1) * 2 + kernel - 2 * padding;
                ConvTranspose2dConfig::new([from, to], [kernel, kernel])
                    .with_stride([2, 2])
                    .with_padding([padding, padding])
                    .with_padding_out([sides[i] - natural; 2])
                    .init(device)
            })
            .collect();
        let hidden = (linear > 0).then(|| LinearConfig::new(latent, linear).init(device));
        let from = if linear > 0 { linear } else { latent };
        Self {
            linear: hidden,
            dropout: DropoutConfig::new(if linear > 0 { dropout } else { 0.0 }).init(),
            from_code: LinearConfig::new(from, start.iter().product()).init(device),
            deconvs,
            start,
        }
    }

    /// # Shapes
    /// - `codes`: `[batch, latent]`
    /// - returns: `[batch, c, side, side]`, values in (0, 1)
    pub fn forward(&self, codes: Tensor<2>) -> Tensor<4> {
        let batch = codes.dims()[0];
        let [c, h, w] = self.start;
        let codes = match &self.linear {
            Some(linear) => self.dropout.forward(relu(linear.forward(codes))),
            None => codes,
        };
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

    /// [`Self::forward`] (inference: no dropout), adding the linear layer's units, the smallest
    /// maps, each transposed convolution's maps and the output to `layers`.
    pub fn trace(&self, codes: Tensor<2>, layers: &mut Vec<(String, Tensor<4>)>) {
        let batch = codes.dims()[0];
        let [c, h, w] = self.start;
        let codes = match &self.linear {
            Some(linear) => {
                let hidden = relu(linear.forward(codes));
                layers.push(("decoder linear".into(), units(hidden.clone())));
                hidden
            }
            None => codes,
        };
        let mut x = self.from_code.forward(codes).reshape([batch, c, h, w]);
        layers.push(("decoder maps".into(), x.clone()));
        let last = self.deconvs.len() - 1;
        for (i, deconv) in self.deconvs.iter().enumerate() {
            x = deconv.forward(x);
            if i < last {
                x = relu(x);
                layers.push((format!("deconv {}", i + 1), x.clone()));
            }
        }
        layers.push(("output".into(), sigmoid(x)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_linear_layer_sits_between_the_maps_and_the_code() {
        let device = Device::flex();
        assert_eq!(ConvPlan::for_channels(1, ConvStack::Padded).features(28), 512, "32 maps of 4 × 4");
        assert_eq!(ConvPlan::for_channels(3, ConvStack::Report).features(32), 4096, "256 maps of 4 × 4 either way");
        let plan = ConvPlan::for_channels(1, ConvStack::Report);
        assert_eq!(plan.features(28), 288, "32 maps of 3 × 3, the Fashion-MNIST report's 288");
        let images = || Tensor::<4>::zeros([2, 1, 28, 28], &device);
        let blocks = BlockEncoder::new(3, 32, &device);
        assert_eq!(blocks.forward(Tensor::<4>::zeros([2, 3, 32, 32], &device)).dims(), [2, 10], "the A9 report's 640 → 1000-500-100-10");
        assert_eq!(blocks.fcs[0].weight.dims(), [640, 1000], "10 maps of 8 × 8 after two blocks");
        let with = ConvEncoder::new(1, 28, &plan, 64, 0.0, &device);
        assert_eq!((with.features(&plan, 28), with.forward(images()).dims()), (64, [2, 64]));
        let without = ConvEncoder::new(1, 28, &plan, 0, 0.0, &device);
        assert_eq!((without.features(&plan, 28), without.forward(images()).dims()), (288, [2, 288]));
        for linear in [0, 64] {
            let decoder = ConvDecoder::new(10, linear, 1, 28, &plan, 0.0, &device);
            assert_eq!(decoder.forward(Tensor::<2>::zeros([2, 10], &device)).dims(), [2, 1, 28, 28]);
            assert_eq!(decoder.linear.is_some(), linear > 0);
        }
    }
}
