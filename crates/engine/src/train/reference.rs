//! A reference classifier to judge decoded pictures with: trained on the same dataset as the
//! generative model, then asked how sure it is of each sample's class (see
//! [`replab_core::analysis::sample_quality`]).

use burn::prelude::*;
use burn::tensor::activation::softmax;

use super::{TrainError, Trainer, read_floats};
use replab_core::data::Dataset;
use crate::model::LabModel;
use replab_core::settings::{Hyperparams, ModelKind};

/// Images per forward pass.
const CHUNK: usize = 500;

/// The reference classifier's settings: `model` ([`ModelKind::Cnn`]: the lab's CNN, 3×3 conv
/// blocks 32/64/128 with 2×2 max-pooling, FC 256, dropout 0.25; [`ModelKind::MlpClassifier`]:
/// 784-256-128-classes, ReLU), Adam 1e-3, batch 64, `epochs` epochs, seeded.
pub fn reference_hyperparams(model: ModelKind, epochs: usize, seed: u64) -> Hyperparams {
    Hyperparams { model, batch: 64, epochs, seed, ..Hyperparams::default() }
}

/// A classifier of `hp` (a classifier kind: [`ModelKind::Cnn`] or [`ModelKind::MlpClassifier`])
/// trained on `data` on `device`, and its test accuracy. The model returned has no autodiff
/// graph (ready for [`class_probabilities`]).
pub async fn train_reference_classifier(data: &Dataset, hp: Hyperparams, device: &Device) -> Result<(LabModel, f32), TrainError> {
    if !matches!(hp.model, ModelKind::Cnn | ModelKind::MlpClassifier) {
        return Err(TrainError::Settings(format!("a reference classifier is a CNN or an MLP classifier, not {}", hp.model.label())));
    }
    let mut trainer = Trainer::new(data, hp, device)?;
    let mut accuracy = f32::NAN;
    while !trainer.is_finished() {
        for event in trainer.advance().await? {
            if let super::Progress::Evaluated { test, .. } = event {
                accuracy = test.accuracy.unwrap_or(f32::NAN);
            }
        }
    }
    Ok((trainer.model().valid(), accuracy))
}

/// What a reference classifier makes of a set of images.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    /// `n × classes`, row-major: each image's class probabilities (softmax of the logits).
    pub probabilities: Vec<f32>,
    pub classes: usize,
    /// `n × feature_dim`, row-major: the classifier's learned features of each image (its
    /// `features`, the representation its head classifies), for a Fréchet distance.
    pub features: Vec<f32>,
    pub feature_dim: usize,
}

/// The class probabilities and features `model` gives each of `images`; `None` when `model` is
/// no softmax classifier.
///
/// # Shapes
/// - `images`: `[n, c, h, w]`, values in [0, 1], on the model's (plain) device
pub async fn judge(model: &LabModel, images: &Tensor<4>) -> Result<Option<Judgement>, TrainError> {
    let n = images.dims()[0];
    let mut judgement = Judgement { probabilities: Vec::new(), classes: 0, features: Vec::new(), feature_dim: 0 };
    for start in (0..n).step_by(CHUNK) {
        let chunk = images.clone().narrow(0, start, CHUNK.min(n - start));
        let (features, logits) = match model {
            LabModel::Classifier(net) => (net.features(chunk.clone()), net.forward(chunk)),
            LabModel::EncoderClassifier(net) => (net.features(chunk.clone()), net.forward(chunk)),
            _ => return Ok(None),
        };
        judgement.classes = logits.dims()[1];
        judgement.feature_dim = features.dims()[1];
        judgement.probabilities.extend(read_floats(softmax(logits, 1).flatten(0, 1)).await?);
        judgement.features.extend(read_floats(features.flatten(0, 1)).await?);
    }
    Ok(Some(judgement))
}
