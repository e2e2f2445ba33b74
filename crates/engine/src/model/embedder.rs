//! A contrastive embedder: `image → features → embedding`, and for SimCLR a projection head
//! `embedding → hidden → projection` on which the NT-Xent loss is computed (the embedding before
//! the head is the representation that is plotted and evaluated, as in SimCLR).

use burn::nn::{Linear, LinearConfig};
use burn::prelude::*;
use burn::tensor::activation::relu;

use super::Arch;
use super::encoder::Encoder;
use replab_core::settings::ConvStack;

#[derive(Config, Debug)]
pub struct EmbedderConfig {
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
    /// Size of the embedding (2: plottable directly).
    #[config(default = 2)]
    pub embedding: usize,
    /// Output size of the projection head; `None`: no head (the margin loss works on the
    /// embedding itself).
    #[config(default = "None")]
    pub projection: Option<usize>,
}

#[derive(Module, Debug)]
pub struct ProjectionHead {
    hidden: Linear,
    output: Linear,
}

#[derive(Module, Debug)]
pub struct Embedder {
    encoder: Encoder,
    embed: Linear,
    head: Option<ProjectionHead>,
}

impl Embedder {
    /// Its encoder and the linear map to the embedding (what a classifier on its codes reuses).
    pub fn encoder_parts(&self) -> (Encoder, Linear) {
        (self.encoder.clone(), self.embed.clone())
    }
}

impl EmbedderConfig {
    pub fn init(&self, device: &Device) -> Embedder {
        let (encoder, features) = Encoder::new(self.arch, [self.channels, self.height, self.width], self.hidden, self.conv_stack, 0.0, device);
        let head = self.projection.map(|out| ProjectionHead {
            hidden: LinearConfig::new(self.embedding, self.embedding).init(device),
            output: LinearConfig::new(self.embedding, out).init(device),
        });
        Embedder { encoder, embed: LinearConfig::new(features, self.embedding).init(device), head }
    }
}

impl Embedder {
    pub fn embedding_size(&self) -> usize {
        self.embed.weight.dims()[1]
    }

    /// The representation.
    ///
    /// # Shapes
    /// - `images`: `[batch, c, h, w]`, values in [0, 1]
    /// - returns: `[batch, embedding]`
    pub fn embed(&self, images: Tensor<4>) -> Tensor<2> {
        self.embed.forward(self.encoder.forward(images))
    }

    /// What the contrastive loss sees: the projection head's output, or the embedding when
    /// there is no head.
    ///
    /// # Shapes
    /// - `images`: `[batch, c, h, w]`
    /// - returns: `[batch, projection]` (or `[batch, embedding]`)
    pub fn project(&self, images: Tensor<4>) -> Tensor<2> {
        let embedding = self.embed(images);
        match &self.head {
            Some(head) => head.output.forward(relu(head.hidden.forward(embedding))),
            None => embedding,
        }
    }
}
