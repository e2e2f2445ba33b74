//! The training loop, run in chunks that each end with one asynchronous readback, so that a
//! browser worker can post progress and look at its mailbox between chunks.

use burn::optim::decay::WeightDecayConfig;
use burn::optim::momentum::MomentumConfig;
use burn::optim::{AdamConfig, ModuleOptimizer, SgdConfig};
use burn::prelude::*;
use rand::SeedableRng;
use rand::rngs::StdRng;
use chacha20::ChaCha12Rng;
use rand::seq::SliceRandom;
use web_time::Instant;

use super::TrainError;
use super::compute_pool::on_compute_pool;
use super::step;
use crate::readback::read_floats;
use super::objective::{Batch, Figures, terms};
use super::pairing::Pairer;
use replab_core::data::{Dataset, ImageSet, ImageShape, bytes_from_unit};
use crate::export::model_with_weights;
use replab_core::export::{ImportError, Weights};
use crate::model::LabModel;
use super::{Evaluation, Progress};
use replab_core::data::ImageStrip;
use replab_core::protocol::Metrics;
use replab_core::settings::{ConvStack, Hyperparams, ModelKind, OptimizerKind};

mod checkpoint;

/// How many test images the reconstruction grid shows.
pub const RECON_COUNT: usize = 16;
/// Test images evaluated per forward pass.
const EVAL_CHUNK: usize = 500;
/// Steps between loss readbacks (and between chunks).
const READBACK_EVERY: usize = 10;
/// Seed of the test split's contrastive pairs: the same pairs every epoch.
const EVAL_PAIRS_SEED: u64 = 0x7e57;

/// One network being trained on one dataset. Both splits stay resident on the device;
/// each step uploads only the batch's indices.
pub struct Trainer {
    hp: Hyperparams,
    shape: ImageShape,
    model: LabModel,
    last_good: LabModel,
    optim: ModuleOptimizer,
    /// `[n_train, c, h, w]` on the autodiff device.
    train_images: Tensor<4>,
    /// `[n_train]`
    train_labels: Tensor<1, Int>,
    /// `[n_test, c, h, w]` on the plain device.
    test_images: Tensor<4>,
    /// `[n_test]`
    test_labels: Tensor<1, Int>,
    /// Pairs the batches of a contrastive model.
    pairer: Option<Pairer>,
    order: Vec<i32>,
    /// Shuffles the batches (rand's `StdRng` generator, as its own type: a checkpoint keeps its
    /// position).
    rng: ChaCha12Rng,
    steps_per_epoch: usize,
    epoch: usize,
    step_in_epoch: usize,
    step: usize,
    /// Sum of [`super::objective::Terms::figures`] since the last readback.
    loss_sum: Option<Figures>,
    loss_steps: usize,
    since: Instant,
    /// Whether each step takes its batch as two halves on two threads (`step::gradients`).
    split_batches: bool,
    /// Early stopping: the best test loss so far, its epoch and weights.
    best: Option<(f32, usize, LabModel)>,
    /// The test codes that the last evaluation computed on its way (`[len, dim]` chunks, on the
    /// device, read only if asked for), until the model changes: an epoch's scatter reads them
    /// instead of encoding the test split again.
    test_codes: Option<Vec<Tensor<2>>>,
}

/// # Shapes
/// - returns: `[n, c, h, w]`, values in [0, 1]
fn images_on(set: &ImageSet, device: &Device) -> Tensor<4> {
    let ImageShape { channels, height, width } = set.shape;
    Tensor::from_data(TensorData::new(set.unit_pixels(), [set.len(), channels, height, width]), device)
}

/// # Shapes
/// - returns: `[n]`
fn labels_on(set: &ImageSet, device: &Device) -> Tensor<1, Int> {
    let labels: Vec<i32> = set.labels.iter().map(|&l| l as i32).collect();
    Tensor::from_data(TensorData::new(labels, [set.len()]), device)
}

/// Metrics from the summed figures of `steps` batches (see [`super::objective::Terms`]).
fn metrics_from(figures: &[f32], steps: usize, hp: &Hyperparams) -> Metrics {
    let mean = |i: usize| figures[i] / steps as f32;
    Metrics {
        loss: mean(0),
        kl: hp.model.is_variational().then(|| mean(1)),
        accuracy: hp.model.is_classifier().then(|| mean(2)),
    }
}

/// The optimiser `hp` asks for. Adam has PyTorch's defaults (burn's epsilon is 1e-5;
/// PyTorch's 1e-8 trains this model to the same test MSE as PyTorch: 0.028 after 3 epochs on
/// the MNIST subset); weight decay is L2 added to the gradients, as in `torch.optim`.
fn optimizer(hp: &Hyperparams) -> ModuleOptimizer {
    let decay = (hp.weight_decay > 0.0).then(|| WeightDecayConfig::new(hp.weight_decay as f32));
    match hp.optimizer {
        OptimizerKind::Adam => AdamConfig::new().with_epsilon(1e-8).with_weight_decay(decay).init(),
        OptimizerKind::Sgd => SgdConfig::new()
            .with_weight_decay(decay)
            .with_momentum((hp.momentum > 0.0).then(|| MomentumConfig::new().with_momentum(hp.momentum)))
            .init(),
    }
}

impl Trainer {
    /// A fresh model for `data` on `device` (autodiff is added here). Only what would make
    /// training impossible is refused here; the friendlier ranges of
    /// [`Hyperparams::problems`] are the UI's to enforce.
    pub fn new(data: &Dataset, hp: Hyperparams, device: &Device) -> Result<Trainer, TrainError> {
        let model = |device: &Device| LabModel::init(&hp, data.train.shape, data.class_count(), device);
        Trainer::with_model(data, hp.clone(), device, model)
    }

    /// Like [`Trainer::new`], but the model comes from `model`, called with the training
    /// (autodiff) device: a classifier on a trained encoder, transferred blocks.
    pub fn with_model(
        data: &Dataset,
        hp: Hyperparams,
        device: &Device,
        model: impl FnOnce(&Device) -> LabModel,
    ) -> Result<Trainer, TrainError> {
        if hp.hidden == 0 || hp.latent == 0 || hp.batch == 0 || hp.epochs == 0 {
            return Err(TrainError::Settings("sizes, batch and epochs must be at least 1".into()));
        }
        if !(hp.lr.is_finite() && hp.lr > 0.0) {
            return Err(TrainError::Settings(format!("the learning rate must be a positive number, not {}", hp.lr)));
        }
        if hp.conv_stack == ConvStack::Blocks && hp.model != ModelKind::ConvContrastive {
            return Err(TrainError::Settings(
                "stack=blocks is the A9 report's embedder (two conv blocks, then 1000-500-100-10): it is built only for the conv \
                 contrastive embedder; choose stack=report for this network"
                    .into(),
            ));
        }
        let n_train = data.train.len();
        if hp.batch > n_train {
            return Err(TrainError::Settings(format!(
                "batch size {} is larger than the {} training images",
                hp.batch, n_train
            )));
        }
        let plain = device.clone().inner();
        let device = plain.clone().autodiff();
        device.seed(hp.seed);
        let model = model(&device);
        Ok(Trainer {
            split_batches: step::splits_by_default(&model, &hp, &device),
            shape: data.train.shape,
            last_good: model.clone(),
            model,
            optim: optimizer(&hp),
            train_images: images_on(&data.train, &device),
            train_labels: labels_on(&data.train, &device),
            test_images: images_on(&data.test, &plain),
            test_labels: labels_on(&data.test, &plain),
            pairer: Pairer::new(&hp, &data.train, &data.test),
            order: (0..n_train as i32).collect(),
            rng: ChaCha12Rng::seed_from_u64(hp.seed),
            steps_per_epoch: n_train / hp.batch,
            epoch: 0,
            step_in_epoch: 0,
            step: 0,
            loss_sum: None,
            loss_steps: 0,
            since: Instant::now(),
            best: None,
            test_codes: None,
            hp,
        })
    }

    /// Take `weights` (PyTorch names, see [`replab_core::export`]) as this model's, as a
    /// finished run; on a mismatch nothing changes.
    pub fn load_weights(&mut self, weights: &Weights) -> Result<(), ImportError> {
        self.replace_model(model_with_weights(self.model.clone(), weights)?);
        self.last_good = self.model.clone();
        self.epoch = self.hp.epochs;
        Ok(())
    }

    /// Train on with learning rate `lr` and (for a VAE) KL weight `beta` from the next step:
    /// the optimiser keeps its state (Adam's moments), only the step size and the loss change.
    /// Values outside the lab's ranges are refused and change nothing.
    pub fn adjust(&mut self, lr: f64, beta: f64) -> Result<(), TrainError> {
        let hp = Hyperparams { lr, beta, ..self.hp.clone() };
        let problems = hp.problems();
        if !problems.is_empty() {
            return Err(TrainError::Settings(problems.join("; ")));
        }
        self.hp = hp;
        Ok(())
    }

    /// Take each step's batch as two halves on two threads of flex's pool, their gradients
    /// added (`on`), or whole. The threaded browser worker splits where it can by default;
    /// native trainers only when asked (see `train/step.rs`). Returns whether the steps now
    /// split: never for a model whose objective is not a mean over the batch or that draws at
    /// random (dropout, a VAE's noise), nor for an odd or small batch.
    pub fn split_batches(&mut self, on: bool) -> bool {
        self.split_batches = on && step::can_split(&self.model, &self.hp);
        self.split_batches
    }

    pub fn hyperparams(&self) -> &Hyperparams {
        &self.hp
    }

    /// Steps per epoch (the last partial batch is dropped so every step has one shape).
    pub fn steps_per_epoch(&self) -> usize {
        self.steps_per_epoch
    }

    pub fn epoch(&self) -> usize {
        self.epoch
    }

    pub fn step(&self) -> usize {
        self.step
    }

    pub fn is_finished(&self) -> bool {
        self.epoch >= self.hp.epochs
    }

    /// The model as trained so far.
    pub fn model(&self) -> &LabModel {
        &self.model
    }

    pub fn num_params(&self) -> usize {
        self.model.num_params()
    }

    /// Train up to the next readback (every few steps, and at the end of each epoch), then
    /// report: [`Progress::Trained`], and [`Progress::Evaluated`] when an epoch finished.
    /// A NaN or infinite loss restores the last good weights and fails with
    /// [`TrainError::Diverged`].
    pub async fn advance(&mut self) -> Result<Vec<Progress>, TrainError> {
        if self.is_finished() {
            return Ok(Vec::new());
        }
        let chunk_start = Instant::now();
        let device = self.train_images.device();
        on_compute_pool(&device, || {
            while self.loss_steps < READBACK_EVERY && self.step_in_epoch < self.steps_per_epoch {
                self.train_step();
            }
        });
        let mut events = vec![self.read_train_loss(chunk_start).await?];
        if self.step_in_epoch == self.steps_per_epoch {
            self.epoch += 1;
            self.step_in_epoch = 0;
            events.push(self.evaluate().await?.into());
        }
        Ok(events)
    }

    /// Run `steps` training steps (wrapping around epochs, which are not counted) and read the
    /// loss back; returns the seconds that took. For measuring throughput
    /// ([`super::calibrate::measure_throughput`]), not for training runs.
    pub async fn time_steps(&mut self, steps: usize) -> Result<f32, TrainError> {
        let start = Instant::now();
        let device = self.train_images.device();
        on_compute_pool(&device, || {
            for _ in 0..steps.max(1) {
                if self.step_in_epoch == self.steps_per_epoch {
                    self.step_in_epoch = 0;
                }
                self.train_step();
            }
        });
        let sum = self.loss_sum.take().expect("at least one step ran");
        self.loss_steps = 0;
        read_floats(sum.packed()).await?;
        Ok(start.elapsed().as_secs_f32())
    }

    fn train_step(&mut self) {
        if self.step_in_epoch == 0 {
            self.order.shuffle(&mut self.rng);
        }
        let start = self.step_in_epoch * self.hp.batch;
        let indices = &self.order[start..start + self.hp.batch];
        let batch = match &self.pairer {
            Some(pairer) => pairer.batch(indices, false, (&self.train_images, &self.train_labels), &mut self.rng),
            None => {
                let device = self.train_images.device();
                let indices = Tensor::<1, Int>::from_data(TensorData::new(indices.to_vec(), [self.hp.batch]), &device);
                let images = self.train_images.clone().select(0, indices.clone());
                // Autoencoders never look at labels: no gather for them.
                let labels = (!matches!(self.model, LabModel::Autoencoder(_))).then(|| self.train_labels.clone().select(0, indices));
                Batch { images, labels, pairing: None }
            }
        };
        let loss_sum = &mut self.loss_sum;
        let grads = step::gradients(&self.model, batch, &self.hp, self.split_batches, |figures| {
            *loss_sum = Some(match loss_sum.take() {
                Some(sum) => sum.plus(figures),
                None => figures,
            });
        });
        // Hand the optimiser the only reference to the parameters (the placeholder shares
        // `last_good`'s, which are kept anyway), so it can update them without copying.
        let model = std::mem::replace(&mut self.model, self.last_good.clone());
        let stepped = self.optim.step(self.hp.lr, model, grads);
        self.replace_model(stepped);
        self.loss_steps += 1;
        self.step_in_epoch += 1;
        self.step += 1;
    }

    async fn read_train_loss(&mut self, chunk_start: Instant) -> Result<Progress, TrainError> {
        let steps = self.loss_steps;
        let sum = self.loss_sum.take().expect("advance runs at least one step");
        let figures = read_floats(sum.packed()).await?;
        let train = metrics_from(&figures, steps, &self.hp);
        self.loss_steps = 0;
        if figures.iter().any(|f| !f.is_finite()) {
            self.replace_model(self.last_good.clone());
            self.optim = optimizer(&self.hp);
            self.epoch = self.hp.epochs;
            return Err(TrainError::Diverged { step: self.step, value: train.loss + train.kl.unwrap_or(0.0) });
        }
        self.last_good = self.model.clone();
        let seconds = self.since.elapsed().as_secs_f32().max(1e-6);
        self.since = Instant::now();
        Ok(Progress::Trained {
            epoch: self.epoch,
            step: self.step,
            train,
            images_per_s: (steps * self.hp.batch) as f32 / seconds,
            chunk_steps: steps,
            chunk_seconds: chunk_start.elapsed().as_secs_f32(),
        })
    }

    /// Figures over the whole test split and reconstructions of its first images, for the
    /// epochs completed so far.
    pub async fn evaluate(&mut self) -> Result<Evaluation, TrainError> {
        let model = self.model.valid();
        let n_test = self.test_images.dims()[0];
        let mut total: Option<Figures> = None;
        let mut codes = Some(Vec::new());
        let mut pair_rng = StdRng::seed_from_u64(EVAL_PAIRS_SEED);
        for start in (0..n_test).step_by(EVAL_CHUNK) {
            let len = EVAL_CHUNK.min(n_test - start);
            let batch = match &self.pairer {
                Some(pairer) => {
                    let indices: Vec<i32> = (start as i32..(start + len) as i32).collect();
                    pairer.batch(&indices, true, (&self.test_images, &self.test_labels), &mut pair_rng)
                }
                None => Batch {
                    images: self.test_images.clone().narrow(0, start, len),
                    labels: Some(self.test_labels.clone().narrow(0, start, len)),
                    pairing: None,
                },
            };
            let terms = terms(&model, batch, &self.hp, false);
            codes = codes.zip(terms.codes).map(|(mut all, chunk)| {
                all.push(chunk);
                all
            });
            let figures = terms.figures.times(len as f32);
            total = Some(match total {
                Some(t) => t.plus(figures),
                None => figures,
            });
        }
        let figures = read_floats(total.expect("the test split is never empty").packed()).await?;
        let test = metrics_from(&figures, n_test, &self.hp);
        // Before early stopping, which drops them if it restores the best epoch's weights.
        self.test_codes = codes;
        self.early_stopping(test.loss);
        let reconstructions = match model.autoencoder() {
            Some(ae) => {
                let count = RECON_COUNT.min(n_test);
                let values = read_floats(ae.forward(self.test_images.clone().narrow(0, 0, count)).flatten(0, 3)).await?;
                Some(ImageStrip { shape: self.shape, count, pixels: bytes_from_unit(&values) })
            }
            None => None,
        };
        self.since = Instant::now();
        Ok(Evaluation { epoch: self.epoch, step: self.step, test, reconstructions })
    }
}

impl Trainer {
    /// The current model's codes of every test image (see [`LabModel::codes`]),
    /// `n_test × dim` row-major, with `dim`.
    pub async fn test_codes(&self) -> Result<(Vec<f32>, usize), TrainError> {
        match &self.test_codes {
            Some(chunks) => read_codes(chunks.iter().cloned()).await,
            None => codes_of(&self.model.valid(), &self.test_images).await,
        }
    }

    /// The model is `model` from now on: what was computed from the last one is dropped.
    fn replace_model(&mut self, model: LabModel) {
        self.model = model;
        self.test_codes = None;
    }

    /// The class the current model (a classifier) predicts for each test image; `None` for
    /// other models.
    pub async fn test_predictions(&self) -> Result<Option<Vec<u8>>, TrainError> {
        super::predict::predictions_of(&self.model.valid(), &self.test_images).await
    }

    /// Each class's probability for one image (values in [0, 1], the dataset's shape, as a
    /// drawing on the pad) from the current model, a softmax classifier; `None` for other models.
    pub async fn class_probabilities(&self, pixels: &[f32]) -> Result<Option<Vec<f32>>, TrainError> {
        let [_, channels, height, width] = self.test_images.dims();
        if pixels.len() != channels * height * width {
            return Err(TrainError::Settings(format!("an image of this dataset has {} values, not {}", channels * height * width, pixels.len())));
        }
        let image = Tensor::from_data(TensorData::new(pixels.to_vec(), [1, channels, height, width]), &self.test_images.device());
        Ok(super::reference::judge(&self.model.valid(), &image).await?.map(|judgement| judgement.probabilities))
    }

    /// The class the current model (a classifier) predicts for each training image.
    pub async fn train_predictions(&self) -> Result<Option<Vec<u8>>, TrainError> {
        super::predict::predictions_of(&self.model.valid(), &self.train_images.clone().inner()).await
    }

    /// The class the current model (a classifier) predicts for each of `set`'s images.
    pub async fn predictions_for(&self, set: &ImageSet) -> Result<Option<Vec<u8>>, TrainError> {
        super::predict::predictions_of(&self.model.valid(), &images_on(set, &self.test_images.device())).await
    }

    /// The same for the training images.
    pub async fn train_codes(&self) -> Result<(Vec<f32>, usize), TrainError> {
        codes_of(&self.model.valid(), &self.train_images.clone().inner()).await
    }
}

/// `model`'s codes of `images` (`[n, c, h, w]` on the model's device), `n × dim`, with `dim`.
async fn codes_of(model: &LabModel, images: &Tensor<4>) -> Result<(Vec<f32>, usize), TrainError> {
    let n = images.dims()[0];
    read_codes((0..n).step_by(EVAL_CHUNK).map(|start| model.codes(images.clone().narrow(0, start, EVAL_CHUNK.min(n - start))))).await
}

/// `chunks` (`[len, dim]` each) read back one by one, as `n × dim` row-major, with `dim`.
async fn read_codes(chunks: impl Iterator<Item = Tensor<2>>) -> Result<(Vec<f32>, usize), TrainError> {
    let mut codes = Vec::new();
    let mut dim = 0;
    for chunk in chunks {
        dim = chunk.dims()[1];
        codes.extend(read_floats(chunk.flatten(0, 1)).await?);
    }
    Ok((codes, dim))
}

impl Trainer {
    /// With `patience` set: remember the best epoch's weights, and when the test (validation)
    /// loss has not improved for `patience` epochs, finish with them.
    fn early_stopping(&mut self, loss: f32) {
        if self.hp.patience == 0 || self.epoch == 0 {
            return;
        }
        if self.best.as_ref().is_none_or(|(best, _, _)| loss < *best) {
            self.best = Some((loss, self.epoch, self.model.clone()));
        }
        let best_epoch = self.best.as_ref().map_or(self.epoch, |b| b.1);
        if self.epoch - best_epoch >= self.hp.patience || self.epoch >= self.hp.epochs {
            if let Some((_, _, model)) = &self.best {
                let best = model.clone();
                self.replace_model(best);
            }
            self.epoch = self.hp.epochs;
        }
    }

    /// The epoch whose weights the model has after early stopping (or the last one).
    pub fn best_epoch(&self) -> usize {
        self.best.as_ref().map_or(self.epoch, |b| b.1)
    }
}
