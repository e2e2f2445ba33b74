//! A job's network: fresh, or started from an earlier job's trained one (an autoencoder's
//! encoder under a classifier head; a pretext CNN's first conv blocks).

use burn::prelude::*;

use replab_core::presets::plan::{Init, Job};
use replab_core::data::ImageShape;
use crate::model::{Arch, EncoderClassifierConfig, LabModel};

/// `job`'s starting network for images of `shape` and `classes` classes on `device`;
/// `earlier[i]` holds job i's trained model where a later job starts from it.
///
/// Panics when the model a job starts from is missing or of the wrong kind (a bug in the plan:
/// every source job comes earlier and is kept).
pub fn build(job: &Job, shape: ImageShape, classes: usize, earlier: &[Option<LabModel>], device: &Device) -> LabModel {
    let hp = &job.hp;
    let source = |i: usize| earlier.get(i).and_then(Option::as_ref).unwrap_or_else(|| panic!("job {i}'s model was not kept"));
    match &job.init {
        Init::Fresh => LabModel::init(hp, shape, classes, device),
        Init::Encoder { conv, from, frozen, code, head } => {
            let arch = if *conv { Arch::Conv } else { Arch::Mlp };
            let net = EncoderClassifierConfig::new(arch, shape.channels, shape.height, shape.width)
                .with_hidden(hp.hidden_width(*conv))
                .with_conv_stack(hp.conv_stack)
                .with_latent(code.then_some(hp.latent))
                .with_head(head.clone())
                .with_classes(classes)
                .with_dropout(hp.dropout)
                .init(device);
            let net = match from.map(source) {
                Some(LabModel::Autoencoder(ae)) => net.with_encoder_of(ae),
                Some(LabModel::Embedder(embedder)) => {
                    let (encoder, code) = embedder.encoder_parts();
                    net.with_encoder_parts(encoder, code)
                }
                Some(_) => panic!("an encoder classifier starts from an autoencoder or an embedder"),
                None => net,
            };
            LabModel::EncoderClassifier(net.with_frozen_encoder(*frozen))
        }
        Init::Blocks { from, k, frozen } => match (LabModel::init(hp, shape, classes, device), source(*from)) {
            (LabModel::Classifier(net), LabModel::Classifier(pretext)) => LabModel::Classifier(net.with_blocks_of(pretext, *k, *frozen)),
            _ => panic!("blocks transfer between CNNs"),
        },
    }
}
