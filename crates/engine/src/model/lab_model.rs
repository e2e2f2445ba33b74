//! Any network the lab trains, as one module type the trainer and optimiser can hold.

use burn::prelude::*;

use super::{
    Arch, Autoencoder, AutoencoderConfig, CnnClassifier, CnnClassifierConfig, Embedder, EmbedderConfig, EncoderClassifier,
    EncoderClassifierConfig, LinearSvm,
};
use replab_core::data::ImageShape;
use replab_core::settings::{ContrastiveLoss, Hyperparams, ModelKind, OutputKind};

/// Output size of the SimCLR projection head (SimCLR uses 128 after a 2048-wide ResNet; the
/// lab's embeddings are far smaller).
pub const PROJECTION: usize = 32;

#[derive(Module, Debug)]
#[allow(clippy::large_enum_variant)] // one model per run: boxing buys nothing
pub enum LabModel {
    Autoencoder(Autoencoder),
    Classifier(CnnClassifier),
    Embedder(Embedder),
    EncoderClassifier(EncoderClassifier),
    Svm(LinearSvm),
}

impl LabModel {
    /// A fresh network of `hp.model` for images of `shape` (classifiers get `classes` outputs).
    pub fn init(hp: &Hyperparams, shape: ImageShape, classes: usize, device: &Device) -> LabModel {
        let ae = |arch| {
            AutoencoderConfig::for_shape(arch, shape)
                .with_hidden(hp.hidden_width(arch == Arch::Conv))
                .with_conv_stack(hp.conv_stack)
                .with_latent(hp.latent)
                .with_variational(hp.model.is_variational())
                .with_dropout(hp.dropout)
                .with_sigmoid_output(hp.output == OutputKind::Sigmoid)
                .init(device)
        };
        match hp.model {
            ModelKind::MlpAe | ModelKind::MlpVae => LabModel::Autoencoder(ae(Arch::Mlp)),
            ModelKind::TiedMlpAe => LabModel::Autoencoder(ae(Arch::TiedMlp)),
            ModelKind::ConvAe | ModelKind::ConvVae => LabModel::Autoencoder(ae(Arch::Conv)),
            ModelKind::MlpContrastive | ModelKind::ConvContrastive => {
                let arch = if hp.model == ModelKind::MlpContrastive { Arch::Mlp } else { Arch::Conv };
                let projection = (hp.contrastive == ContrastiveLoss::NtXent).then_some(PROJECTION);
                LabModel::Embedder(
                    EmbedderConfig::new(arch, shape.channels, shape.height, shape.width)
                        .with_hidden(hp.hidden_width(arch == Arch::Conv))
                        .with_conv_stack(hp.conv_stack)
                        .with_embedding(hp.latent)
                        .with_projection(projection)
                        .init(device),
                )
            }
            ModelKind::MlpClassifier => LabModel::EncoderClassifier(
                EncoderClassifierConfig::new(Arch::Mlp, shape.channels, shape.height, shape.width)
                    .with_hidden(hp.hidden)
                    .with_latent(Some(hp.latent))
                    .with_classes(classes)
                    .with_dropout(hp.dropout)
                    .init(device),
            ),
            ModelKind::Svm => LabModel::Svm(LinearSvm::new(shape.len(), device)),
            ModelKind::Cnn => LabModel::Classifier(
                CnnClassifierConfig::new(shape.channels, shape.height, shape.width).with_classes(classes).init(device),
            ),
        }
    }

    pub fn autoencoder(&self) -> Option<&Autoencoder> {
        match self {
            LabModel::Autoencoder(ae) => Some(ae),
            _ => None,
        }
    }

    /// Whether a training step's objective on a batch is the mean of its two halves'
    /// objectives, with nothing drawn at random: no contrastive loss (it compares images across
    /// the batch), no VAE noise and no dropout (drawn by two threads from one generator, in an
    /// order that would change from run to run). Such a step may be taken as two halves on two
    /// threads (`train::step`). Giving each half a random stream of its own would let the CIFAR
    /// CNN's dropout split too; not done: its halves measured 1.01× in the threaded browser
    /// worker, whose pool its large convolutions already keep busy (BENCHMARKS.md, session 59).
    pub fn batch_splits(&self, hp: &Hyperparams) -> bool {
        match self {
            LabModel::Autoencoder(ae) => !ae.is_variational() && hp.dropout == 0.0,
            LabModel::EncoderClassifier(_) => hp.dropout == 0.0,
            LabModel::Classifier(net) => net.dropout() == 0.0,
            LabModel::Svm(_) => true,
            LabModel::Embedder(_) => false,
        }
    }

    /// The codes a scatter plots and a k-NN or linear probe evaluates: an autoencoder's code
    /// (a VAE's mean), an embedder's embedding, a classifier's hidden features.
    ///
    /// # Shapes
    /// - `images`: `[batch, c, h, w]`
    /// - returns: `[batch, code]`
    pub fn codes(&self, images: Tensor<4>) -> Tensor<2> {
        match self {
            LabModel::Autoencoder(ae) => ae.encode(images).mean,
            LabModel::Embedder(e) => e.embed(images),
            LabModel::Classifier(c) => c.features(images),
            LabModel::EncoderClassifier(c) => c.features(images),
            LabModel::Svm(svm) => svm.forward(images).unsqueeze_dim(1),
        }
    }
}
