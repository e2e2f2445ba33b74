//! What each kind of network minimises, and the figures reported about it.

use burn::nn::loss::CrossEntropyLossConfig;
use burn::prelude::*;
use burn::tensor::Distribution;

use super::{margin_contrastive_loss, nt_xent_loss, reconstruction_loss};
use crate::model::{Autoencoder, Embedder, LabModel};
use replab_core::settings::Hyperparams;

/// One batch of images with what the objective needs besides them.
pub struct Batch {
    /// `[batch, c, h, w]`, values in [0, 1]
    pub images: Tensor<4>,
    /// `[batch]`; `None` where the objective does not use labels (autoencoders).
    pub labels: Option<Tensor<1, Int>>,
    /// How a contrastive model pairs the images (`None` for other models).
    pub pairing: Option<Pairing>,
}

/// The pairs of a contrastive batch.
pub enum Pairing {
    /// Image `i` is paired with image `partners[i]` of the same batch (margin loss). `[batch]`
    Partners(Tensor<1, Int>),
    /// A second augmented view of each image (NT-Xent); the batch's `images` are the first.
    /// `[batch, c, h, w]`
    Views(Tensor<4>),
}

/// The terms of one batch's objective.
pub struct Terms {
    /// What the optimiser minimises.
    pub total: Tensor<1>,
    /// What is reported about it, summed over steps and read back in one go.
    pub figures: Figures,
    /// The batch's codes as [`LabModel::codes`] gives them, where the objective computes them
    /// on its way (`[batch, dim]`): in evaluation only (in a training step a second handle would
    /// keep the tensor from being reused in place), and not a contrastive model's (its batch is
    /// pairs of views).
    pub codes: Option<Tensor<2>>,
}

/// The reported figures of one batch (or a sum of batches), each `[1]` and detached: kept
/// apart so that a step adds only the figures its model has, and packed into one tensor only
/// when they are read back.
pub struct Figures {
    /// Main loss: reconstruction or cross-entropy (or the contrastive or hinge loss).
    pub loss: Tensor<1>,
    /// KL per image (VAEs).
    pub kl: Option<Tensor<1>>,
    /// Share of the batch classified correctly (classifiers, SVMs).
    pub accuracy: Option<Tensor<1>>,
}

impl Figures {
    fn new(loss: Tensor<1>) -> Self {
        Figures { loss: loss.detach(), kl: None, accuracy: None }
    }

    /// The element-wise sum of two batches' figures (of the same model).
    pub fn plus(self, other: Figures) -> Figures {
        let add = |a: Option<Tensor<1>>, b: Option<Tensor<1>>| match (a, b) {
            (Some(a), Some(b)) => Some(a + b),
            (a, b) => a.or(b),
        };
        Figures { loss: self.loss + other.loss, kl: add(self.kl, other.kl), accuracy: add(self.accuracy, other.accuracy) }
    }

    /// Every figure times `factor`.
    pub fn times(self, factor: f32) -> Figures {
        Figures { loss: self.loss * factor, kl: self.kl.map(|k| k * factor), accuracy: self.accuracy.map(|a| a * factor) }
    }

    /// `[3]`: loss, KL (0 when absent), accuracy (0 when absent), for one readback.
    pub fn packed(self) -> Tensor<1> {
        let device = self.loss.device();
        let zero = || Tensor::<1>::zeros([1], &device);
        Tensor::cat(vec![self.loss, self.kl.unwrap_or_else(zero), self.accuracy.unwrap_or_else(zero)], 0)
    }
}

/// KL divergence of `N(mean, exp(log_var))` from `N(0, I)`, in nats per image.
///
/// # Shapes
/// - `mean`, `log_var`: `[batch, latent]`
/// - returns: `[1]`
pub fn kl_per_image(mean: Tensor<2>, log_var: Tensor<2>) -> Tensor<1> {
    let batch = mean.dims()[0] as f32;
    let terms = log_var.clone() - mean.square() - log_var.exp() + 1.0;
    terms.sum() * (-0.5 / batch)
}

/// The objective of `model` on one batch. `sample` draws the VAE's code
/// (`z = mean + exp(log_var / 2) · ε`); without it (evaluation) the mean is decoded, and the
/// codes are kept ([`Terms::codes`]).
///
/// Panics if a contrastive model gets a batch without the pairing its loss needs (a bug).
pub fn terms(model: &LabModel, batch: Batch, hp: &Hyperparams, sample: bool) -> Terms {
    let Batch { images, labels, pairing } = batch;
    let labels = || labels.expect("this objective needs the batch's labels (a bug)");
    let kept = |codes: &Tensor<2>| (!sample).then(|| codes.clone());
    match model {
        LabModel::Embedder(net) => {
            let loss = contrastive_loss(net, images, labels(), pairing.expect("a contrastive batch has pairs"), hp);
            Terms { figures: Figures::new(loss.clone()), total: loss, codes: None }
        }
        LabModel::Autoencoder(ae) => autoencoder_terms(ae, images, hp, sample),
        LabModel::Classifier(net) => {
            let features = net.features(images);
            Terms { codes: kept(&features), ..classification(net.classify(features), labels()) }
        }
        LabModel::EncoderClassifier(net) => {
            let features = net.features(images);
            Terms { codes: kept(&features), ..classification(net.classify(features), labels()) }
        }
        LabModel::Svm(svm) => {
            let labels = labels();
            let batch = labels.dims()[0] as f32;
            let signs = labels.float() * 2.0 - 1.0;
            let scores = svm.forward(images);
            let loss = hinge_loss(scores.clone(), signs.clone(), hp.svm_c as f32);
            let codes = (!sample).then(|| scores.clone().unsqueeze_dim(1));
            let correct = (scores * signs).greater_elem(0.0).float().sum() / batch;
            Terms { figures: Figures { accuracy: Some(correct), ..Figures::new(loss.clone()) }, total: loss, codes }
        }
    }
}

/// Cross-entropy and accuracy of class scores.
///
/// # Shapes
/// - `logits`: `[batch, classes]`; `labels`: `[batch]`
fn classification(logits: Tensor<2>, labels: Tensor<1, Int>) -> Terms {
    let device = logits.device();
    let loss = CrossEntropyLossConfig::new().init(&device).forward(logits.clone(), labels.clone());
    let batch = labels.dims()[0] as f32;
    let correct = logits.argmax(1).flatten::<1>(0, 1).equal(labels).float().sum() / batch;
    Terms { figures: Figures { accuracy: Some(correct), ..Figures::new(loss.clone()) }, total: loss, codes: None }
}

/// The SVM's hinge loss `C · mean(max(0, 1 − y·ŷ))` (the ½‖w‖² term is the optimiser's
/// weight decay).
///
/// # Shapes
/// - `scores`, `signs` (±1): `[batch]`; returns `[1]`
pub fn hinge_loss(scores: Tensor<1>, signs: Tensor<1>, c: f32) -> Tensor<1> {
    ((scores * signs).neg() + 1.0).clamp_min(0.0).mean() * c
}

fn contrastive_loss(net: &Embedder, images: Tensor<4>, labels: Tensor<1, Int>, pairing: Pairing, hp: &Hyperparams) -> Tensor<1> {
    let projected = net.project(images);
    match pairing {
        Pairing::Partners(partners) => {
            let others = projected.clone().select(0, partners.clone());
            let same = labels.clone().equal(labels.select(0, partners)).float();
            margin_contrastive_loss(projected, others, same, hp.margin as f32)
        }
        Pairing::Views(views) => nt_xent_loss(projected, net.project(views), hp.temperature as f32),
    }
}

fn autoencoder_terms(ae: &Autoencoder, images: Tensor<4>, hp: &Hyperparams, sample: bool) -> Terms {
    let codes = ae.encode(images.clone());
    let mean = (!sample).then(|| codes.mean.clone());
    let values = images.dims()[1..].iter().product::<usize>() as f32;
    let (code, kl) = match codes.log_var {
        Some(log_var) => {
            let code = if sample {
                let eps = codes.mean.random_like(Distribution::Normal(0.0, 1.0));
                codes.mean.clone() + (log_var.clone() * 0.5).exp() * eps
            } else {
                codes.mean.clone()
            };
            (code, Some(kl_per_image(codes.mean, log_var)))
        }
        None => (codes.mean, None),
    };
    let recon = reconstruction_loss(hp.loss, ae.decode(code).flatten(1, 3), images.flatten(1, 3));
    // The KL is per image and the reconstruction term per value: dividing the KL by the values
    // per image keeps beta = 1 the usual VAE (summed squared error + KL), scaled by 1/values.
    let total = match &kl {
        Some(kl) => recon.clone() + kl.clone() * (hp.beta as f32 / values),
        None => recon.clone(),
    };
    Terms { figures: Figures { kl: kl.map(|k| k.detach()), ..Figures::new(recon) }, total, codes: mean }
}
