//! Any network the lab trains, as one module type the trainer and optimiser can hold.

use burn::prelude::*;

use super::{Arch, Autoencoder, AutoencoderConfig, CnnClassifier, CnnClassifierConfig};
use crate::lab::data::ImageShape;
use crate::lab::settings::{Hyperparams, ModelKind};

#[derive(Module, Debug)]
pub enum LabModel {
    Autoencoder(Autoencoder),
    Classifier(CnnClassifier),
}

impl LabModel {
    /// A fresh network of `hp.model` for images of `shape` (classifiers get `classes` outputs).
    pub fn init(hp: &Hyperparams, shape: ImageShape, classes: usize, device: &Device) -> LabModel {
        let ae = |arch| {
            AutoencoderConfig::for_shape(arch, shape)
                .with_hidden(hp.hidden)
                .with_latent(hp.latent)
                .with_variational(hp.model.is_variational())
                .init(device)
        };
        match hp.model {
            ModelKind::MlpAe | ModelKind::MlpVae => LabModel::Autoencoder(ae(Arch::Mlp)),
            ModelKind::ConvAe | ModelKind::ConvVae => LabModel::Autoencoder(ae(Arch::Conv)),
            ModelKind::Cnn => LabModel::Classifier(
                CnnClassifierConfig::new(shape.channels, shape.height, shape.width).with_classes(classes).init(device),
            ),
        }
    }

    pub fn autoencoder(&self) -> Option<&Autoencoder> {
        match self {
            LabModel::Autoencoder(ae) => Some(ae),
            LabModel::Classifier(_) => None,
        }
    }
}
