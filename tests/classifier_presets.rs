//! Issue 7's building blocks and presets natively: the hinge loss's gradient, frozen and
//! transferred parameters, the derived datasets, and every classifier preset at the quick size
//! with finite figures.

mod common;

use burn::module::Module;
use burn::prelude::*;
use futures_lite::future::block_on;
use replab_core::data::{DatasetId, ImageSet, ImageShape, class_pair, quarter_turn, rotation_pretext};
use replab_engine::model::{CnnClassifierConfig, LabModel};
use replab_core::presets::{PresetResult, PresetSize, preset};
use replab_engine::presets::PresetRun;
use replab_core::search::Sampler;
use replab_core::settings::{Hyperparams, ModelKind};
use replab_engine::train::{Trainer, hinge_loss};

fn floats<const D: usize>(t: Tensor<D>) -> Vec<f32> {
    t.into_data().convert::<f32>().try_to_vec::<f32>().unwrap()
}

#[test]
fn hinge_loss_gradient_matches_hand_values() {
    let device = Device::flex().autodiff();
    let scores = Tensor::<1>::from_data(TensorData::new(vec![2.0f32, 0.5, 1.0, -0.2], [4]), &device).require_grad();
    let signs = Tensor::<1>::from_data(TensorData::new(vec![1.0f32, 1.0, -1.0, -1.0], [4]), &device);
    // y·ŷ = 2, 0.5, −1, 0.2: hinge terms 0, 0.5, 2, 0.8; mean 3.3 / 4; C = 0.5.
    let loss = hinge_loss(scores.clone(), signs, 0.5);
    let value: f32 = loss.clone().into_scalar();
    assert!((value - 0.5 * 3.3 / 4.0).abs() < 1e-6, "{value}");
    // ∂/∂ŷᵢ = −C·yᵢ/n where the margin is violated, else 0.
    let grads = loss.backward();
    let g = floats(scores.grad(&grads).unwrap());
    let expect = [0.0, -0.125, 0.125, 0.125];
    assert!(g.iter().zip(expect).all(|(a, b)| (a - b).abs() < 1e-6), "{g:?}");
}

#[test]
fn quarter_turn_and_the_pretext_and_pair_datasets_by_hand() {
    // 2×2, one channel: [a b; c d] turned anticlockwise is [b d; a c].
    assert_eq!(quarter_turn(&[1, 2, 3, 4], 1, 2), vec![2, 4, 1, 3]);
    // Four turns give the image back (3 channels, 3×3).
    let image: Vec<u8> = (0..27).collect();
    let four = (0..4).fold(image.clone(), |im, _| quarter_turn(&im, 3, 3));
    assert_eq!(four, image);
    let shape = ImageShape::new(1, 2, 2);
    let set = ImageSet { shape, pixels: (0..40).map(|i| (i % 4 + 1) as u8).collect(), labels: vec![3; 10] };
    let pretext = rotation_pretext(&set, 7);
    assert_eq!(pretext.len(), 10);
    for i in 0..10 {
        let expect = if pretext.labels[i] == 1 { vec![2, 4, 1, 3] } else { vec![1, 2, 3, 4] };
        assert_eq!(pretext.image(i), &expect[..]);
    }
    assert_eq!(rotation_pretext(&set, 7), pretext, "seeded");
    let mixed = ImageSet { shape, pixels: vec![0; 16], labels: vec![6, 2, 7, 6] };
    assert_eq!(class_pair(&mixed, 6, 7).labels, vec![0, 1, 0]);
}

#[test]
fn transferred_blocks_are_exact_copies_and_frozen_ones_stay_bit_identical() {
    let data = common::shipped(DatasetId::Cifar10);
    let small = replab_core::data::Dataset { id: data.id, train: data.train.slice(0..256), test: data.test.slice(0..64) };
    let hp = Hyperparams { model: ModelKind::Cnn, epochs: 1, batch: 64, ..Hyperparams::default() };
    let mut pretext = Trainer::new(&small, hp.clone(), &Device::flex()).unwrap();
    while !pretext.is_finished() {
        block_on(pretext.advance()).unwrap();
    }
    let LabModel::Classifier(source) = pretext.model().clone() else { panic!("a CNN") };
    let weights = |m: &replab_engine::model::CnnClassifier| m.block_weights().into_iter().map(floats).collect::<Vec<_>>();
    let source_weights = weights(&source);
    let build = |device: &Device| {
        let fresh = CnnClassifierConfig::new(3, 32, 32).init(device);
        LabModel::Classifier(fresh.with_blocks_of(&source, 2, true))
    };
    let mut trainer = Trainer::with_model(&small, hp, &Device::flex(), build).unwrap();
    let LabModel::Classifier(start) = trainer.model().clone() else { panic!("a CNN") };
    let start_weights = weights(&start);
    assert_eq!(start_weights[..2], source_weights[..2], "blocks 1–2 copied");
    assert_ne!(start_weights[2], source_weights[2], "block 3 is the new network's own");
    while !trainer.is_finished() {
        block_on(trainer.advance()).unwrap();
    }
    let LabModel::Classifier(end) = trainer.model().clone() else { panic!("a CNN") };
    let end_weights = weights(&end);
    assert_eq!(end_weights[..2], start_weights[..2], "frozen blocks bit-identical after training");
    assert_ne!(end_weights[2], start_weights[2], "the trainable block changed");
    assert!(end.num_params() > 0);
}

/// Run preset `id` at the quick size to the end; its final result.
fn run(id: &str) -> PresetResult {
    common::run_quick(id)
}

/// Every numeric row of `result` that the report has a figure for is finite.
fn assert_filled(result: &PresetResult) {
    assert_eq!(result.finished_jobs, result.total_jobs);
    for row in &result.rows {
        assert!(row.lab.is_some_and(f64::is_finite) || row.lab_text.is_some(), "{}: {row:?}", result.id);
    }
    assert!(!result.charts.is_empty(), "{}", result.id);
}

fn lab(result: &PresetResult, metric: &str) -> f64 {
    result.rows.iter().find(|r| r.metric == metric).and_then(|r| r.lab).unwrap_or_else(|| panic!("no {metric}"))
}

#[test]
fn mnist_classifier_presets_fill_their_tables() {
    let a5 = run("a5");
    assert_filled(&a5);
    // The same seed gave 0.846 (a clean-clone run on a loaded machine) and 0.856 (here): native
    // flex trains on rayon's threads, and the runs differ in their last bits. Chance is 0.1.
    assert!(lab(&a5, "accuracy_4") > 0.8, "pretrained + full, quick: {}", lab(&a5, "accuracy_4"));
    assert_eq!(a5.confusions.len(), 4);
    let c2 = run("c2");
    assert_filled(&c2);
    assert_eq!(c2.confusions.len(), 6, "train and test for three nets");
    let b3 = run("b3");
    assert_filled(&b3);
    assert_eq!(b3.scatters.len(), 4, "the raw images, then the three encoders' codes");
    assert!(b3.scatters[0].caption.starts_with("the raw images"), "{}", b3.scatters[0].caption);
    assert_eq!(b3.scatters[0].points.len(), b3.scatters[0].labels.len());
    let knn = |k: &str| lab(&b3, &format!("knn_{k}"));
    // Raw MNIST pixels are a strong k-NN baseline (measured 0.72 on the quick size's test
    // images): the card shows it beside the codes.
    assert!(knn("pixels") > 0.6, "k-NN of the raw images: {}", knn("pixels"));
    eprintln!("b3 quick: k-NN {} {} {}, accuracy {}", knn("autoencoder"), knn("classification"), knn("contrastive"), lab(&b3, "accuracy"));
    // After one quick epoch the L1 autoencoder's codes barely separate (measured 0.25; 0.87 at
    // the default size), the label-guided ones already do (0.72; 0.91).
    assert!(knn("classification") > 0.6 && knn("classification") > knn("autoencoder"), "k-NN of the codes (chance 0.1)");
}

#[test]
fn cifar_and_fashion_presets_fill_their_tables() {
    for id in ["a8", "d2", "e3", "a9"] {
        let result = run(id);
        assert_filled(&result);
        eprintln!("{id}: {:?}", result.rows.iter().map(|r| (&r.metric, r.lab, &r.lab_text)).collect::<Vec<_>>());
    }
}

/// D1 judges "underfits" and "noisy" against D2's tuned settings trained beside it
/// (docs/findings-d1.md): after the quick size's one epoch the first can be judged, the second
/// needs two trained epochs and stays unjudged.
#[test]
fn d1_judges_its_words_against_the_tuned_settings() {
    let d1 = run("d1");
    assert_eq!(d1.finished_jobs, 2, "the first settings and the tuned reference");
    let row = |m: &str| d1.rows.iter().find(|r| r.metric == m).unwrap_or_else(|| panic!("no {m}"));
    assert!(row("test_accuracy").lab.is_some_and(f64::is_finite));
    assert!(row("test_accuracy_tuned").lab.is_some_and(f64::is_finite));
    let underfits = row("underfits");
    assert!(underfits.lab_text.as_deref().is_some_and(|t| t.contains("tuned")), "{underfits:?}");
    assert!(underfits.verdict.is_some(), "{underfits:?}");
    let noisy = row("noisy");
    assert!(noisy.verdict.is_none() && noisy.lab_text.is_none(), "{noisy:?}");
    // Each arm's matrices: its validation split's (the test set is held out for the accuracy)
    // and its training images' (what "underfits" is judged on).
    let captions: Vec<&str> = d1.confusions.iter().map(|c| c.caption.as_str()).collect();
    assert_eq!(captions.iter().filter(|c| c.contains("validation images")).count(), 2, "{captions:?}");
    assert_eq!(captions.iter().filter(|c| c.contains("training images")).count(), 2, "{captions:?}");
    assert!(!captions.iter().any(|c| c.contains("test images")), "{captions:?}");
}

#[test]
#[ignore = "debugging aid"]
fn debug_c1_default() {
    let p = preset("c1").unwrap();
    let data = common::shipped(p.dataset);
    let mut run = PresetRun::new(p, PresetSize::Default, Sampler::Tpe, 3, &data, &Device::flex());
    while !run.is_finished() {
        block_on(run.advance()).unwrap();
    }
    for c in &run.result().charts {
        eprintln!("{c:?}");
    }
}
