//! Contrastive learning: the two losses against hand-computed values, and margin training on
//! the real MNIST subset pulling the classes apart in a 2-D embedding.

mod common;

use burn::prelude::*;
use futures_lite::future::block_on;
use replab_core::analysis::held_out_knn_accuracy;
use replab_core::data::DatasetId;
use replab_engine::train::Progress;
use replab_core::settings::{ContrastiveLoss, Hyperparams, ModelKind};
use replab_engine::train::{Trainer, margin_contrastive_loss, nt_xent_loss};

fn matrix(rows: &[[f32; 2]]) -> Tensor<2> {
    let values: Vec<f32> = rows.iter().flatten().copied().collect();
    Tensor::from_data(TensorData::new(values, [rows.len(), 2]), &Device::flex())
}

fn scalar(t: Tensor<1>) -> f32 {
    t.into_data().try_to_vec::<f32>().expect("f32")[0]
}

#[test]
fn margin_loss_matches_hand_computed_pairs() {
    // Pair 0: same class, d² = 1 → 1. Pair 1: different, d² = 0 → M − 0 = 2.
    // Pair 2: different, d² = 4 > M → clamped to 0. Mean: 1.
    let a = matrix(&[[0.0, 0.0], [1.0, 0.0], [0.0, 0.0]]);
    let b = matrix(&[[0.0, 1.0], [1.0, 0.0], [2.0, 0.0]]);
    let same = Tensor::<1>::from_data(TensorData::new(vec![1.0f32, 0.0, 0.0], [3]), &Device::flex());
    let loss = scalar(margin_contrastive_loss(a, b, same, 2.0));
    assert!((loss - 1.0).abs() < 1e-6, "{loss}");
}

#[test]
fn margin_loss_of_a_far_apart_negative_is_zero_and_of_a_near_one_is_the_margin_gap() {
    let same = || Tensor::<1>::from_data(TensorData::new(vec![0.0f32], [1]), &Device::flex());
    let far = scalar(margin_contrastive_loss(matrix(&[[0.0, 0.0]]), matrix(&[[3.0, 0.0]]), same(), 2.0));
    assert_eq!(far, 0.0);
    // d² = 0.25 → 2 − 0.25.
    let near = scalar(margin_contrastive_loss(matrix(&[[0.0, 0.0]]), matrix(&[[0.0, 0.5]]), same(), 2.0));
    assert!((near - 1.75).abs() < 1e-6, "{near}");
}

#[test]
fn nt_xent_matches_hand_computed_value() {
    // Views (1,0),(0,1) | (1,0),(0,1): each row sees its partner at cosine 1 and the two others
    // at 0. With τ = 0.5 the logits are {2, 0, 0}: loss = ln(e² + 2) − 2 for every row.
    let expected = ((2.0f64).exp() + 2.0).ln() - 2.0;
    let loss = scalar(nt_xent_loss(matrix(&[[1.0, 0.0], [0.0, 1.0]]), matrix(&[[1.0, 0.0], [0.0, 1.0]]), 0.5));
    assert!((loss as f64 - expected).abs() < 1e-5, "{loss} vs {expected}");
    // Only directions count: scaling a view changes nothing.
    let scaled = scalar(nt_xent_loss(matrix(&[[3.0, 0.0], [0.0, 0.2]]), matrix(&[[1.0, 0.0], [0.0, 5.0]]), 0.5));
    assert!((scaled - loss).abs() < 1e-5, "{scaled} vs {loss}");
    // A view pointing away from its partner costs more.
    let swapped = scalar(nt_xent_loss(matrix(&[[1.0, 0.0], [0.0, 1.0]]), matrix(&[[0.0, 1.0], [1.0, 0.0]]), 0.5));
    assert!(swapped > loss + 1.0, "{swapped}");
}

/// k-NN (k = 10) accuracy of the model's test embeddings.
fn knn_of(trainer: &Trainer) -> f32 {
    let (codes, dim) = block_on(trainer.test_codes()).unwrap();
    let labels = common::shipped(DatasetId::Mnist).test.labels;
    held_out_knn_accuracy(&codes, &labels, dim, 10)
}

#[test]
fn margin_training_to_2d_separates_mnist_classes() {
    let data = common::shipped(DatasetId::Mnist);
    let hp = Hyperparams {
        model: ModelKind::MlpContrastive,
        contrastive: ContrastiveLoss::Margin,
        latent: 2,
        epochs: 5,
        ..Hyperparams::default()
    };
    let mut trainer = Trainer::new(&data, hp, &Device::flex()).unwrap();
    let before = knn_of(&trainer);
    let mut test_losses = Vec::new();
    while !trainer.is_finished() {
        for event in block_on(trainer.advance()).unwrap() {
            if let Progress::Evaluated { test, .. } = event {
                assert!(test.accuracy.is_none() && test.kl.is_none());
                test_losses.push(test.loss);
            }
        }
    }
    let after = knn_of(&trainer);
    println!("margin 2-D MNIST: k-NN accuracy before {before:.3}, after {after:.3}; test loss {test_losses:?}");
    assert!(after > before + 0.4, "before {before}, after {after}");
    assert!(test_losses.windows(2).all(|w| w[1] < w[0] * 1.05), "{test_losses:?}");
}

#[test]
fn simclr_training_lowers_the_nt_xent_loss() {
    let data = common::shipped(DatasetId::Mnist);
    let hp = Hyperparams {
        model: ModelKind::MlpContrastive,
        contrastive: ContrastiveLoss::NtXent,
        latent: 32,
        epochs: 1,
        ..Hyperparams::default()
    };
    let mut trainer = Trainer::new(&data, hp, &Device::flex()).unwrap();
    let first = block_on(trainer.evaluate()).unwrap().test.loss;
    let mut last = f32::NAN;
    while !trainer.is_finished() {
        for event in block_on(trainer.advance()).unwrap() {
            if let Progress::Evaluated { test, .. } = event {
                last = test.loss;
            }
        }
    }
    let before = knn_of(&Trainer::new(&data, trainer.hyperparams().clone(), &Device::flex()).unwrap());
    let after = knn_of(&trainer);
    println!("SimCLR MNIST 1 epoch: test NT-Xent {first:.3} → {last:.3}; k-NN {before:.3} → {after:.3}");
    // ln(999) ≈ 6.91 is chance for 500 test images (999 candidates each).
    assert!(first > 6.5 && last < first - 0.5, "{first} → {last}");
}

#[test]
fn conv_simclr_on_cifar_trains_with_colour_augmentations() {
    let data = common::shipped(DatasetId::Cifar10);
    let hp = Hyperparams {
        model: ModelKind::ConvContrastive,
        contrastive: ContrastiveLoss::NtXent,
        latent: 64,
        batch: 64,
        ..Hyperparams::default()
    };
    let mut trainer = Trainer::new(&data, hp, &Device::flex()).unwrap();
    let events = block_on(trainer.advance()).unwrap();
    let Some(Progress::Trained { train, .. }) = events.first() else { panic!("{events:?}") };
    // Chance is ln(127) ≈ 4.84 for a batch of 64 (127 candidates per view).
    assert!(train.loss.is_finite() && train.loss > 2.0 && train.loss < 5.5, "{train:?}");
    let (codes, dim) = block_on(trainer.test_codes()).unwrap();
    assert_eq!((codes.len(), dim), (1000 * 64, 64));
}
