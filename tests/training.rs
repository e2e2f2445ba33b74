//! Training the real autoencoder on the real MNIST subset with the CPU backend.

mod common;

use burn::prelude::*;
use futures_lite::future::block_on;
use replab::lab::data::{Dataset, DatasetId, ImageSet};
use replab::lab::model::MlpAutoencoderConfig;
use replab::lab::protocol::Event;
use replab::lab::settings::Hyperparams;
use replab::lab::train::{RECON_COUNT, TrainError, Trainer};

fn mnist() -> Dataset {
    let files: Vec<Vec<u8>> = DatasetId::Mnist.files().iter().map(|f| common::read(f)).collect();
    Dataset::from_shipped_files(DatasetId::Mnist, &files).unwrap()
}

fn test_loss(e: &Event) -> Option<f32> {
    match e {
        Event::EpochEnd { test_loss, .. } => Some(*test_loss),
        _ => None,
    }
}

#[test]
fn model_shapes() {
    let device = Device::flex();
    let model = MlpAutoencoderConfig::new(784).init(&device);
    let x = Tensor::<2>::ones([3, 784], &device);
    assert_eq!(model.encode(x.clone()).dims(), [3, 128]);
    assert_eq!(model.forward(x).dims(), [3, 784]);
    // 784·256+256 + 256·128+128 + 128·256+256 + 256·784+784
    assert_eq!(model.num_params(), 468_368);
    let cifar = MlpAutoencoderConfig::new(3072).with_hidden(64).with_latent(8).init(&device);
    assert_eq!(cifar.forward(Tensor::<2>::zeros([2, 3072], &device)).dims(), [2, 3072]);
}

#[test]
fn default_autoencoder_learns_mnist_within_three_epochs() {
    let data = mnist();
    let hp = Hyperparams { epochs: 3, ..Hyperparams::default() };
    let mut trainer = Trainer::new(&data, hp, &Device::flex()).unwrap();
    let before = test_loss(&block_on(trainer.evaluate()).unwrap()).unwrap();
    let mut losses = Vec::new();
    let mut train_reports = 0;
    while !trainer.is_finished() {
        for e in block_on(trainer.advance()).unwrap() {
            match &e {
                Event::TrainLoss { loss, images_per_s, .. } => {
                    assert!(loss.is_finite() && *images_per_s > 0.0);
                    train_reports += 1;
                }
                Event::EpochEnd { reconstructions, .. } => {
                    assert_eq!(reconstructions.count, RECON_COUNT);
                    assert_eq!(reconstructions.pixels.len(), RECON_COUNT * 784);
                }
                _ => {}
            }
            losses.extend(test_loss(&e));
        }
    }
    eprintln!("test MSE before {before}, after epochs {losses:?}");
    assert_eq!(losses.len(), 3);
    assert_eq!(trainer.step(), 3 * (10_000 / 128));
    assert!(train_reports >= 3 * 7);
    assert!(before > 0.1, "an untrained sigmoid decoder is far off: {before}");
    assert!(losses[2] < 0.04, "test MSE after 3 epochs: {}", losses[2]);
    assert!(losses[2] < losses[0]);
}

#[test]
fn same_seed_same_losses() {
    let data = mnist();
    let small = |set: &ImageSet, n| set.slice(0..n);
    let data = Dataset::new(DatasetId::Mnist, small(&data.train, 512), small(&data.test, 128)).unwrap();
    let hp = Hyperparams { epochs: 1, batch: 64, hidden: 32, latent: 8, ..Hyperparams::default() };
    let run = || {
        let mut t = Trainer::new(&data, hp.clone(), &Device::flex()).unwrap();
        let mut out = Vec::new();
        while !t.is_finished() {
            for e in block_on(t.advance()).unwrap() {
                if let Event::TrainLoss { loss, .. } = e {
                    out.push(loss);
                }
            }
        }
        out
    };
    assert_eq!(run(), run());
}

#[test]
fn a_wild_learning_rate_diverges_and_is_caught() {
    let data = mnist();
    let data = Dataset::new(DatasetId::Mnist, data.train.slice(0..1024), data.test.slice(0..64)).unwrap();
    // Far beyond what the UI accepts (it refuses lr > 10 up front): weights overflow to inf
    // within a step or two and the loss becomes NaN.
    let hp = Hyperparams { lr: 1e30, epochs: 5, batch: 64, ..Hyperparams::default() };
    let mut t = Trainer::new(&data, hp, &Device::flex()).unwrap();
    let err = loop {
        match block_on(t.advance()) {
            Ok(events) => assert!(!events.is_empty(), "ran out of epochs without diverging"),
            Err(e) => break e,
        }
    };
    let TrainError::Diverged { step, value } = err.clone() else { panic!("{err}") };
    assert!(!value.is_finite());
    assert!(step <= 10, "stopped within the first readback, at step {step}");
    assert!(err.to_string().contains("Lower the learning rate"));
    assert!(t.is_finished());
    // The kept weights still produce finite reconstructions.
    let Event::EpochEnd { test_loss, .. } = block_on(t.evaluate()).unwrap() else { panic!() };
    assert!(test_loss.is_finite());
}

#[test]
fn settings_are_checked_before_training() {
    let data = mnist();
    let too_big = Hyperparams { batch: 20_000, ..Hyperparams::default() };
    assert!(matches!(Trainer::new(&data, too_big, &Device::flex()), Err(TrainError::Settings(_))));
    let bad_lr = Hyperparams { lr: f64::NAN, ..Hyperparams::default() };
    assert!(matches!(Trainer::new(&data, bad_lr, &Device::flex()), Err(TrainError::Settings(_))));
}
