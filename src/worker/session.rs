//! The worker's state and what each request does to it.

use burn::module::Module;
use burn::prelude::Device;
use web_time::Instant;

use super::calibration::Calibrations;
use super::snapshot_clock::SnapshotClock;
use super::{device, fetch::fetch_bytes, messages, post};
use replab_core::analysis::{CodeView, LinearProbe};
use replab_engine::presets::PresetRun;
use replab_core::backend::BackendKind;
use replab_core::data::{Dataset, DatasetId, ImageSet, ImageShape, dataset_from_files};
use replab_engine::explore::{Explorer, Look, decode_with};
use replab_core::protocol::{Event, ImageStrip, Projection, Request, RunEnd, UserFile, View};
use replab_core::settings::{BackendChoice, Hyperparams, ModelKind};
use replab_engine::train::{Progress, RECON_COUNT, TrainError, Trainer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum Mode {
    #[default]
    Idle,
    Training,
    Paused,
    /// A preset's models are training.
    Preset,
}

/// Everything the worker holds between messages.
pub struct Session {
    pub(super) device: Option<(Device, BackendKind)>,
    pub(super) dataset: Option<Dataset>,
    pub(super) trainer: Option<Trainer>,
    /// The last run's autoencoder on the inference path, once that run ended.
    explorer: Option<Explorer>,
    pub(super) mode: Mode,
    /// The current model's test codes, for the scatter.
    pub(super) codes: Option<CodeView>,
    /// How the scatter maps codes to 2-D: the user's last choice, if any.
    pub(super) projection: Option<Projection>,
    pub(super) clock: SnapshotClock,
    /// A linear classifier on the current model's codes ([`Request::LinearEval`]).
    pub(super) probe: Option<LinearProbe>,
    pub(super) preset: Option<PresetRun>,
    /// Present where each model is timed on both backends before it trains.
    pub(super) calibrations: Option<Calibrations>,
    /// The backend the current run trains on, when it began, and when its last checkpoint was
    /// taken (none yet: `None`).
    pub(super) training_kind: BackendKind,
    pub(super) run_started: Instant,
    pub(super) last_checkpoint: Option<Instant>,
    /// The checkpoint being written, if one is (see `checkpoints.rs`): done when it resolves.
    pub(super) checkpoint_writing: Option<futures_channel::oneshot::Receiver<()>>,
    /// The started WebGPU device's largest buffer, if known.
    pub(super) gpu_buffer_limit: Option<u64>,
    /// What the badge said of the started backend.
    pub(super) backend_reason: String,
}

impl Default for Session {
    fn default() -> Self {
        Session {
            device: None,
            dataset: None,
            trainer: None,
            explorer: None,
            mode: Mode::Idle,
            codes: None,
            projection: None,
            clock: SnapshotClock::new(0),
            probe: None,
            preset: None,
            calibrations: None,
            training_kind: BackendKind::Cpu,
            run_started: Instant::now(),
            last_checkpoint: None,
            checkpoint_writing: None,
            gpu_buffer_limit: None,
            backend_reason: String::new(),
        }
    }
}

/// Nearest training images shown beside a drawing.
const NEIGHBOURS: usize = 5;
/// Most test images one [`Request::TestImages`] returns.
const MAX_TEST_IMAGES: usize = 256;

/// Images `indices` of `set` as a strip, with their labels.
fn strip_of(set: &ImageSet, indices: impl Iterator<Item = usize>) -> (ImageStrip, Vec<u8>) {
    let (mut pixels, mut labels) = (Vec::new(), Vec::new());
    for i in indices {
        pixels.extend_from_slice(set.image(i));
        labels.push(set.labels[i]);
    }
    (ImageStrip { shape: set.shape, count: labels.len(), pixels }, labels)
}

const NO_EXPLORER: &str = "Train an autoencoder first: exploring needs a trained model (Stop keeps one).";

pub(super) fn error(message: impl Into<String>) {
    post(&Event::Error { message: message.into() });
}

impl Session {
    /// Whether the main loop has work (training, a t-SNE map) to do between messages.
    pub fn has_work(&self) -> bool {
        matches!(self.mode, Mode::Training | Mode::Preset) || (self.mode == Mode::Idle && self.is_mapping())
    }

    /// One chunk of that work.
    pub async fn work_chunk(&mut self) {
        match self.mode {
            Mode::Training => self.train_chunk().await,
            Mode::Preset => self.preset_chunk().await,
            _ => self.tsne_chunk(),
        }
        #[cfg(feature = "relaxed-simd")]
        self.recheck_kernels();
    }

    /// The relaxed workers time their two kernel sets once more, in training
    /// ([`super::gemm_tile::recheck_if_due`]); where the choice changes, the badge says so.
    #[cfg(feature = "relaxed-simd")]
    fn recheck_kernels(&self) {
        let (Some((before, now)), Some((_, kind))) = (super::gemm_tile::recheck_if_due(), &self.device) else {
            return;
        };
        let again = format!("{} in training (at start-up: {})", now.describe(), before.describe());
        post(&Event::BackendReady { kind: *kind, reason: self.backend_reason.replace(&before.describe(), &again) });
    }

    pub async fn handle(&mut self, request: Request) {
        match request {
            // Answered by the mailbox as it arrives; never queued.
            Request::Ping { .. } => {}
            Request::Init { backend } => self.init(backend).await,
            Request::LoadDataset { id } => self.load_shipped(id).await,
            Request::LoadFiles { files } => self.load_files(files),
            Request::LoadFull { id, files } => self.load_full(id, files),
            Request::Train { hp } => self.train(hp).await,
            Request::ResumeRun { checkpoint } => self.resume_run(*checkpoint).await,
            Request::Pause if self.mode == Mode::Training => {
                self.mode = Mode::Paused;
                post(&Event::Paused);
            }
            Request::Resume if self.mode == Mode::Paused => {
                self.mode = Mode::Training;
                post(&Event::Resumed);
            }
            Request::Stop if self.mode == Mode::Preset => self.stop_preset(),
            Request::Stop if self.mode != Mode::Idle => self.end(RunEnd::Stopped).await,
            Request::Reset => {
                // The page drops the kept checkpoint on `ResetDone`: not before it is written.
                self.checkpoint_written().await;
                self.forget_model();
                self.mode = Mode::Idle;
                post(&Event::ResetDone);
            }
            Request::Adjust { lr, beta } => match self.trainer.as_mut().filter(|_| matches!(self.mode, Mode::Training | Mode::Paused)) {
                Some(trainer) => match trainer.adjust(lr, beta) {
                    Ok(()) => post(&Event::Adjusted { step: trainer.step(), lr, beta }),
                    Err(e) => error(format!("Not changed: {e}.")),
                },
                None => error("Nothing is training: the learning rate and β can be changed while a run trains."),
            },
            Request::Pause | Request::Resume | Request::Stop => {}
            Request::TestImages { start, count } => self.test_images(start, count),
            Request::Encode { index } => self.encode(index).await,
            Request::Decode { view, codes } => self.decode(view, codes).await,
            Request::DecodeFrame { epoch, codes } => self.decode_frame(epoch, codes).await,
            Request::Sample { count, seed } => {
                let codes = self.explorer.as_ref().map(|x| x.sample(count.clamp(1, 256), seed));
                match codes {
                    Some(codes) => self.decode(View::Samples, codes).await,
                    None => error(NO_EXPLORER),
                }
            }
            Request::Draw { pixels } => self.draw(pixels).await,
            Request::Thumbnail { index } => self.thumbnail(index),
            Request::Project { projection } => self.project(projection),
            Request::LinearEval => self.linear_eval().await,
            Request::DataSpectrum => self.data_spectrum(),
            Request::RunPreset { id, size, sampler, seed } => self.run_preset(&id, size, sampler, seed).await,
            Request::ExportModel { purpose } => self.export_model(purpose).await,
            Request::ImportModel { name, bytes, fallback } => self.import_model(name, bytes, fallback).await,
        }
    }

    /// Drop the current model and everything computed from it.
    pub(super) fn forget_model(&mut self) {
        self.trainer = None;
        self.explorer = None;
        self.codes = None;
        self.probe = None;
    }

    /// The current model is final (a run ended, or weights were loaded): its scatter,
    /// confusion matrix and explorer.
    pub(super) async fn explore_model(&mut self) {
        self.snapshot().await;
        self.filters().await;
        self.confusion().await;
        self.analyse().await;
    }

    fn test_images(&self, start: usize, count: usize) {
        let Some(data) = &self.dataset else { return error("No dataset is loaded yet.") };
        let end = (start + count.min(MAX_TEST_IMAGES)).min(data.test.len());
        let (images, labels) = strip_of(&data.test, start.min(end)..end);
        post(&Event::TestImages { start, images, labels });
    }

    fn thumbnail(&self, index: usize) {
        let Some(data) = &self.dataset else { return error("No dataset is loaded yet.") };
        if index >= data.test.len() {
            return error(format!("There is no test image {index}."));
        }
        let (image, labels) = strip_of(&data.test, index..index + 1);
        post(&Event::Thumbnail { index, image, label: labels[0] });
    }

    async fn decode(&self, view: View, codes: Vec<f32>) {
        // The latent map of a run that just ended may come before its analysis:
        // the trainer's weights decode it.
        if view == View::Map && self.explorer.is_none() {
            return self.decode_live(codes).await;
        }
        let Some(explorer) = &self.explorer else { return error(NO_EXPLORER) };
        match explorer.decode(&codes).await {
            Ok(images) => post(&Event::Decoded { view, images }),
            Err(e) => error(e.to_string()),
        }
    }

    /// `codes` decoded by the trainer's current model; `None` without one (no run, or one
    /// without a decoder).
    async fn decode_by_trainer(&self, codes: &[f32]) -> Option<Result<ImageStrip, TrainError>> {
        let (Some(trainer), Some(data)) = (&self.trainer, &self.dataset) else { return None };
        let model = trainer.model().valid();
        let ae = model.autoencoder()?;
        Some(decode_with(ae, data.test.shape, codes).await)
    }

    /// [`Session::decode`] by the trainer's current model. Without one (a run that failed, its
    /// worker restarting to resume it) the map is answered empty, not with an error: the page
    /// asked in the background, draws nothing, and its decode queue moves on.
    async fn decode_live(&self, codes: Vec<f32>) {
        let images = match self.decode_by_trainer(&codes).await {
            Some(Ok(images)) => images,
            Some(Err(e)) => return error(e.to_string()),
            None => ImageStrip { shape: ImageShape::MNIST, count: 0, pixels: Vec::new() },
        };
        post(&Event::Decoded { view: View::Map, images });
    }

    /// The latent map of the epoch replay's frame of `epoch`, by the trainer's model as it is
    /// now. No answer without one: the run, and its replay, are gone.
    async fn decode_frame(&self, epoch: usize, codes: Vec<f32>) {
        let started = Instant::now();
        let Some(step) = self.trainer.as_ref().map(Trainer::step) else { return };
        match self.decode_by_trainer(&codes).await {
            Some(Ok(images)) => {
                let worker_ms = started.elapsed().as_secs_f64() * 1e3;
                post(&Event::FrameMap { epoch, step, images, worker_ms });
            }
            Some(Err(e)) => error(e.to_string()),
            None => {}
        }
    }

    /// Test image `index`'s code (as the explorer encoded it) and what each layer makes of it.
    async fn encode(&self, index: usize) {
        let (Some(explorer), Some(data)) = (&self.explorer, &self.dataset) else { return error(NO_EXPLORER) };
        // The explorer holds one code per test image: none past the last.
        let Some(code) = explorer.test_code(index) else {
            return error(format!("There is no test image {index}."));
        };
        match explorer.look(&data.test.slice(index..index + 1).unit_pixels()).await {
            Ok(look) => post(&Event::Encoded { index, code, layers: look.layers }),
            Err(e) => error(e.to_string()),
        }
    }

    async fn draw(&mut self, pixels: Vec<f32>) {
        if self.explorer.is_none() {
            return self.classify(pixels).await;
        }
        let (Some(explorer), Some(data)) = (&mut self.explorer, &self.dataset) else { return error(NO_EXPLORER) };
        let probe = &self.probe;
        if pixels.len() != data.test.shape.len() {
            return error(format!("A drawing must have {} values, not {}.", data.test.shape.len(), pixels.len()));
        }
        let result = async {
            let look = explorer.look(&pixels).await?;
            let nearest = explorer.neighbours(&data.train, &look.code, NEIGHBOURS).await?;
            Ok::<_, TrainError>((look, nearest))
        };
        match result.await {
            Ok((Look { code, reconstruction, layers }, nearest)) => {
                let error = reconstruction.pixels.iter().zip(&pixels).map(|(&r, &p)| (r as f32 / 255.0 - p).powi(2)).sum::<f32>()
                    / pixels.len() as f32;
                let (neighbours, neighbour_labels) = strip_of(&data.train, nearest.into_iter());
                let probabilities = probe.as_ref().map(|p| p.probabilities(&code)).unwrap_or_default();
                let unusual = explorer.unusual(error);
                let place = self.codes.as_ref().and_then(|view| view.place(&code));
                post(&Event::Drawn { code, reconstruction, error, unusual, place, neighbours, neighbour_labels, probabilities, layers });
            }
            Err(e) => error(e.to_string()),
        }
    }

    /// A drawing read by a model without a decoder: a classifier's class probabilities.
    async fn classify(&self, pixels: Vec<f32>) {
        let Some(trainer) = &self.trainer else { return error(NO_EXPLORER) };
        match trainer.class_probabilities(&pixels).await {
            Ok(Some(probabilities)) => post(&Event::Classified { probabilities }),
            Ok(None) => error(NO_EXPLORER),
            Err(e) => error(e.to_string()),
        }
    }

    /// Put the finished run's autoencoder on the inference path and summarise its code space.
    async fn analyse(&mut self) {
        let (Some(trainer), Some(data)) = (&self.trainer, &self.dataset) else { return };
        let Some(ae) = trainer.model().valid().autoencoder().cloned() else { return };
        match Explorer::new(ae, data).await {
            Ok((explorer, space)) => {
                self.explorer = Some(explorer);
                post(&Event::LatentReady { space });
            }
            Err(e) => error(format!("Could not analyse the trained model: {e}")),
        }
    }

    async fn init(&mut self, backend: BackendChoice) {
        // A started runtime cannot be reconfigured: later requests keep the first choice.
        if self.device.is_none() {
            let started = device::start(backend).await;
            self.device = Some((started.device, started.kind));
            self.calibrations = started.measures_both.then(Calibrations::default);
            self.gpu_buffer_limit = started.max_buffer_bytes;
            self.backend_reason = started.reason.clone();
            post(&Event::BackendReady { kind: started.kind, reason: started.reason });
        } else if let Some((_, kind)) = &self.device {
            post(&Event::BackendReady { kind: *kind, reason: "backend already running; reload the page to switch".into() });
        }
    }

    fn busy(&self) -> bool {
        if self.mode != Mode::Idle {
            error("Stop the current run before loading other data.");
        }
        self.mode != Mode::Idle
    }

    pub(super) async fn load_shipped(&mut self, id: DatasetId) {
        if self.busy() {
            return;
        }
        let mut files = Vec::new();
        for path in id.files() {
            match fetch_bytes(path).await {
                Ok(bytes) => files.push(bytes),
                Err(message) => return error(message),
            }
        }
        self.accept(Dataset::from_shipped_files(id, &files).map_err(|e| e.to_string()));
    }

    fn load_files(&mut self, files: Vec<UserFile>) {
        if self.busy() {
            return;
        }
        let pairs: Vec<(String, Vec<u8>)> = files.into_iter().map(|f| (f.name, f.bytes)).collect();
        self.accept(dataset_from_files(&pairs).map_err(|e| format!("Your files were not loaded: {e}")));
    }

    fn load_full(&mut self, id: DatasetId, files: Vec<UserFile>) {
        if self.busy() {
            return;
        }
        let files: Vec<Vec<u8>> = files.into_iter().map(|f| f.bytes).collect();
        let parsed = Dataset::from_shipped_files(id, &files);
        self.accept(parsed.map_err(|e| format!("The full {} was not loaded ({e}); the data loaded before stays.", id.title())));
    }

    /// Keep a newly parsed dataset, or report why not and keep the old one.
    fn accept(&mut self, parsed: Result<Dataset, String>) {
        match parsed {
            Ok(data) => {
                let count = RECON_COUNT.min(data.test.len());
                let shape = data.test.shape;
                post(&Event::DatasetLoaded {
                    id: data.id,
                    train_len: data.train.len(),
                    test_len: data.test.len(),
                    shape,
                    classes: data.class_count(),
                    originals: ImageStrip { shape, count, pixels: data.test.pixels[..count * shape.len()].to_vec() },
                });
                self.trainer = None;
                self.codes = None;
                self.probe = None;
                self.dataset = Some(data);
            }
            Err(message) => error(message),
        }
    }

    async fn train(&mut self, hp: Hyperparams) {
        if self.mode != Mode::Idle {
            return error("A run is already going: stop it first.");
        }
        let (Some(_), Some(data)) = (&self.device, &self.dataset) else {
            return error("The lab is still starting: wait for the dataset to load.");
        };
        if hp.model == ModelKind::Svm && data.class_count() > 2 {
            return error(format!(
                "The linear SVM separates two classes and this dataset has {}: load a two-class dataset, \
                 or open the D1/D2 experiments (frog vs horse) in the Experiments gallery.",
                data.class_count()
            ));
        }
        if let Some(why) = self.gpu_refusal(&hp) {
            return error(format!("Not started: {why}."));
        }
        let (device, kind) = match self.training_device(&hp).await {
            Ok(chosen) => chosen,
            Err(e) => return error(e.to_string()),
        };
        let Some(data) = &self.dataset else { return };
        let trainer = match Trainer::new(data, hp.clone(), &device) {
            Ok(t) => t,
            Err(e) => return error(e.to_string()),
        };
        let trainer = self.begin_run(trainer, kind);
        match trainer.evaluate().await {
            Ok(evaluation) => {
                post(&messages::evaluation(evaluation));
                self.mode = Mode::Training;
                // The "before training" scatter.
                self.snapshot().await;
            }
            Err(e) => self.fail(e).await,
        }
    }

    /// `trainer`'s run (fresh or resumed) is the current one, on `kind`: say so, and drop the
    /// last model and what was computed from it.
    pub(super) fn begin_run(&mut self, trainer: Trainer, kind: BackendKind) -> &mut Trainer {
        let hp = trainer.hyperparams();
        post(&Event::RunStarted {
            model: hp.model,
            steps_per_epoch: trainer.steps_per_epoch(),
            epochs: hp.epochs,
            batch: hp.batch,
            params: trainer.num_params(),
        });
        self.forget_model();
        self.training_kind = kind;
        self.run_started = Instant::now();
        self.last_checkpoint = None;
        self.trainer.insert(trainer)
    }

    /// One chunk of training (up to the next readback), its events posted.
    pub async fn train_chunk(&mut self) {
        let Some(trainer) = self.trainer.as_mut() else {
            self.mode = Mode::Idle;
            return;
        };
        match trainer.advance().await {
            Ok(reports) => {
                let epoch_ended = reports.iter().any(|r| matches!(r, Progress::Evaluated { .. }));
                reports.into_iter().for_each(|r| post(&messages::progress(r)));
                let finished = trainer.is_finished();
                if epoch_ended && !finished {
                    self.snapshot().await;
                    self.filters().await;
                } else {
                    self.live_snapshot().await;
                }
                self.checkpoint_if_due(epoch_ended).await;
                if finished {
                    self.end(RunEnd::Completed).await;
                }
            }
            Err(e) => self.fail(e).await,
        }
    }

    async fn fail(&mut self, e: TrainError) {
        let end = match e {
            TrainError::Diverged { step, .. } => RunEnd::Diverged { step, message: e.to_string() },
            other => RunEnd::Failed { message: other.to_string() },
        };
        self.end(end).await;
    }

    /// The run is over: say so, then (unless it failed) make its model explorable.
    async fn end(&mut self, end: RunEnd) {
        // The page drops the kept checkpoint when a run ends: not before it is written.
        self.checkpoint_written().await;
        self.mode = Mode::Idle;
        let failed = matches!(end, RunEnd::Failed { .. });
        post(&Event::RunEnded { end });
        if !failed {
            self.explore_model().await;
        }
    }
}
