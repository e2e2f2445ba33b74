//! Models to `.safetensors` (PyTorch names and layouts) and back: exact round trips for every
//! architecture, and imports that name the tensor that does not fit.

mod common;

use std::collections::BTreeMap;

use burn::prelude::*;
use futures_lite::future::block_on;
use replab_core::data::{Dataset, DatasetId, ImageSet};
use replab_core::export::{ImportError, ModelCard, NamedTensor, Weights};
use replab_engine::export::{model_with_weights, weights_of};
use replab_engine::model::LabModel;
use replab_core::settings::{ContrastiveLoss, Hyperparams, ModelKind};
use replab_engine::train::Trainer;

/// The first `n` test images, `[n, c, h, w]` in [0, 1].
fn first_images(set: &ImageSet, n: usize, device: &Device) -> Tensor<4> {
    let values: Vec<f32> = set.pixels[..n * set.shape.len()].iter().map(|&p| p as f32 / 255.0).collect();
    let s = set.shape;
    Tensor::from_data(TensorData::new(values, [n, s.channels, s.height, s.width]), device)
}

/// What the model computes for `images`: the reconstruction for an autoencoder, else the codes.
fn outputs(model: &LabModel, images: Tensor<4>) -> Vec<f32> {
    let out = match model.autoencoder() {
        Some(ae) => ae.forward(images).flatten::<2>(1, 3),
        None => model.codes(images),
    };
    out.into_data().try_to_vec::<f32>().unwrap()
}

fn hp(model: ModelKind) -> Hyperparams {
    Hyperparams { model, hidden: 64, latent: 16, batch: 50, epochs: 1, ..Hyperparams::default() }
}

/// Export `model`, parse the bytes, load them into a differently initialised model of the same
/// architecture: the outputs must be bit-identical.
fn assert_round_trip(hp: &Hyperparams, data: &Dataset) -> Weights {
    let device = Device::flex();
    device.seed(1);
    let model = LabModel::init(hp, data.train.shape, data.class_count(), &device);
    let mut weights = block_on(weights_of(&model)).unwrap();
    weights.card = Some(ModelCard::new(hp.clone(), data.id, data.train.shape, data.class_count()));
    let parsed = Weights::from_safetensors(&weights.to_safetensors()).unwrap();
    assert_eq!(parsed, weights, "{:?}: the file gives back what was written", hp.model);
    device.seed(2);
    let other = LabModel::init(hp, data.train.shape, data.class_count(), &device);
    let images = first_images(&data.test, 5, &device);
    assert_ne!(outputs(&other, images.clone()), outputs(&model, images.clone()), "{:?}: seeds differ", hp.model);
    let loaded = model_with_weights(other, &parsed).unwrap();
    assert_eq!(outputs(&loaded, images.clone()), outputs(&model, images), "{:?}: same outputs after the round trip", hp.model);
    parsed
}

#[test]
fn every_architecture_survives_the_round_trip() {
    let mnist = common::shipped(DatasetId::Mnist);
    let cifar = common::shipped(DatasetId::Cifar10);
    for kind in [
        ModelKind::MlpAe,
        ModelKind::MlpVae,
        ModelKind::TiedMlpAe,
        ModelKind::ConvAe,
        ModelKind::ConvVae,
        ModelKind::MlpContrastive,
        ModelKind::ConvContrastive,
        ModelKind::MlpClassifier,
        ModelKind::Svm,
    ] {
        assert_round_trip(&hp(kind), &mnist);
    }
    let simclr = Hyperparams { contrastive: ContrastiveLoss::NtXent, ..hp(ModelKind::ConvContrastive) };
    assert_round_trip(&simclr, &mnist);
    // The Fashion-MNIST report's conv autoencoder: a 64-wide linear layer and dropout.
    for kind in [ModelKind::ConvAe, ModelKind::ConvVae] {
        assert_round_trip(&Hyperparams { conv_hidden: 64, dropout: 0.1, ..hp(kind) }, &mnist);
    }
    assert_round_trip(&hp(ModelKind::Cnn), &cifar);
}

fn shapes(weights: &Weights) -> BTreeMap<&str, Vec<usize>> {
    weights.tensors.iter().map(|(name, t)| (name.as_str(), t.shape.clone())).collect()
}

#[test]
fn parameters_get_pytorch_names_and_layouts() {
    let mnist = common::shipped(DatasetId::Mnist);
    let weights = assert_round_trip(&hp(ModelKind::MlpAe), &mnist);
    let expected = BTreeMap::from([
        ("encoder.0.weight", vec![64, 784]),
        ("encoder.0.bias", vec![64]),
        ("code.weight", vec![16, 64]),
        ("code.bias", vec![16]),
        ("decoder.0.weight", vec![64, 16]),
        ("decoder.0.bias", vec![64]),
        ("decoder.3.weight", vec![784, 64]),
        ("decoder.3.bias", vec![784]),
    ]);
    assert_eq!(shapes(&weights), expected);

    let conv = assert_round_trip(&hp(ModelKind::ConvVae), &mnist);
    let conv_shapes = shapes(&conv);
    // Conv2d [out, in, kh, kw]; ConvTranspose2d [in, out, kh, kw], as in PyTorch.
    assert_eq!(conv_shapes["encoder.0.weight"], vec![8, 1, 4, 4]);
    assert_eq!(conv_shapes["encoder.4.weight"], vec![32, 16, 3, 3]);
    // The report's layout: the last layer unpadded, 32 maps of 3 × 3.
    assert_eq!(conv_shapes["log_var.weight"], vec![16, 32 * 3 * 3]);
    assert_eq!(conv_shapes["decoder.0.weight"], vec![32 * 3 * 3, 16]);
    assert_eq!(conv_shapes["decoder.2.weight"], vec![32, 16, 3, 3]);
    assert_eq!(conv_shapes["decoder.6.weight"], vec![8, 1, 4, 4]);

    // With the report's 64-wide linear layer on each side (kept under their own paths).
    let linear = assert_round_trip(&Hyperparams { conv_hidden: 64, ..hp(ModelKind::ConvAe) }, &mnist);
    let linear_shapes = shapes(&linear);
    assert_eq!(linear_shapes["encoder.linear.weight"], vec![64, 288]);
    assert_eq!(linear_shapes["code.weight"], vec![16, 64]);
    assert_eq!(linear_shapes["decoder.linear.weight"], vec![64, 16]);
    assert_eq!(linear_shapes["decoder.0.weight"], vec![288, 64]);

    let cnn = assert_round_trip(&hp(ModelKind::Cnn), &common::shipped(DatasetId::Cifar10));
    let cnn_names: Vec<&str> = cnn.tensors.keys().map(String::as_str).collect();
    assert_eq!(
        cnn_names,
        [
            "features.0.bias", "features.0.weight", "features.3.bias", "features.3.weight", "features.6.bias",
            "features.6.weight", "hidden.bias", "hidden.weight", "output.bias", "output.weight"
        ]
    );
}

#[test]
fn a_trained_autoencoder_reloads_with_identical_reconstructions() {
    let data = common::shipped(DatasetId::Mnist);
    let device = Device::flex();
    let hp = Hyperparams { batch: 100, epochs: 1, ..Hyperparams::default() };
    let mut trainer = Trainer::new(&data, hp.clone(), &device).unwrap();
    while !trainer.is_finished() {
        block_on(trainer.advance()).unwrap();
    }
    let weights = block_on(weights_of(trainer.model())).unwrap();
    let bytes = weights.to_safetensors();
    let mut fresh = Trainer::new(&data, Hyperparams { seed: 9, ..hp }, &device).unwrap();
    fresh.load_weights(&Weights::from_safetensors(&bytes).unwrap()).unwrap();
    assert!(fresh.is_finished(), "loaded weights count as a finished run");
    let images = first_images(&data.test, 5, &device);
    let before = outputs(&trainer.model().valid(), images.clone());
    assert_eq!(outputs(&fresh.model().valid(), images), before);
}

#[test]
fn a_mismatch_names_the_offending_tensor() {
    let mnist = common::shipped(DatasetId::Mnist);
    let device = Device::flex();
    let model = || LabModel::init(&hp(ModelKind::MlpAe), mnist.train.shape, 10, &device);
    let good = block_on(weights_of(&model())).unwrap();

    let wider = LabModel::init(&Hyperparams { latent: 32, ..hp(ModelKind::MlpAe) }, mnist.train.shape, 10, &device);
    let wider = block_on(weights_of(&wider)).unwrap();
    assert_eq!(
        model_with_weights(model(), &wider).unwrap_err(),
        ImportError::Shape { name: "code.weight".into(), found: vec![32, 64], expected: vec![16, 64] }
    );

    let mut missing = good.clone();
    missing.tensors.remove("decoder.3.weight");
    assert_eq!(
        model_with_weights(model(), &missing).unwrap_err(),
        ImportError::Missing { name: "decoder.3.weight".into(), expected: vec![784, 64] }
    );

    let mut extra = good.clone();
    extra.tensors.insert("decoder.5.weight".into(), NamedTensor { shape: vec![1], values: vec![0.0] });
    let err = model_with_weights(model(), &extra).unwrap_err();
    assert_eq!(err, ImportError::Unexpected { name: "decoder.5.weight".into() });
    assert!(err.to_string().contains("decoder.5.weight"));

    let vae = LabModel::init(&hp(ModelKind::MlpVae), mnist.train.shape, 10, &device);
    assert!(matches!(model_with_weights(vae, &good), Err(ImportError::Missing { name, .. }) if name == "log_var.weight"));
}

#[test]
fn malformed_files_are_refused_with_a_reason() {
    assert!(matches!(Weights::from_safetensors(b""), Err(ImportError::Format(_))));
    assert!(matches!(Weights::from_safetensors(b"not a safetensors file at all"), Err(ImportError::Format(_))));
    // A header that claims more bytes than the file has.
    let mut lying = 1_000_000u64.to_le_bytes().to_vec();
    lying.extend_from_slice(b"{}");
    assert!(matches!(Weights::from_safetensors(&lying), Err(ImportError::Format(_))));

    let values = [1.0f64, 2.0];
    let bytes: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
    let view = safetensors::tensor::TensorView::new(safetensors::Dtype::F64, vec![2], &bytes).unwrap();
    let f64_file = safetensors::serialize([("encoder.0.bias", view)], None).unwrap();
    let err = Weights::from_safetensors(&f64_file).unwrap_err();
    assert!(matches!(&err, ImportError::Dtype { name, .. } if name == "encoder.0.bias"), "{err}");

    let nan = Weights {
        tensors: BTreeMap::from([("code.bias".to_string(), NamedTensor { shape: vec![2], values: vec![0.5, f32::NAN] })]),
        card: None,
    };
    assert_eq!(Weights::from_safetensors(&nan.to_safetensors()).unwrap_err(), ImportError::NotFinite { name: "code.bias".into() });

    let mut bad_card = 0u64.to_le_bytes().to_vec();
    let header = br#"{"__metadata__":{"replab.config":"{oops"}}"#;
    bad_card = {
        bad_card.clear();
        bad_card.extend((header.len() as u64).to_le_bytes());
        bad_card.extend_from_slice(header);
        bad_card
    };
    assert!(matches!(Weights::from_safetensors(&bad_card), Err(ImportError::Card(_))));
}
