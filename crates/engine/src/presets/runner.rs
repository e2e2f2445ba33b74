//! Runs a preset: its models one after another, each in readback-sized chunks like a normal
//! run, then the measurements the preset reports. Stop keeps what finished.

use burn::prelude::*;
use web_time::Instant;

use replab_core::presets::experiment::{Experiment, Measure};
use super::jobs::JobSource;
use replab_core::presets::plan::{Job, JobData, PresetSize};
use replab_core::presets::report::{GenerativeScores, ImageSpace, JobOutcome, PathEnergy, PriorScores, ReportInput, WalkScores};
use super::measure;
use replab_core::presets::Preset;
use replab_core::analysis::{
    CONFIDENT, Confusion, LineView, confident_share, frechet_distance, held_out_knn_accuracy, leading_coordinates, largest_step_share,
    mean_largest_step_share, mean_line_view, median_path_energy, principal_coordinates, sample_quality,
};
use replab_core::data::{Dataset, ImageSet, ImageShape};
use crate::explore::Explorer;
use crate::model::LabModel;
use replab_core::data::{ImageStrip, bytes_from_unit};
use replab_core::presets::{Gallery, PresetResult};
use replab_core::thousands::thousands;
use replab_core::search::Sampler;
use replab_core::settings::ModelKind;
use crate::train::{Judgement, Progress, TrainError, Trainer, judge, reference_hyperparams, train_reference_classifier};

/// What [`PresetRun::advance`] reports: where the run is, and the result after each finished
/// model (the worker turns these into messages).
#[derive(Debug, Clone, PartialEq)]
pub enum PresetUpdate {
    /// Training `label`, model `job` of `jobs`; `step` of about `total_steps` steps in all, and
    /// the last chunk's training loss.
    Progress { id: String, job: usize, jobs: usize, label: String, step: usize, total_steps: usize, loss: Option<f32> },
    /// The result so far (after each model, and at the end: `done`).
    Result { result: PresetResult, done: bool },
}

/// The model being trained and what is being recorded about it.
struct Current {
    trainer: Trainer,
    /// This job's images (a class filter applied to the training split).
    data: Dataset,
    /// Test images kept apart from a validation split (two-class jobs).
    heldout: Option<ImageSet>,
    /// Sum and count of training accuracies in the current epoch (classifiers).
    epoch_accuracy: (f64, usize),
    outcome: JobOutcome,
    /// Sum and count of training losses in the current epoch.
    epoch_loss: (f64, usize),
    started: Instant,
    /// The search's trial number (E2).
    trial: Option<usize>,
    /// The search stopped this trial early.
    pruned: bool,
}

pub struct PresetRun {
    experiment: &'static dyn Experiment,
    data: Dataset,
    source: JobSource,
    outcomes: Vec<JobOutcome>,
    current: Option<Current>,
    device: Device,
    total_steps: usize,
    /// Steps of the jobs that finished.
    steps_before: usize,
    /// Trained models later jobs start from, by job index.
    models: Vec<Option<LabModel>>,
    size: PresetSize,
    /// The classifier that judges decoded samples (trained once per run, when a measure needs
    /// it), with its test accuracy.
    reference: Option<Reference>,
    /// The raw test images as a representation, once per run (see [`Measure::ImageSpace`]).
    image_space: Option<ImageSpace>,
}

/// `job`'s images, and test images kept apart from its validation split (two-class jobs).
fn job_data(job: &Job, data: &Dataset) -> (Dataset, Option<ImageSet>) {
    match &job.data {
        JobData::All => (data.clone(), None),
        JobData::TrainClasses(classes) => {
            (Dataset { id: data.id, train: data.train.filtered(|_, l| classes.contains(&l)), test: data.test.clone() }, None)
        }
        JobData::Pair { negative, positive } => {
            let (split, test) = data.class_pair_split(*negative, *positive, TRAIN_SHARE);
            (split, Some(test))
        }
        JobData::Rotation => (data.rotation_pretext(job.hp.seed), None),
    }
}

/// The notebook's 70/30 split of a two-class job's training images.
const TRAIN_SHARE: f64 = 0.7;

/// How many training images `job` has (without building them).
fn train_len(job: &Job, data: &Dataset) -> usize {
    let count = |classes: &[u8]| data.train.labels.iter().filter(|l| classes.contains(l)).count();
    match &job.data {
        JobData::All | JobData::Rotation => data.train.len(),
        JobData::TrainClasses(classes) => count(classes),
        JobData::Pair { negative, positive } => (count(&[*negative, *positive]) as f64 * TRAIN_SHARE).round() as usize,
    }
}

/// The names of `job`'s classes.
fn class_names(job: &Job, data: &Dataset) -> Vec<String> {
    let names = data.id.class_names();
    match &job.data {
        JobData::Pair { negative, positive } => vec![names[usize::from(*negative)].into(), names[usize::from(*positive)].into()],
        JobData::Rotation => vec!["upright".into(), "turned 90°".into()],
        _ => names.iter().map(|n| n.to_string()).collect(),
    }
}

/// Most points a preset's scatter shows.
const SCATTER_POINTS: usize = 2000;

/// The last fifth of the training split held out as the test (validation) split (E2).
fn validation_split(data: &Dataset) -> Dataset {
    let cut = data.train.len() * 4 / 5;
    Dataset { id: data.id, train: data.train.slice(0..cut), test: data.train.slice(cut..data.train.len()) }
}

impl PresetRun {
    /// A run of `preset` at `size` on `data` (the preset's dataset) with `device`; a search
    /// uses `sampler` and `seed`.
    ///
    /// Panics if `preset` is not a registered experiment's card (a bug).
    pub fn new(preset: &'static Preset, size: PresetSize, sampler: Sampler, seed: u64, data: &Dataset, device: &Device) -> PresetRun {
        let experiment = replab_core::presets::experiment(preset.id).expect("every card belongs to a registered experiment");
        let mut data = size.data(experiment, data);
        let source = JobSource::new(experiment, size, sampler, seed);
        let total_steps = match &source {
            JobSource::Fixed(jobs) => jobs.iter().map(|j| train_len(j, &data) / j.hp.batch.max(1) * j.hp.epochs).sum(),
            JobSource::Search { plan, .. } => {
                data = validation_split(&data);
                plan.trials * plan.epochs * (data.train.len() / plan.batch).max(1)
            }
        };
        let models = Vec::new();
        let device = device.clone();
        PresetRun { experiment, data, source, outcomes: Vec::new(), current: None, device, total_steps, steps_before: 0, models, size, reference: None, image_space: None }
    }

    pub fn preset(&self) -> &'static Preset {
        self.experiment.card()
    }

    fn measures(&self) -> &'static [Measure] {
        self.experiment.measures()
    }

    pub fn is_finished(&self) -> bool {
        self.outcomes.len() == self.source.total() && self.current.is_none()
    }

    /// The result so far (every finished model; the one in training is left out).
    pub fn result(&self) -> replab_core::presets::PresetResult {
        let input = ReportInput {
            outcomes: &self.outcomes,
            image_space: self.image_space.as_ref(),
            total_jobs: self.source.total(),
            data: &self.data,
            study: self.source.study(),
        };
        let mut result = self.experiment.result(input);
        result.size = Some(self.size);
        result
    }

    /// One chunk: start the next model, or train the current one up to its next readback, or
    /// measure it once trained. Returns progress, and the result after each finished model.
    pub async fn advance(&mut self) -> Result<Vec<PresetUpdate>, TrainError> {
        let Some(current) = &mut self.current else {
            let Some((job, trial)) = self.source.next(self.outcomes.len()) else { return Ok(Vec::new()) };
            return self.start(job, trial).await;
        };
        let events = match current.trainer.advance().await {
            Ok(events) => events,
            // A search goes on after a trial that diverged; elsewhere it ends the run.
            Err(e @ TrainError::Diverged { .. }) if current.trial.is_some() => {
                self.source.finished(current.trial, Err(e.to_string()));
                return self.job_done().await;
            }
            Err(e) => return Err(e),
        };
        let mut loss = None;
        for event in events {
            match event {
                Progress::Trained { train, .. } => {
                    current.epoch_loss.0 += f64::from(train.loss);
                    current.epoch_loss.1 += 1;
                    if let Some(accuracy) = train.accuracy {
                        current.epoch_accuracy.0 += f64::from(accuracy);
                        current.epoch_accuracy.1 += 1;
                    }
                    loss = Some(train.loss);
                }
                Progress::Evaluated { test, reconstructions, .. } => {
                    let (sum, n) = std::mem::take(&mut current.epoch_loss);
                    current.outcome.train.push((sum / n.max(1) as f64) as f32);
                    current.outcome.test.push(test.loss);
                    let (sum, n) = std::mem::take(&mut current.epoch_accuracy);
                    if n > 0 {
                        current.outcome.train_accuracy.push((sum / n as f64) as f32);
                    }
                    current.outcome.test_accuracy.extend(test.accuracy);
                    current.outcome.first_image_by_epoch.extend(reconstructions.map(|r| first_image(&r)));
                    current.pruned = self.source.after_epoch(current.trial, current.outcome.test.len() - 1, test.loss);
                }
            }
        }
        let mut events = vec![self.progress(loss)];
        if let Some(done) = self.current.as_ref().filter(|c| c.trainer.is_finished() || c.pruned) {
            if !done.pruned {
                let last = done.outcome.test.last().copied().unwrap_or(f32::NAN);
                self.source.finished(done.trial, Ok(last));
            }
            events.extend(self.job_done().await?);
        }
        Ok(events)
    }

    /// Build and evaluate (epoch 0) the next model.
    async fn start(&mut self, job: Job, trial: Option<usize>) -> Result<Vec<PresetUpdate>, TrainError> {
        let (data, heldout) = job_data(&job, &self.data);
        let (shape, classes) = (data.train.shape, data.class_count());
        let built = Trainer::with_model(&data, job.hp.clone(), &self.device, |device| super::build::build(&job, shape, classes, &self.models, device));
        let mut trainer = match built {
            Ok(t) => t,
            Err(e) if trial.is_some() => {
                self.source.finished(trial, Err(e.to_string()));
                self.outcomes.push(JobOutcome::new(job.label, job.hp, 0));
                return Ok(vec![PresetUpdate::Result { result: self.result(), done: self.is_finished() }]);
            }
            Err(e) => return Err(e),
        };
        let mut outcome = JobOutcome::new(job.label.clone(), job.hp.clone(), trainer.num_params());
        outcome.class_names = class_names(&job, &data);
        let test = trainer.evaluate().await?.test;
        outcome.test.push(test.loss);
        outcome.test_accuracy.extend(test.accuracy);
        if self.measures().contains(&Measure::CodesBeforeTraining) {
            self.scatter(&trainer, &data, &mut outcome, "before training").await?;
        }
        let (epoch_loss, epoch_accuracy) = ((0.0, 0), (0.0, 0));
        let started = Instant::now();
        self.current = Some(Current { trainer, data, heldout, epoch_accuracy, outcome, epoch_loss, started, trial, pruned: false });
        Ok(vec![self.progress(None)])
    }

    /// The current model is done (trained, pruned or diverged): measure it and report.
    async fn job_done(&mut self) -> Result<Vec<PresetUpdate>, TrainError> {
        let mut done = self.current.take().expect("a model was training");
        let epochs = done.trainer.epoch().max(1) as f32;
        done.outcome.seconds_per_epoch = done.started.elapsed().as_secs_f32() / epochs;
        if done.trial.is_none() {
            let judges_samples = self.measures().iter().any(|m| matches!(m, Measure::Traversal { .. } | Measure::Path { .. }));
            if judges_samples && self.reference.is_none() && done.trainer.model().autoencoder().is_some() {
                let hp = reference_hyperparams(ModelKind::MlpClassifier, self.size.epochs(REFERENCE_EPOCHS, REFERENCE_EPOCHS), 7);
                self.reference = Reference::train(&self.data, hp, &self.device).await?;
            }
            if self.image_space.is_none() && self.measures().contains(&Measure::ImageSpace) {
                self.image_space = Some(image_space(&self.data.test, &done.outcome.class_names));
            }
            self.measure(&done.trainer, &done.data, &mut done.outcome).await?;
            self.measure_classifier(&done.trainer, &done.data, done.heldout.as_ref(), &mut done.outcome).await?;
        }
        let index = self.outcomes.len();
        if self.source.is_source(index) {
            self.models.resize(index + 1, None);
            self.models[index] = Some(done.trainer.model().clone());
        }
        self.steps_before += done.trainer.step();
        self.outcomes.push(done.outcome);
        Ok(vec![PresetUpdate::Result { result: self.result(), done: self.is_finished() }])
    }

    fn progress(&self, loss: Option<f32>) -> PresetUpdate {
        let step = self.steps_before + self.current.as_ref().map_or(0, |c| c.trainer.step());
        let job = self.outcomes.len();
        PresetUpdate::Progress {
            id: self.preset().id.into(),
            job,
            jobs: self.source.total(),
            label: self.current.as_ref().map_or_else(|| self.source.label(job), |c| c.outcome.label.clone()),
            step,
            total_steps: self.total_steps,
            loss,
        }
    }

    /// What this preset measures on a trained autoencoder besides its losses.
    async fn measure(&self, trainer: &Trainer, data: &Dataset, outcome: &mut JobOutcome) -> Result<(), TrainError> {
        let model = trainer.model().valid();
        let Some(ae) = model.autoencoder() else { return Ok(()) };
        let test = &data.test;
        for m in self.measures() {
            match *m {
                Measure::Reconstructions { count } => {
                    let indices: Vec<usize> = (0..count.min(test.len())).collect();
                    let caption = format!("{}: test images (top) and reconstructions (bottom)", outcome.label);
                    outcome.galleries.push(measure::reconstructions(ae, test, &indices, caption).await?);
                }
                Measure::ErrorPerClass { shown, caption } => {
                    let errors = measure::reconstruction_errors(ae, test).await?;
                    outcome.per_class = measure::per_class(&errors, &test.labels, data.class_count());
                    for &class in shown {
                        let indices: Vec<usize> = test.labels.iter().enumerate().filter(|(_, l)| **l == class).map(|(i, _)| i).take(5).collect();
                        let caption = format!("{caption} {class}: test images and reconstructions");
                        outcome.galleries.push(measure::reconstructions(ae, test, &indices, caption).await?);
                    }
                }
                Measure::Path { from, to, steps } => {
                    let (explorer, _) = Explorer::new(ae.clone(), data).await?;
                    if let [a, b] = measure::first_of(test, &[from, to])[..] {
                        let names = data.id.class_names();
                        let (na, nb) = (article(names[usize::from(from)]), article(names[usize::from(to)]));
                        let caption = format!("test #{a} ({na}) → test #{b} ({nb}), {steps} linear steps");
                        let path = measure::path_gallery(&explorer, a, b, steps, caption).await?;
                        let frames = unit_floats(&path.images);
                        let step = largest_step_share(&frames, path.images.shape.len());
                        outcome.generative = self.judge(&path.images, step, steps).await?;
                        // The ghostly blend the walk is judged against, to look at beside it.
                        let faded = measure::cross_fades(&frames, path.images.shape.len(), steps);
                        let blend = Gallery {
                            caption: format!("the same two ends cross-faded in pixels, {steps} steps (what the walks are judged against)"),
                            columns: steps,
                            images: ImageStrip { pixels: bytes_from_unit(&faded), ..path.images.clone() },
                        };
                        outcome.galleries.push(path);
                        outcome.galleries.push(blend);
                    }
                    let walks = self.walks(&explorer, test, from, to, steps).await?;
                    if let Some(scores) = outcome.generative.as_mut() {
                        scores.walks = walks;
                    }
                }
                Measure::Traversal { corners, side, samples } => {
                    let (explorer, _) = Explorer::new(ae.clone(), data).await?;
                    let (mut traversal_step, mut traversal_line) = (None, None);
                    if let [a, b, c, d] = measure::first_of(test, &corners)[..] {
                        let caption = format!("{}: {side}×{side} traversal between four test images", outcome.label);
                        let grid = measure::corner_grid(&explorer, [a, b, c, d], side, caption).await?;
                        traversal_step = grid_paths(&grid.images, side, mean_largest_step_share).map(|(r, c)| (r + c) / 2.0);
                        traversal_line = grid_paths(&grid.images, side, mean_line_view).and_then(|(r, c)| LineView::mean(&[r, c]));
                        outcome.galleries.push(grid);
                    }
                    // The report's draw for both models: codes from N(0, I), the VAE's prior.
                    let standard = explorer.sample_standard(JUDGED_SAMPLES, 1);
                    let caption = format!("{}: {samples} random samples, z ~ N(0, I)", outcome.label);
                    outcome.galleries.push(measure::decoded(&explorer, &standard[..samples * explorer.latent()], caption).await?);
                    let judged = explorer.decode(&standard).await?;
                    outcome.generative = self.judge(&judged, traversal_step, side).await?;
                    let energy = self.path_energy(&explorer, test).await?;
                    if let Some(scores) = outcome.generative.as_mut() {
                        scores.path_energy = energy;
                        scores.traversal_line = traversal_line;
                    }
                    if !explorer.is_variational() {
                        // What a prior fitted after training gives the plain autoencoder.
                        let fitted = explorer.sample(JUDGED_SAMPLES, 1);
                        let caption = format!("{}: {samples} samples from a Gaussian fitted to its test codes", outcome.label);
                        outcome.galleries.push(measure::decoded(&explorer, &fitted[..samples * explorer.latent()], caption).await?);
                        let judged = self.judge(&explorer.decode(&fitted).await?, None, side).await?;
                        if let (Some(scores), Some(fitted)) = (outcome.generative.as_mut(), judged) {
                            scores.fitted_prior = Some(PriorScores { confident_share: fitted.confident_share, frechet: fitted.frechet });
                        }
                    }
                }
                Measure::TrainConfusion | Measure::Codes { .. } | Measure::CodesBeforeTraining | Measure::ImageSpace => {}
            }
        }
        Ok(())
    }
}

/// The classifier that judges decoded pictures, with the features of real test images.
struct Reference {
    model: LabModel,
    accuracy: f32,
    /// The first [`JUDGED_SAMPLES`] test images' features, `n × feature_dim`.
    real_features: Vec<f32>,
}

impl Reference {
    /// A reference classifier of `hp` trained on `data`; `None` when `hp` is no softmax
    /// classifier.
    async fn train(data: &Dataset, hp: replab_core::settings::Hyperparams, device: &Device) -> Result<Option<Reference>, TrainError> {
        let (model, accuracy) = train_reference_classifier(data, hp, device).await?;
        let real = data.test.slice(0..data.test.len().min(JUDGED_SAMPLES));
        let mut reference = Reference { model, accuracy, real_features: Vec::new() };
        let Some(judged) = reference.judge(&real.unit_pixels(), real.len(), real.shape, device).await? else { return Ok(None) };
        reference.real_features = judged.features;
        Ok(Some(reference))
    }

    /// What the classifier makes of `count` images of `shape` (`pixels` in [0, 1]).
    async fn judge(&self, pixels: &[f32], count: usize, shape: ImageShape, device: &Device) -> Result<Option<Judgement>, TrainError> {
        let tensor = Tensor::<4>::from_data(TensorData::new(pixels.to_vec(), [count, shape.channels, shape.height, shape.width]), device);
        judge(&self.model, &tensor).await
    }
}

/// A strip's pixels in [0, 1].
fn unit_floats(strip: &ImageStrip) -> Vec<f32> {
    strip.pixels.iter().map(|&p| f32::from(p) / 255.0).collect()
}

/// Samples a reference classifier judges per generative model (and real test images their
/// Fréchet distance is measured against): enough for a covariance of its 128 features.
const JUDGED_SAMPLES: usize = 1000;
/// Straight lines between test images whose perceptual energy is measured, and the frames
/// each is decoded at (declared in docs/findings-e4-e5-a4.md before it was first run).
const ENERGY_PATHS: usize = 100;
const ENERGY_FRAMES: usize = 17;
/// Walks between two classes' test images judged against cross-fades (declared in
/// docs/findings-b5.md before it was first run).
const WALKS: usize = 20;
/// Fewer judged images than this get no Fréchet distance (a path's frames).
const FRECHET_MIN: usize = 500;
/// Epochs of the reference classifier (an MLP 784-256-128-classes, Adam 1e-3, batch 64).
const REFERENCE_EPOCHS: usize = 10;

/// A per-path figure averaged over the rows and, apart, over the columns of a `side × side`
/// grid of decoded images (`mean_over_paths(frames, frame_len, frames_per_path)`, e.g.
/// [`mean_largest_step_share`]): `(rows, columns)`.
fn grid_paths<T>(grid: &ImageStrip, side: usize, mean_over_paths: fn(&[f32], usize, usize) -> Option<T>) -> Option<(T, T)> {
    let len = grid.shape.len();
    if grid.count != side * side || side < 2 {
        return None;
    }
    let rows = unit_floats(grid);
    let frame = |i: usize| rows[i * len..(i + 1) * len].iter().copied();
    let columns: Vec<f32> = (0..side).flat_map(|c| (0..side).map(move |r| r * side + c)).flat_map(frame).collect();
    Some((mean_over_paths(&rows, len, side)?, mean_over_paths(&columns, len, side)?))
}

/// A class name with its indefinite article ("a 7", "an 8", "a T-shirt/top").
fn article(name: &str) -> String {
    let vowel = name.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U', '8']);
    format!("{} {name}", if vowel { "an" } else { "a" })
}

impl PresetRun {
    /// `images` (decoded samples or a path's frames) judged by the reference classifier, with
    /// the path or traversal's largest-step share `step` over `side` frames; `None` without a
    /// reference classifier.
    async fn judge(&self, images: &ImageStrip, step: Option<f64>, side: usize) -> Result<Option<GenerativeScores>, TrainError> {
        let Some(reference) = &self.reference else { return Ok(None) };
        let pixels = unit_floats(images);
        let Some(judged) = reference.judge(&pixels, images.count, images.shape, &self.device).await? else { return Ok(None) };
        let quality = sample_quality(&judged.probabilities, judged.classes, &pixels, images.shape.len());
        let frechet = (images.count >= FRECHET_MIN)
            .then(|| frechet_distance(&judged.features, &reference.real_features, judged.feature_dim))
            .flatten();
        Ok(Some(GenerativeScores {
            confident_share: quality.confident_share,
            pixel_variance: quality.pixel_variance,
            sure_classes: quality.sure_classes,
            frechet,
            fitted_prior: None,
            samples: images.count,
            reference_accuracy: f64::from(reference.accuracy),
            traversal_step: step,
            traversal_line: None,
            side,
            path_energy: None,
            walks: None,
        }))
    }

    /// The first [`WALKS`] test images of class `from` paired in order with those of `to`, each
    /// straight line between their codes decoded at `frames` points, against the pixel
    /// cross-fade between the same decoded ends: the share of in-between frames the reference
    /// classifier is sure of in each (docs/findings-b5.md); `None` without a reference
    /// classifier or a pair.
    async fn walks(&self, explorer: &Explorer, test: &ImageSet, from: u8, to: u8, frames: usize) -> Result<Option<WalkScores>, TrainError> {
        let Some(reference) = &self.reference else { return Ok(None) };
        let of = |class: u8| test.labels.iter().enumerate().filter(move |&(_, &l)| l == class).map(|(i, _)| i);
        let pairs: Vec<(usize, usize)> = of(from).zip(of(to)).take(WALKS).collect();
        if pairs.is_empty() || frames < 3 {
            return Ok(None);
        }
        let paths = measure::decoded_paths(explorer, &pairs, frames).await?;
        let len = paths.shape.len();
        let walked = unit_floats(&paths);
        let faded = measure::cross_fades(&walked, len, frames);
        // The ends are the same pictures in both: judge the frames in between.
        let between = |pixels: &[f32]| -> Vec<f32> { pixels.chunks_exact(len * frames).flat_map(|p| p[len..len * (frames - 1)].iter().copied()).collect() };
        let count = pairs.len() * (frames - 2);
        let mut shares = [0.0; 2];
        for (share, pixels) in shares.iter_mut().zip([walked, faded]) {
            let Some(judged) = reference.judge(&between(&pixels), count, paths.shape, &self.device).await? else { return Ok(None) };
            *share = confident_share(&judged.probabilities, judged.classes, CONFIDENT);
        }
        let [decoded, cross_fade] = shares;
        Ok(Some(WalkScores { decoded, cross_fade, walks: pairs.len(), frames }))
    }

    /// The median perceptual energy of [`ENERGY_PATHS`] straight lines between test images of
    /// different labels, each decoded at [`ENERGY_FRAMES`] points and seen through the
    /// reference classifier's features, and the same for pixel cross-fades between each line's
    /// decoded ends (docs/findings-e4-e5-a4.md, "Session 10"); `None` without a reference
    /// classifier.
    async fn path_energy(&self, explorer: &Explorer, test: &ImageSet) -> Result<Option<PathEnergy>, TrainError> {
        let Some(reference) = &self.reference else { return Ok(None) };
        let pairs = measure::contrasting_pairs(test, ENERGY_PATHS);
        if pairs.is_empty() {
            return Ok(None);
        }
        let paths = measure::decoded_paths(explorer, &pairs, ENERGY_FRAMES).await?;
        let pixels = unit_floats(&paths);
        let faded = measure::cross_fades(&pixels, paths.shape.len(), ENERGY_FRAMES);
        let features = |judged: Option<Judgement>| judged.map(|j| median_path_energy(&j.features, j.feature_dim, ENERGY_FRAMES));
        let Some(median) = features(reference.judge(&pixels, paths.count, paths.shape, &self.device).await?).flatten() else { return Ok(None) };
        let cross_fade = features(reference.judge(&faded, paths.count, paths.shape, &self.device).await?).flatten();
        Ok(Some(PathEnergy { median, cross_fade, paths: pairs.len(), frames: ENERGY_FRAMES }))
    }

    /// A classifier's confusion matrices and held-out accuracy; the codes' k-NN accuracy and
    /// scatter where the preset compares representations.
    async fn measure_classifier(&self, trainer: &Trainer, data: &Dataset, heldout: Option<&ImageSet>, outcome: &mut JobOutcome) -> Result<(), TrainError> {
        let classes = outcome.class_names.len();
        if let Some(predictions) = trainer.test_predictions().await? {
            outcome.confusion = Some(Confusion::new(&data.test.labels, &predictions, classes));
            if self.measures().contains(&Measure::TrainConfusion) {
                let train = trainer.train_predictions().await?.unwrap_or_default();
                outcome.train_confusion = Some(Confusion::new(&data.train.labels, &train, classes));
            }
        }
        if let Some(set) = heldout
            && let Some(predictions) = trainer.predictions_for(set).await?
        {
            outcome.heldout_accuracy = Some(Confusion::new(&set.labels, &predictions, classes).accuracy());
        }
        let codes = self.measures().iter().find_map(|m| match m {
            Measure::Codes { caption } => Some(*caption),
            _ => None,
        });
        if let Some(caption) = codes {
            let (codes, dim) = trainer.test_codes().await?;
            outcome.knn = Some(f64::from(held_out_knn_accuracy(&codes, &data.test.labels, dim, replab_core::analysis::KNN_K)));
            let caption = caption.map_or_else(|| outcome.label.clone(), str::to_string);
            self.scatter(trainer, data, outcome, &caption).await?;
        }
        Ok(())
    }

    /// A 2-D view of the current model's test codes (the codes themselves when 2-D, else their
    /// top two principal components).
    async fn scatter(&self, trainer: &Trainer, data: &Dataset, outcome: &mut JobOutcome, caption: &str) -> Result<(), TrainError> {
        let (codes, dim) = trainer.test_codes().await?;
        let n = data.test.len().min(SCATTER_POINTS);
        let codes = &codes[..n * dim];
        let flat = if dim <= 2 { leading_coordinates(codes, dim) } else { principal_coordinates(codes, dim) };
        let view = if dim <= 2 { "codes" } else { "top two principal components of the codes" };
        outcome.scatters.push(replab_core::presets::Scatter {
            caption: format!("{caption} ({view}, {} test images)", thousands(n)),
            points: flat.chunks_exact(2).map(|p| (p[0], p[1])).collect(),
            labels: data.test.labels[..n].to_vec(),
            class_names: outcome.class_names.clone(),
        });
        Ok(())
    }
}

/// The first [`IMAGE_SPACE_POINTS`] test images' raw pixels as a representation: their held-out
/// k-NN accuracy (as the codes') and their top two principal components.
fn image_space(test: &ImageSet, class_names: &[String]) -> ImageSpace {
    let n = test.len().min(IMAGE_SPACE_POINTS);
    let dim = test.shape.len();
    let pixels = test.slice(0..n).unit_pixels();
    let labels = &test.labels[..n];
    let knn = f64::from(held_out_knn_accuracy(&pixels, labels, dim, replab_core::analysis::KNN_K));
    let flat = principal_coordinates(&pixels, dim);
    let scatter = replab_core::presets::Scatter {
        caption: format!("the raw images (image space: top two principal components of the pixels, {} test images)", thousands(n)),
        points: flat.chunks_exact(2).map(|p| (p[0], p[1])).collect(),
        labels: labels.to_vec(),
        class_names: class_names.to_vec(),
    };
    ImageSpace { knn, scatter }
}

/// Test images [`image_space`] looks at: its k-NN and PCA cost grow with their square.
const IMAGE_SPACE_POINTS: usize = SCATTER_POINTS;

/// The first image of a strip, alone.
fn first_image(strip: &ImageStrip) -> ImageStrip {
    ImageStrip { shape: strip.shape, count: 1, pixels: strip.pixels[..strip.shape.len()].to_vec() }
}
