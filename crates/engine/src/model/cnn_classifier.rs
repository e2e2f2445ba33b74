//! The CIFAR-10 report's CNN: blocks of (3×3 conv, ReLU, 2×2 max-pool, dropout), then
//! FC 2048 → 256 → classes (for 32×32 colour images and 32/64/128 channels). Until 2026-12-05
//! the lab dropped out once, between the 256 and the output, instead of after each block.

use burn::nn::conv::{Conv2d, Conv2dConfig};
use burn::nn::pool::{MaxPool2d, MaxPool2dConfig};
use burn::nn::{Dropout, DropoutConfig, Linear, LinearConfig, PaddingConfig2d};
use burn::prelude::*;
use burn::tensor::activation::relu;

#[derive(Config, Debug)]
pub struct CnnClassifierConfig {
    pub channels: usize,
    pub height: usize,
    pub width: usize,
    #[config(default = "vec![32, 64, 128]")]
    pub blocks: Vec<usize>,
    #[config(default = 256)]
    pub hidden: usize,
    #[config(default = 10)]
    pub classes: usize,
    /// Dropout after each block's max-pool (the report: 0.25).
    #[config(default = 0.25)]
    pub dropout: f64,
}

impl CnnClassifierConfig {
    pub fn init(&self, device: &Device) -> CnnClassifier {
        let mut channels = self.channels;
        let blocks: Vec<Conv2d> = self
            .blocks
            .iter()
            .map(|&out| {
                let conv = Conv2dConfig::new([channels, out], [3, 3]).with_padding(PaddingConfig2d::Same).init(device);
                channels = out;
                conv
            })
            .collect();
        let shrink = 1 << self.blocks.len();
        let features = channels * (self.height / shrink) * (self.width / shrink);
        CnnClassifier {
            blocks,
            pool: MaxPool2dConfig::new([2, 2]).init(),
            hidden: LinearConfig::new(features, self.hidden).init(device),
            dropout: DropoutConfig::new(self.dropout).init(),
            output: LinearConfig::new(self.hidden, self.classes).init(device),
        }
    }
}

#[derive(Module, Debug)]
pub struct CnnClassifier {
    blocks: Vec<Conv2d>,
    pool: MaxPool2d,
    hidden: Linear,
    dropout: Dropout,
    output: Linear,
}

impl CnnClassifier {
    /// The same network with the first `k` conv blocks copied from `source` (the reports'
    /// A8 transfer), frozen (their parameters ask for no gradient) or left trainable.
    ///
    /// Panics if `source` has fewer than `k` blocks or their shapes differ (a bug in the plan).
    pub fn with_blocks_of(mut self, source: &CnnClassifier, k: usize, frozen: bool) -> CnnClassifier {
        assert!(k <= source.blocks.len() && k <= self.blocks.len(), "{k} blocks to copy");
        for i in 0..k {
            assert_eq!(self.blocks[i].weight.dims(), source.blocks[i].weight.dims(), "block {i} differs");
            let block = source.blocks[i].clone();
            self.blocks[i] = if frozen { block.no_grad() } else { block };
        }
        self
    }

    /// The dropout probability after each block and the hidden layer.
    pub fn dropout(&self) -> f64 {
        self.dropout.prob
    }

    /// The conv blocks' weight tensors, in order (for tests of the transfer).
    pub fn block_weights(&self) -> Vec<Tensor<4>> {
        self.blocks.iter().map(|b| b.weight.val()).collect()
    }

    /// Class scores (logits).
    ///
    /// # Shapes
    /// - `images`: `[batch, c, h, w]`, values in [0, 1]
    /// - returns: `[batch, classes]`
    pub fn forward(&self, images: Tensor<4>) -> Tensor<2> {
        self.classify(self.features(images))
    }

    /// Class scores from [`Self::features`].
    ///
    /// # Shapes
    /// - `features`: `[batch, hidden]`; returns `[batch, classes]`
    pub fn classify(&self, features: Tensor<2>) -> Tensor<2> {
        self.output.forward(features)
    }

    /// The hidden layer's activations: the classification-guided representation that the
    /// scatter plots and k-NN evaluates (B3/B6 in the reports).
    ///
    /// # Shapes
    /// - `images`: `[batch, c, h, w]`, values in [0, 1]
    /// - returns: `[batch, hidden]`
    pub fn features(&self, images: Tensor<4>) -> Tensor<2> {
        let maps = self.blocks.iter().fold(images, |x, conv| self.dropout.forward(self.pool.forward(relu(conv.forward(x)))));
        relu(self.hidden.forward(maps.flatten(1, 3)))
    }
}
