//! Same seed + same settings on the CPU backend → the same loss curve, bit for bit; another
//! seed → another curve. What a shared link (`?seed=…&backend=cpu`) promises.
//!
//! The flex backend keeps ONE random generator for the whole process (`device.seed(seed)` in
//! the trainer stores it in a global): a test running on another thread of the same binary
//! that initialises a model, draws dropout masks or a VAE's noise between our seed and our
//! draws would change our numbers. So this file is its own test binary with a single test
//! function that runs everything sequentially; nothing else touches the generator here.

mod common;

use burn::prelude::*;
use futures_lite::future::block_on;
use replab_core::checkpoint::Checkpoint;
use replab_core::data::{Dataset, DatasetId};
use replab_engine::train::Progress;
use replab_core::settings::{Hyperparams, ModelKind};
use replab_engine::train::Trainer;

/// Every figure a run prints: the train loss of each readback and the test loss (and KL)
/// after each epoch, in order, as raw f32 bits.
#[derive(Debug, PartialEq)]
struct Curve {
    train: Vec<u32>,
    test: Vec<u32>,
}

/// Add what `event` prints to `curve`.
fn record(curve: &mut Curve, event: Progress) {
    match event {
        Progress::Trained { train, .. } => {
            assert!(train.loss.is_finite(), "finite train loss");
            curve.train.push(train.loss.to_bits());
            curve.train.extend(train.kl.map(f32::to_bits));
        }
        Progress::Evaluated { test, .. } => {
            curve.test.push(test.loss.to_bits());
            curve.test.extend(test.kl.map(f32::to_bits));
        }
    }
}

/// A run as the worker does it: the test figures before training, then chunk after chunk.
fn train(data: &Dataset, hp: &Hyperparams) -> Curve {
    train_split(data, hp, false)
}

/// [`train`], each step's batch taken whole or (`split`) as two halves on two threads
/// ([`Trainer::split_batches`], as the threaded browser worker does).
fn train_split(data: &Dataset, hp: &Hyperparams, split: bool) -> Curve {
    let mut trainer = Trainer::new(data, hp.clone(), &Device::flex()).expect("valid settings");
    assert_eq!(trainer.split_batches(split), split, "{:?}: the steps split as asked", hp.model);
    let mut curve = Curve { train: Vec::new(), test: Vec::new() };
    record(&mut curve, block_on(trainer.evaluate()).expect("evaluation runs").into());
    while !trainer.is_finished() {
        for event in block_on(trainer.advance()).expect("training runs") {
            record(&mut curve, event);
        }
    }
    curve
}

#[test]
fn the_same_seed_gives_the_same_curve_to_the_last_bit_and_another_seed_does_not() {
    let full = common::shipped(DatasetId::Mnist);
    let data = Dataset::new(DatasetId::Mnist, full.train.slice(0..1024), full.test.slice(0..256)).unwrap();
    // The MLP autoencoder (randomness: the initial weights and the shuffles), and a VAE with
    // dropout (also the reparameterisation noise and the dropout masks at every step).
    let settings = [
        Hyperparams { model: ModelKind::MlpAe, hidden: 32, latent: 8, batch: 64, epochs: 2, seed: 7, ..Hyperparams::default() },
        Hyperparams {
            model: ModelKind::MlpVae,
            hidden: 32,
            latent: 4,
            batch: 64,
            epochs: 2,
            dropout: 0.2,
            seed: 7,
            ..Hyperparams::default()
        },
    ];
    for hp in settings {
        let first = train(&data, &hp);
        // 16 steps per epoch, a readback every 10 steps and at each epoch's end: 4 train
        // figures; the test figures before training and after each epoch: 3.
        let per_figure = if hp.model.is_variational() { 2 } else { 1 };
        assert_eq!(first.train.len(), 4 * per_figure, "{:?}", hp.model);
        assert_eq!(first.test.len(), 3 * per_figure, "{:?}", hp.model);
        let second = train(&data, &hp);
        assert_eq!(first, second, "{:?}: the same seed gave another curve", hp.model);
        let other = train(&data, &Hyperparams { seed: 8, ..hp.clone() });
        assert_ne!(first.test[0], other.test[0], "{:?}: seed 8 starts from other weights", hp.model);
        assert_ne!(first.train, other.train, "{:?}: seed 8 trains differently", hp.model);
        // Interrupted mid-epoch 2 (after its first chunk: 10 + 6 + 10 steps), kept as the page keeps it
        // (through serde), and resumed in a new trainer.
        let resumed = train_interrupted(&data, &hp, 3);
        if hp.dropout == 0.0 && !hp.model.is_variational() {
            assert_eq!(first, resumed, "{:?}: the resumed run left the uninterrupted run's curve", hp.model);
        } else {
            // Dropout masks and a VAE's draws are fresh after a resume: the same curve up to
            // the checkpoint, finite after it.
            assert_eq!(first.test[..2 * per_figure], resumed.test[..2 * per_figure], "{:?}: the curve up to the checkpoint", hp.model);
            assert_eq!(first.train.len(), resumed.train.len(), "{:?}", hp.model);
        }
    }
    halves_give_the_whole_batchs_curve_to_rounding(&data);
}

/// Steps taken as two halves of the batch on two threads, their gradients added: the same
/// curve on every run to the last bit, the whole batch's curve to rounding, and no split where
/// the objective draws at random or compares images across the batch. Part of the single test
/// above (this binary's generator is its alone).
fn halves_give_the_whole_batchs_curve_to_rounding(data: &Dataset) {
    let base = Hyperparams { hidden: 32, latent: 8, batch: 64, epochs: 2, seed: 7, ..Hyperparams::default() };
    for model in [ModelKind::MlpAe, ModelKind::MlpClassifier] {
        let hp = Hyperparams { model, ..base.clone() };
        let whole = train_split(data, &hp, false);
        let halves = train_split(data, &hp, true);
        assert_eq!(halves, train_split(data, &hp, true), "{model:?}: two runs in halves differ");
        // Before training the two are one model: the same test figures to the bit.
        assert_eq!(whole.test[0], halves.test[0], "{model:?}");
        let figures = |c: &Curve| c.train.iter().chain(&c.test).map(|&b| f32::from_bits(b)).collect::<Vec<_>>();
        let worst = figures(&whole)
            .iter()
            .zip(figures(&halves))
            .map(|(w, h)| ((w - h) / w).abs())
            .fold(0.0f32, f32::max);
        println!("{model:?}: largest relative difference between whole and halved steps {worst:e}");
        assert!(worst < 1e-3, "{model:?}: halves left the whole batch's curve by {worst}");
    }
    let refused = |hp: Hyperparams, why: &str| {
        let mut trainer = Trainer::new(data, hp, &Device::flex()).expect("valid settings");
        assert!(!trainer.split_batches(true), "split despite {why}");
    };
    refused(Hyperparams { model: ModelKind::MlpVae, ..base.clone() }, "a VAE's noise");
    refused(Hyperparams { model: ModelKind::MlpAe, dropout: 0.2, ..base.clone() }, "dropout");
    refused(Hyperparams { model: ModelKind::MlpContrastive, ..base.clone() }, "a contrastive loss");
    refused(Hyperparams { model: ModelKind::Cnn, ..base.clone() }, "the CNN's dropout");
    refused(Hyperparams { model: ModelKind::MlpAe, batch: 63, ..base.clone() }, "an odd batch");
    refused(Hyperparams { model: ModelKind::MlpAe, batch: 16, ..base.clone() }, "a batch under 32");
}

/// [`train`], but stopped after `chunks` chunks, checkpointed, dropped, and resumed from the
/// checkpoint by a new trainer.
fn train_interrupted(data: &Dataset, hp: &Hyperparams, chunks: usize) -> Curve {
    let mut trainer = Trainer::new(data, hp.clone(), &Device::flex()).expect("valid settings");
    let mut curve = Curve { train: Vec::new(), test: Vec::new() };
    record(&mut curve, block_on(trainer.evaluate()).expect("evaluation runs").into());
    for _ in 0..chunks {
        for event in block_on(trainer.advance()).expect("training runs") {
            record(&mut curve, event);
        }
    }
    let checkpoint = block_on(trainer.checkpoint(data, true)).expect("a checkpoint");
    assert!(checkpoint.keeps_optimizer());
    drop(trainer);
    let kept: Checkpoint = serde_json::from_str(&serde_json::to_string(&checkpoint).unwrap()).unwrap();
    assert_eq!(kept, checkpoint);
    let mut trainer = Trainer::resume(data, &kept, &Device::flex()).expect("the checkpoint resumes");
    while !trainer.is_finished() {
        for event in block_on(trainer.advance()).expect("training runs") {
            record(&mut curve, event);
        }
    }
    curve
}
