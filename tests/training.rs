//! Training the lab's networks on the real MNIST and CIFAR-10 subsets with the CPU backend.

mod common;

use burn::module::Module;
use burn::prelude::*;
use futures_lite::future::block_on;
use replab_core::analysis::{COLLAPSED_BELOW, chance_note, looks_collapsed, reconstruction_spread_share};
use replab_core::data::{Dataset, DatasetId, ImageSet, ImageStrip};
use replab_core::data::ImageShape;
use replab_engine::model::{Arch, AutoencoderConfig, CnnClassifierConfig};
use replab_core::protocol::Metrics;
use replab_engine::train::Progress;
use replab_core::settings::{Hyperparams, ModelKind};
use replab_engine::train::{RECON_COUNT, TrainError, Trainer};

fn mnist() -> Dataset {
    common::shipped(DatasetId::Mnist)
}

fn cifar() -> Dataset {
    common::shipped(DatasetId::Cifar10)
}

fn test_metrics(e: &Progress) -> Option<Metrics> {
    match e {
        Progress::Evaluated { test, .. } => Some(*test),
        _ => None,
    }
}

fn test_loss(e: &Progress) -> Option<f32> {
    test_metrics(e).map(|m| m.loss)
}

/// Train to the end; the test figures after each epoch.
fn train_all(trainer: &mut Trainer) -> Vec<Metrics> {
    let mut out = Vec::new();
    while !trainer.is_finished() {
        out.extend(block_on(trainer.advance()).unwrap().iter().filter_map(test_metrics));
    }
    out
}

#[test]
fn mlp_autoencoder_shapes_and_parameter_counts() {
    let device = Device::flex();
    let model = AutoencoderConfig::for_shape(Arch::Mlp, ImageShape::MNIST).init(&device);
    let x = Tensor::<4>::ones([3, 1, 28, 28], &device);
    assert_eq!(model.encode(x.clone()).mean.dims(), [3, 128]);
    assert_eq!(model.forward(x).dims(), [3, 1, 28, 28]);
    // 784·256+256 + 256·128+128 + 128·256+256 + 256·784+784
    assert_eq!(model.num_params(), 468_368);
    // The CIFAR report's 3072-128-32 autoencoder (D3): 797,984 parameters.
    let cifar = AutoencoderConfig::for_shape(Arch::Mlp, ImageShape::CIFAR).with_hidden(128).with_latent(32).init(&device);
    assert_eq!(cifar.num_params(), 797_984);
    assert_eq!(cifar.forward(Tensor::<4>::zeros([2, 3, 32, 32], &device)).dims(), [2, 3, 32, 32]);
}

#[test]
fn conv_autoencoders_and_vae_keep_the_image_shape() {
    let device = Device::flex();
    for shape in [ImageShape::MNIST, ImageShape::CIFAR] {
        for variational in [false, true] {
            let model = AutoencoderConfig::for_shape(Arch::Conv, shape).with_latent(16).with_variational(variational).init(&device);
            let x = Tensor::<4>::ones([2, shape.channels, shape.height, shape.width], &device);
            let codes = model.encode(x.clone());
            assert_eq!(codes.mean.dims(), [2, 16]);
            assert_eq!(codes.log_var.map(|l| l.dims()), variational.then_some([2, 16]));
            assert_eq!(model.forward(x).dims(), [2, shape.channels, shape.height, shape.width]);
        }
    }
}

#[test]
fn cifar_cnn_has_the_reported_layout() {
    let device = Device::flex();
    let net = CnnClassifierConfig::new(3, 32, 32).init(&device);
    assert_eq!(net.forward(Tensor::<4>::zeros([5, 3, 32, 32], &device)).dims(), [5, 10]);
    // convs 3·32·9+32, 32·64·9+64, 64·128·9+128; FC 2048·256+256; 256·10+10.
    assert_eq!(net.num_params(), 896 + 18_496 + 73_856 + 524_544 + 2_570);
}

#[test]
fn cnn_classifier_learns_mnist_in_one_epoch() {
    let hp = Hyperparams { model: ModelKind::Cnn, epochs: 1, batch: 64, ..Hyperparams::default() };
    let mut trainer = Trainer::new(&mnist(), hp, &Device::flex()).unwrap();
    let before = test_metrics(&block_on(trainer.evaluate()).unwrap().into()).unwrap();
    let after = train_all(&mut trainer);
    eprintln!("CNN on MNIST: before {before:?}, after {after:?}");
    let after = after[0];
    assert!(before.accuracy.unwrap() < 0.3 && after.accuracy.unwrap() > 0.9, "{after:?}");
    assert!(after.loss < before.loss && after.kl.is_none());
    // The confusion matrix of its test predictions agrees with the reported accuracy.
    let predictions = block_on(trainer.test_predictions()).unwrap().expect("a classifier predicts");
    let confusion = replab_core::analysis::Confusion::new(&mnist().test.labels, &predictions, 10);
    assert!((confusion.accuracy() - f64::from(after.accuracy.unwrap())).abs() < 1e-3, "{confusion:?}");
    assert!(confusion.per_class().iter().all(|c| c.f1 > 0.7), "{:?}", confusion.per_class());
    // One image alone (a drawing on the pad): a probability per class, the largest where the
    // batched prediction is.
    let data = mnist();
    for index in [0, 1, 2] {
        let image = data.test.slice(index..index + 1).unit_pixels();
        let probabilities = block_on(trainer.class_probabilities(&image)).unwrap().expect("a softmax classifier");
        assert_eq!(probabilities.len(), 10);
        assert!((probabilities.iter().sum::<f32>() - 1.0).abs() < 1e-4, "{probabilities:?}");
        let best = probabilities.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)).unwrap().0;
        assert_eq!(best, predictions[index] as usize, "{probabilities:?}");
    }
    assert!(block_on(trainer.class_probabilities(&[0.0; 10])).is_err(), "an image of the wrong size");
}

#[test]
fn cnn_classifier_beats_chance_on_cifar() {
    let hp = Hyperparams { model: ModelKind::Cnn, epochs: 1, batch: 64, ..Hyperparams::default() };
    let after = train_all(&mut Trainer::new(&cifar(), hp, &Device::flex()).unwrap());
    eprintln!("CNN on CIFAR-10 subset, 1 epoch: {after:?}");
    assert!(after[0].accuracy.unwrap() > 0.2, "{after:?}");
}

#[test]
fn vae_reports_kl_and_learns() {
    let data = mnist();
    let hp = Hyperparams { model: ModelKind::MlpVae, latent: 8, epochs: 2, ..Hyperparams::default() };
    let mut trainer = Trainer::new(&data, hp, &Device::flex()).unwrap();
    let before = test_metrics(&block_on(trainer.evaluate()).unwrap().into()).unwrap();
    let after = train_all(&mut trainer);
    eprintln!("MLP VAE: before {before:?}, after {after:?}");
    let last = after[1];
    assert!(last.loss < 0.06 && last.loss < before.loss, "{last:?}");
    let kl = last.kl.expect("a VAE reports its KL");
    assert!(kl > 1.0 && kl < 100.0, "KL per image in nats: {kl}");
}

#[test]
fn conv_autoencoder_learns_mnist() {
    let hp = Hyperparams { model: ModelKind::ConvAe, latent: 32, epochs: 3, ..Hyperparams::default() };
    let mut trainer = Trainer::new(&mnist(), hp, &Device::flex()).unwrap();
    let before = test_loss(&block_on(trainer.evaluate()).unwrap().into()).unwrap();
    let after = train_all(&mut trainer);
    eprintln!("conv AE on MNIST: before {before}, 3 epochs: {after:?}");
    // Measured over runs (the flex backend's parallel sums make runs differ slightly): before
    // 0.11, after 3 epochs 0.047–0.062 (a small stride-2 network learns slower than the MLP).
    assert!(after[2].loss < 0.07 && after[2].loss < 0.65 * before && after[2].loss < after[0].loss, "{after:?}");
}

#[test]
fn default_autoencoder_learns_mnist_within_three_epochs() {
    let data = mnist();
    let inputs = originals(&data);
    let hp = Hyperparams { epochs: 3, ..Hyperparams::default() };
    let mut trainer = Trainer::new(&data, hp, &Device::flex()).unwrap();
    let before = test_loss(&block_on(trainer.evaluate()).unwrap().into()).unwrap();
    let mut losses = Vec::new();
    let mut train_reports = 0;
    let mut shares = Vec::new();
    while !trainer.is_finished() {
        for e in block_on(trainer.advance()).unwrap() {
            match &e {
                Progress::Trained { train, images_per_s, .. } => {
                    assert!(train.loss.is_finite() && *images_per_s > 0.0);
                    train_reports += 1;
                }
                Progress::Evaluated { reconstructions, .. } => {
                    let reconstructions = reconstructions.as_ref().expect("an autoencoder reconstructs");
                    assert_eq!(reconstructions.count, RECON_COUNT);
                    assert_eq!(reconstructions.pixels.len(), RECON_COUNT * 784);
                    shares.push(reconstruction_spread_share(&inputs, reconstructions).unwrap());
                }
                    }
            losses.extend(test_loss(&e));
        }
    }
    eprintln!("test MSE before {before}, after epochs {losses:?}; reconstructions' spread / inputs' {shares:?}");
    // A model that learns draws different pictures for different digits: the page's
    // "one picture" note (`looks_collapsed`) stays away from it from the first epoch.
    assert!(shares.iter().all(|&s| s > 2.0 * COLLAPSED_BELOW), "{shares:?}");
    assert_eq!(losses.len(), 3);
    assert_eq!(trainer.step(), 3 * (10_000 / 128));
    assert!(train_reports >= 3 * 7);
    assert!(before > 0.1, "an untrained sigmoid decoder is far off: {before}");
    assert!(losses[2] < 0.04, "test MSE after 3 epochs: {}", losses[2]);
    assert!(losses[2] < losses[0]);
}

/// The strip the page shows above the reconstructions: the first test images.
fn originals(data: &Dataset) -> ImageStrip {
    let shape = data.test.shape;
    ImageStrip { shape, count: RECON_COUNT, pixels: data.test.pixels[..RECON_COUNT * shape.len()].to_vec() }
}

#[test]
fn adam_at_the_pages_highest_learning_rate_collapses_to_one_picture_and_is_named() {
    // The page accepts learning rates up to 10. Adam's steps are about lr in size whatever the
    // gradient, so at 10 the weights are thrown far off and the decoder's sigmoid saturates:
    // every test image comes back as about the same picture, with a finite loss (no divergence
    // to catch), which the page's note names.
    // The same small model at Adam's usual rate, for comparison, is not called collapsed.
    let data = mnist();
    let inputs = originals(&data);
    let shares_by_epoch = |lr: f64, epochs: usize| {
        let hp = Hyperparams { lr, hidden: 16, latent: 2, batch: 256, epochs, ..Hyperparams::default() };
        let mut trainer = Trainer::new(&data, hp, &Device::flex()).unwrap();
        let mut shares = Vec::new();
        while !trainer.is_finished() {
            for e in block_on(trainer.advance()).unwrap() {
                if let Progress::Evaluated { reconstructions: Some(r), test, .. } = &e {
                    assert!(test.loss.is_finite());
                    shares.push((reconstruction_spread_share(&inputs, r).unwrap(), looks_collapsed(&inputs, r)));
                }
            }
        }
        assert_eq!(shares.len(), epochs);
        shares
    };
    let (wild, usual) = (shares_by_epoch(10.0, 3), shares_by_epoch(1e-3, 6));
    eprintln!("reconstructions' spread / inputs' (and collapsed?) by epoch: lr 10 {wild:?}, lr 0.001 {usual:?}");
    assert!(wild.iter().all(|&(_, collapsed)| collapsed), "lr 10 is one picture at every epoch: {wild:?}");
    // At 0.001 the pictures draw apart as it trains. How far apart they start depends on the
    // initial weights, which the other tests here can shift by drawing from the process-wide
    // generator mid-run: alone, 0.056 (called collapsed) after the first epoch and 0.223 after
    // the sixth; in the whole suite once, 0.142 and 0.269 (session 67; a bound of twice the first
    // epoch's spread failed there). So the test asks for growth, not a ratio.
    assert!(!usual[5].1 && usual[5].0 > usual[0].0, "lr 0.001 tells digits apart by its sixth epoch: {usual:?}");
}

// Same seed, same losses: `tests/determinism.rs`, a binary of its own (the CPU backend's random
// generator is global to the process, so the other tests here could draw from it mid-run).

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
    let test = block_on(t.evaluate()).unwrap().test;
    assert!(test.loss.is_finite());
}

/// Changing the learning rate mid-run (the page's "change while training"): out of range is
/// refused and changes nothing; a tiny rate all but stops the weights, where the same chunk at
/// the old rate would have moved them.
#[test]
fn the_learning_rate_changes_mid_run_and_wild_values_are_refused() {
    let data = mnist();
    let data = Dataset::new(DatasetId::Mnist, data.train.slice(0..1024), data.test.slice(0..64)).unwrap();
    let hp = Hyperparams { epochs: 3, batch: 64, ..Hyperparams::default() };
    let mut t = Trainer::new(&data, hp, &Device::flex()).unwrap();
    block_on(t.advance()).unwrap();
    let err = t.adjust(50.0, 1.0).unwrap_err();
    assert!(err.to_string().contains("learning rate"), "{err}");
    assert_eq!(t.hyperparams().lr, 1e-3, "a refused change changes nothing");
    t.adjust(1e-7, 1.0).unwrap();
    assert_eq!(t.hyperparams().lr, 1e-7);
    let before = block_on(replab_engine::export::weights_of(t.model())).unwrap();
    block_on(t.advance()).unwrap();
    let after = block_on(replab_engine::export::weights_of(t.model())).unwrap();
    let moved = before.tensors.iter().map(|(name, w)| {
        w.values.iter().zip(&after.tensors[name].values).map(|(a, b)| (a - b).abs()).fold(0.0f32, f32::max)
    }).fold(0.0f32, f32::max);
    // Adam moves each weight by about lr per step: 10 steps at 1e-7 stay under 1e-5.
    assert!(moved < 1e-5, "the weights moved by {moved} at lr 1e-7");
}

#[test]
fn settings_are_checked_before_training() {
    let data = mnist();
    let too_big = Hyperparams { batch: 20_000, ..Hyperparams::default() };
    assert!(matches!(Trainer::new(&data, too_big, &Device::flex()), Err(TrainError::Settings(_))));
    let bad_lr = Hyperparams { lr: f64::NAN, ..Hyperparams::default() };
    assert!(matches!(Trainer::new(&data, bad_lr, &Device::flex()), Err(TrainError::Settings(_))));
}

#[test]
fn kl_term_matches_a_hand_computed_value() {
    use replab_engine::train::kl_per_image;
    let device = Device::flex();
    // Two images, two dimensions: KL = −½ Σ (1 + log σ² − μ² − σ²), averaged over images.
    let mean = Tensor::<2>::from_data(TensorData::new(vec![0.0f32, 1.0, -2.0, 0.5], [2, 2]), &device);
    let log_var = Tensor::<2>::from_data(TensorData::new(vec![0.0f32, 0.0, 1.0, -1.0], [2, 2]), &device);
    // image 1: (0) + (−½·(1 + 0 − 1 − 1)) = 0.5; image 2: −½(1 + 1 − 4 − e) − ½(1 − 1 − 0.25 − e⁻¹)
    let e = std::f32::consts::E;
    let image2 = -0.5 * (2.0 - 4.0 - e) - 0.5 * (-0.25 - 1.0 / e);
    let expected = (0.5 + image2) / 2.0;
    let got = kl_per_image(mean, log_var).into_scalar::<f32>();
    assert!((got - expected).abs() < 1e-5, "{got} vs {expected}");
}

#[test]
fn interpolation_endpoints_decode_to_the_endpoint_images() {
    use replab_core::explore::{lerp_path, slerp_path};
    use replab_engine::explore::Explorer;
    let data = mnist();
    let data = Dataset::new(DatasetId::Mnist, data.train.slice(0..1024), data.test.slice(0..256)).unwrap();
    let hp = Hyperparams { model: ModelKind::MlpVae, hidden: 64, latent: 8, epochs: 1, ..Hyperparams::default() };
    let mut trainer = Trainer::new(&data, hp, &Device::flex()).unwrap();
    train_all(&mut trainer);
    let ae = trainer.model().valid().autoencoder().cloned().unwrap();
    let (mut explorer, space) = block_on(Explorer::new(ae, &data)).unwrap();
    assert!(space.variational && space.dims.len() == 8 && space.principal.len() == 8);
    assert!(space.dims.iter().all(|d| d.lo < d.hi));
    let (a, b) = (explorer.test_code(0).unwrap(), explorer.test_code(1).unwrap());
    let ends = block_on(explorer.decode(&[a.clone(), b.clone()].concat())).unwrap();
    for path in [lerp_path(&a, &b, 10), slerp_path(&a, &b, 10)] {
        let strip = block_on(explorer.decode(&path)).unwrap();
        assert_eq!(strip.count, 10);
        assert_eq!(strip.pixels[..784], ends.pixels[..784], "first decode is z(A)'s");
        assert_eq!(strip.pixels[9 * 784..], ends.pixels[784..], "last decode is z(B)'s");
        assert_ne!(strip.pixels[4 * 784..5 * 784], ends.pixels[..784], "the middle differs");
    }
    // Samples from the prior decode to images; nearest neighbours of a training code start with itself.
    assert_eq!(block_on(explorer.decode(&explorer.sample(16, 3))).unwrap().count, 16);
    let own = block_on(explorer.encode(&data.train.slice(5..6).unit_pixels())).unwrap();
    assert_eq!(block_on(explorer.neighbours(&data.train, &own, 5)).unwrap()[0], 5);
    // A drawing's one forward pass gives the code and reconstruction that encode and decode give.
    let look = block_on(explorer.look(&data.train.slice(5..6).unit_pixels())).unwrap();
    let close = |a: &[f32], b: &[f32]| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-5);
    assert!(look.code.len() == 8 && close(&look.code, &own), "{:?} vs {own:?}", look.code);
    let decoded = block_on(explorer.decode(&own)).unwrap();
    let off = look.reconstruction.pixels.iter().zip(&decoded.pixels).filter(|(a, b)| a.abs_diff(**b) > 1).count();
    assert!(look.reconstruction.count == 1 && off == 0, "{off} pixels differ from the decoded code's");
    assert_eq!(look.layers.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(), ["hidden", "code", "decoder hidden", "output"]);
}

#[test]
fn a_drawing_unlike_the_digits_ranks_as_unusual() {
    use replab_engine::explore::Explorer;
    let data = mnist();
    let data = Dataset::new(DatasetId::Mnist, data.train.slice(0..4096), data.test.slice(0..512)).unwrap();
    let hp = Hyperparams { hidden: 128, latent: 16, epochs: 3, ..Hyperparams::default() };
    let mut trainer = Trainer::new(&data, hp, &Device::flex()).unwrap();
    train_all(&mut trainer);
    let ae = trainer.model().valid().autoencoder().cloned().unwrap();
    let (explorer, _) = block_on(Explorer::new(ae, &data)).unwrap();
    // The rank of a drawing's reconstruction error among the test images'.
    assert_eq!(explorer.unusual(0.0), 0.0);
    assert_eq!(explorer.unusual(f32::MAX), 1.0);
    let rebuilt_error = |pixels: &[f32]| {
        let code = block_on(explorer.encode(pixels)).unwrap();
        let back = block_on(explorer.decode(&code)).unwrap();
        back.pixels.iter().zip(pixels).map(|(&r, &p)| (f32::from(r) / 255.0 - p).powi(2)).sum::<f32>() / pixels.len() as f32
    };
    // A filled square in the middle: nothing like a digit.
    let square: Vec<f32> = (0..784).map(|i| if (6..22).contains(&(i / 28)) && (6..22).contains(&(i % 28)) { 1.0 } else { 0.0 }).collect();
    let (square_error, digit_error) = (rebuilt_error(&square), rebuilt_error(&data.test.slice(3..4).unit_pixels()));
    assert!(explorer.unusual(square_error) > 0.95, "a square is rebuilt worse than nearly every test digit: {square_error} → {}", explorer.unusual(square_error));
    let digit = explorer.unusual(digit_error);
    assert!(digit < 0.95, "a test digit ranks among the test digits: {digit_error} → {digit}");
}

#[test]
fn weight_tied_autoencoder_shares_its_weights_and_has_the_reported_size() {
    let device = Device::flex();
    let config = AutoencoderConfig::for_shape(Arch::TiedMlp, ImageShape::CIFAR)
        .with_hidden(128)
        .with_latent(32)
        .with_sigmoid_output(false);
    let tied = config.init(&device);
    // D4: W1 (3072·128) + b1 + W2 (128·32) + b2, and the decoder's own biases (128 + 3072).
    assert_eq!(tied.num_params(), 400_672);
    let x = Tensor::<4>::random([2, 3, 32, 32], burn::tensor::Distribution::Default, &device);
    assert_eq!(tied.forward(x.clone()).dims(), [2, 3, 32, 32]);
    // Changing only the encoder's first weight changes the decoder's output for a fixed code.
    let code = tied.encode(x.clone()).mean;
    let decoded = tied.decode(code.clone());
    let changed = tied.clone().map(&mut ScaleFirstWeight { done: false });
    assert_eq!(changed.num_params(), 400_672);
    let redecoded = changed.decode(code);
    let diff: f32 = (decoded - redecoded).abs().max().into_scalar();
    assert!(diff > 1e-4, "the decoder must use the encoder's input weight: {diff}");
    // No output activation: values outside (0, 1) are possible.
    let untied = AutoencoderConfig::for_shape(Arch::Mlp, ImageShape::CIFAR).with_hidden(128).with_latent(32).init(&device);
    assert_eq!(untied.num_params(), 797_984);
}

/// Doubles the first 2-D parameter a module has (the encoder's input weight).
struct ScaleFirstWeight {
    done: bool,
}

impl burn::module::ModuleMapper for ScaleFirstWeight {
    fn map_float<const D: usize>(&mut self, param: burn::module::Param<Tensor<D>>) -> burn::module::Param<Tensor<D>> {
        if D == 2 && !self.done {
            self.done = true;
            let (id, tensor, mapper) = param.consume();
            return burn::module::Param::from_mapped_value(id, tensor * 2.0, mapper);
        }
        param
    }
}

#[test]
fn sgd_with_momentum_and_dropout_train_too() {
    let hp = Hyperparams {
        optimizer: replab_core::settings::OptimizerKind::Sgd,
        momentum: 0.9,
        lr: 0.5,
        weight_decay: 1e-5,
        dropout: 0.1,
        hidden: 64,
        latent: 16,
        epochs: 1,
        ..Hyperparams::default()
    };
    let mut trainer = Trainer::new(&mnist(), hp, &Device::flex()).unwrap();
    let first = test_loss(&block_on(trainer.evaluate()).unwrap().into()).unwrap();
    let last = train_all(&mut trainer).last().unwrap().loss;
    assert!(last < first * 0.7, "{first} → {last}");
}

#[test]
fn an_asynchronous_copy_to_another_device_computes_the_same() {
    let source = Device::flex().autodiff();
    let model = AutoencoderConfig::for_shape(Arch::Conv, ImageShape::MNIST).with_latent(8).init(&source);
    let copy = block_on(replab_engine::explore::copied_to(&model, &Device::flex())).unwrap();
    assert_eq!(copy.devices(), vec![Device::flex()]);
    assert_eq!(copy.num_params(), model.num_params());
    let x = Tensor::<4>::random([2, 1, 28, 28], burn::tensor::Distribution::Default, &Device::flex());
    let expected = model.valid().forward(x.clone()).into_data();
    let got = copy.forward(x).into_data();
    expected.assert_approx_eq::<f32>(&got, burn::tensor::Tolerance::absolute(1e-6));
}

#[test]
fn mlp_classifier_on_a_frozen_trained_encoder_keeps_the_encoder_and_learns() {
    use replab_engine::model::{EncoderClassifierConfig, LabModel};
    let data = mnist();
    let ae_hp = Hyperparams { hidden: 64, latent: 16, epochs: 1, ..Hyperparams::default() };
    let mut ae_trainer = Trainer::new(&data, ae_hp, &Device::flex()).unwrap();
    train_all(&mut ae_trainer);
    let ae = ae_trainer.model().autoencoder().unwrap().clone();
    // Raw (unstandardised) codes: a larger step than Adam's usual 1e-3 for the linear head.
    let hp = Hyperparams { model: ModelKind::MlpClassifier, hidden: 64, latent: 16, epochs: 2, lr: 0.01, ..Hyperparams::default() };
    let build = |device: &Device| {
        let net = EncoderClassifierConfig::new(Arch::Mlp, 1, 28, 28).with_hidden(64).with_latent(Some(16)).init(device);
        LabModel::EncoderClassifier(net.with_encoder_of(&ae).with_frozen_encoder(true))
    };
    // Whole batches, and halves on two threads as the threaded browser worker takes them. (Not
    // compared with each other: tests beside this one draw from the same generator, so the two
    // heads may start from other weights.)
    for split in [false, true] {
        let mut trainer = Trainer::with_model(&data, hp.clone(), &Device::flex(), build).unwrap();
        assert_eq!(trainer.split_batches(split), split);
        let before: Vec<f32> = block_on(trainer.test_codes()).unwrap().0;
        let metrics = train_all(&mut trainer);
        let after: Vec<f32> = block_on(trainer.test_codes()).unwrap().0;
        assert_eq!(before, after, "a frozen encoder does not change (split: {split})");
        let accuracy = metrics.last().unwrap().accuracy.unwrap();
        assert!(accuracy > 0.3, "a linear head on frozen 16-D codes learns (chance 0.1, split: {split}): {accuracy}");
    }
}

#[test]
fn early_stopping_keeps_the_best_epoch() {
    // A learning rate so high that later epochs get worse: the best epoch is kept.
    let hp = Hyperparams { hidden: 32, latent: 8, epochs: 6, patience: 1, lr: 0.05, ..Hyperparams::default() };
    let mut trainer = Trainer::new(&mnist(), hp, &Device::flex()).unwrap();
    let losses: Vec<f32> = train_all(&mut trainer).iter().map(|m| m.loss).collect();
    let best = trainer.best_epoch();
    assert!(trainer.is_finished() && best >= 1);
    let best_loss = losses[best - 1];
    assert!(losses.iter().all(|&l| l >= best_loss), "{losses:?}, best epoch {best}");
    assert!(losses.len() <= best + 1, "stops one epoch after the best: {losses:?}, best {best}");
}

#[test]
fn linear_svm_hinge_loss_and_training() {
    use replab_engine::train::hinge_loss;
    let d = Device::flex();
    let t = |v: Vec<f32>| Tensor::<1>::from_data(TensorData::new(v.clone(), [v.len()]), &d);
    // y·ŷ = 2 (no loss), 0.5 (0.5), −1 (2): mean 2.5 / 3, times C = 0.1.
    let loss: f32 = hinge_loss(t(vec![2.0, 0.5, 1.0]), t(vec![1.0, 1.0, -1.0]), 0.1).into_scalar();
    assert!((loss - 0.1 * 2.5 / 3.0).abs() < 1e-6, "{loss}");
    // Frog (6) vs horse (7) on the CIFAR subset: better than chance after one epoch.
    let data = cifar();
    let keep = |_, l: u8| l == 6 || l == 7;
    let relabel = |set: &ImageSet| {
        let mut s = set.filtered(keep);
        s.labels.iter_mut().for_each(|l| *l -= 6);
        s
    };
    let pair = Dataset::new(DatasetId::Cifar10, relabel(&data.train), relabel(&data.test)).unwrap();
    let hp = Hyperparams { model: ModelKind::Svm, epochs: 3, batch: 64, lr: 0.01, optimizer: replab_core::settings::OptimizerKind::Sgd, momentum: 0.9, weight_decay: 0.01, svm_c: 0.1, ..Hyperparams::default() };
    let mut trainer = Trainer::new(&pair, hp, &d).unwrap();
    let accuracy = train_all(&mut trainer).last().unwrap().accuracy.unwrap();
    assert!(accuracy > 0.6, "frog vs horse: {accuracy}");
}

/// The codes an epoch's scatter reads are taken from the evaluation's own pass where the
/// objective computes them: they must be the model's codes of the test images, bit for bit, and
/// be dropped once the model changes.
#[test]
fn the_test_codes_kept_from_an_evaluation_are_the_models_codes() {
    let data = mnist();
    let data = Dataset::new(DatasetId::Mnist, data.train.slice(0..256), data.test.slice(0..130)).unwrap();
    let test_images = Tensor::<4>::from_data(TensorData::new(data.test.unit_pixels(), [130, 1, 28, 28]), &Device::flex());
    for model in [ModelKind::MlpAe, ModelKind::MlpVae, ModelKind::MlpClassifier, ModelKind::Cnn, ModelKind::MlpContrastive] {
        let hp = Hyperparams { model, epochs: 3, batch: 64, latent: 8, ..Hyperparams::default() };
        let mut trainer = Trainer::new(&data, hp, &Device::flex()).unwrap();
        let fresh = |trainer: &Trainer| {
            let codes = trainer.model().valid().codes(test_images.clone());
            (codes.dims()[1], codes.into_data().try_to_vec::<f32>().unwrap())
        };
        let kept = |trainer: &Trainer| {
            let (codes, dim) = block_on(trainer.test_codes()).unwrap();
            (dim, codes)
        };
        block_on(trainer.evaluate()).unwrap();
        assert_eq!(kept(&trainer), fresh(&trainer), "{model:?} before training");
        // Through an epoch's end (its evaluation), then a step into the next epoch.
        while !block_on(trainer.advance()).unwrap().iter().any(|p| matches!(p, Progress::Evaluated { .. })) {}
        let after_epoch = fresh(&trainer);
        assert_eq!(kept(&trainer), after_epoch, "{model:?} after an epoch");
        block_on(trainer.advance()).unwrap();
        let moved = fresh(&trainer);
        assert_ne!(moved, after_epoch, "{model:?}: training moved the codes");
        assert_eq!(kept(&trainer), moved, "{model:?} after more training");
    }
}

#[test]
fn a_classifier_at_the_pages_highest_learning_rate_stays_at_chance_and_is_named() {
    // Like the autoencoder above: Adam at lr 10 throws an MLP classifier's weights to where one
    // class wins everywhere. The loss stays finite (no divergence to catch) and the test accuracy
    // sits at chance, which the page's note names; at Adam's usual rate there is no note.
    let data = mnist();
    let run = |lr: f64| {
        let hp = Hyperparams { model: ModelKind::MlpClassifier, lr, batch: 128, epochs: 2, ..Hyperparams::default() };
        let mut trainer = Trainer::new(&data, hp.clone(), &Device::flex()).unwrap();
        let mut accuracies = Vec::new();
        while !trainer.is_finished() {
            for e in block_on(trainer.advance()).unwrap() {
                if let Progress::Evaluated { test, .. } = &e {
                    assert!(test.loss.is_finite());
                    accuracies.push(test.accuracy.unwrap());
                }
            }
        }
        let notes: Vec<bool> = accuracies.iter().enumerate().map(|(i, &a)| chance_note(a, data.class_count(), &hp, i + 1).is_some()).collect();
        (accuracies, notes)
    };
    let (wild, usual) = (run(10.0), run(1e-3));
    eprintln!("test accuracy by epoch (and named at chance?): lr 10 {wild:?}, lr 0.001 {usual:?}");
    assert!(wild.1.iter().all(|&named| named), "lr 10 is at chance at every epoch: {wild:?}");
    assert!(usual.1.iter().all(|&named| !named) && usual.0[1] > 0.8, "lr 0.001 learns: {usual:?}");
}
