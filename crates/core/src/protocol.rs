//! The typed messages between the page (UI) and the training worker. Plain data: the UI bin
//! uses these without linking any tensor code.

use serde::{Deserialize, Serialize};

use super::analysis::Confusion;
use super::backend::{BackendKind, Calibration};
use super::checkpoint::Checkpoint;
use super::data::{DatasetId, ImageShape};
use super::export::ModelCard;
use super::presets::{PresetResult, PresetSize};
use super::search::Sampler;
use super::settings::{BackendChoice, Hyperparams, ModelKind};

use super::le_bytes;

// The domain values the messages carry, defined where they are computed; named here too so the
// page finds the whole vocabulary in one place.
pub use super::analysis::{Projection, Scatter};
pub use super::data::ImageStrip;
pub use super::explore::{Activation, Direction, LatentSpace, Plane};

/// A file the user picked or dropped.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UserFile {
    pub name: String,
    #[serde(with = "serde_bytes")]
    pub bytes: Vec<u8>,
}

/// Page → worker.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Request {
    /// Are you there? Answered at once by [`Event::Pong`] with the same number, by the
    /// worker's message handler itself (not queued behind the work), whenever the worker's
    /// event loop runs: between training chunks on the CPU, during every GPU wait on WebGPU.
    Ping { n: u32 },
    /// Choose and start the backend. Answered by [`Event::BackendReady`].
    Init { backend: BackendChoice },
    /// Fetch and parse a shipped dataset. Answered by [`Event::DatasetLoaded`] or an error.
    LoadDataset { id: DatasetId },
    /// Parse the user's own files. Answered by [`Event::DatasetLoaded`] or an error.
    LoadFiles { files: Vec<UserFile> },
    /// Parse the full version of a shipped dataset, downloaded and checked by the page: its
    /// files in the order [`DatasetId::files`] lists the subset's. Answered by
    /// [`Event::DatasetLoaded`] or an error (the loaded data stays).
    LoadFull { id: DatasetId, files: Vec<UserFile> },
    /// Start training a fresh model on the loaded dataset.
    Train { hp: Hyperparams },
    /// Continue the run `checkpoint` describes (the same dataset must be loaded). Answered like
    /// [`Request::Train`], from the checkpoint's step, or an error (nothing changes).
    ResumeRun { checkpoint: Box<Checkpoint> },
    Pause,
    Resume,
    /// Change the running model's learning rate and a VAE's β from the next step on. Answered
    /// by [`Event::Adjusted`], or an error (out of range, or no run) that changes nothing.
    Adjust { lr: f64, beta: f64 },
    /// Stop after the current chunk, keeping the weights.
    Stop,
    /// Drop the model and its history.
    Reset,
    /// Encode test image `index` with the trained model. Answered by [`Event::Encoded`].
    Encode { index: usize },
    /// Decode `codes` (`count × latent`, row-major) for `view`. Answered by [`Event::Decoded`].
    Decode {
        view: View,
        #[serde(with = "le_bytes")]
        codes: Vec<f32>,
    },
    /// Decode the latent map of the epoch replay's frame of `epoch` (`codes`: its tiles, from
    /// [`crate::analysis::Frame::map_codes`]) with the model as it is now, training or not.
    /// Answered by [`Event::FrameMap`].
    DecodeFrame {
        epoch: usize,
        #[serde(with = "le_bytes")]
        codes: Vec<f32>,
    },
    /// Decode `count` codes drawn from the model's prior (a VAE: N(0, I); a plain autoencoder:
    /// a Gaussian fitted to the test codes). Answered by [`Event::Decoded`] for `View::Samples`.
    Sample { count: usize, seed: u64 },
    /// A drawing, already preprocessed to the dataset's image size (values in [0, 1]).
    /// Answered by [`Event::Drawn`], or by [`Event::Classified`] for a classifier.
    Draw {
        #[serde(with = "le_bytes")]
        pixels: Vec<f32>,
    },
    /// Test images `start..start + count`, for the image picker. Answered by [`Event::TestImages`].
    TestImages { start: usize, count: usize },
    /// Test image `index` alone (a scatter tooltip). Answered by [`Event::Thumbnail`].
    Thumbnail { index: usize },
    /// Show the current model's test codes through `projection`. Answered by
    /// [`Event::Embedding`] (t-SNE: after [`Event::ProjectionProgress`] reports).
    Project { projection: Projection },
    /// Train a linear classifier on the frozen codes of the training images and test it.
    /// Answered by [`Event::LinearEval`].
    LinearEval,
    /// The explained-variance spectrum of the test images' pixels. Answered by
    /// [`Event::DataSpectrum`].
    DataSpectrum,
    /// Run a preset (its dataset is loaded first when another one is). Answered by
    /// [`Event::PresetProgress`] and [`Event::PresetResult`]s; [`Request::Stop`] ends it early,
    /// keeping the models that finished.
    RunPreset { id: String, size: PresetSize, sampler: Sampler, seed: u64 },
    /// The current model as `.safetensors` bytes (PyTorch names, the card in the metadata).
    /// Answered by [`Event::ModelExported`].
    ExportModel { purpose: ExportPurpose },
    /// Replace the current model by the weights in a `.safetensors` file (the lab's or
    /// PyTorch's). The architecture comes from the file's card, or else `fallback` (the
    /// form's settings). Answered by [`Event::ModelLoaded`], or an error that names the
    /// offending tensor, the current model unchanged.
    ImportModel {
        name: String,
        #[serde(with = "serde_bytes")]
        bytes: Vec<u8>,
        fallback: Hyperparams,
    },
}

/// What the page will do with exported weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExportPurpose {
    /// Offer the file as a download.
    Download,
    /// Keep it in the browser as a saved run.
    Save,
    /// Keep it aside as the run that was replaced unsaved: the page asks for it just before a
    /// request that [replaces the model](Request::replaces_model), while the model is a
    /// finished run that no saved run holds.
    Keep,
}

impl Request {
    /// Whether answering this request drops the worker's current model (when it has one): a
    /// new run, a dataset, imported weights, a reset; an experiment does when it loads its
    /// dataset (another than the one loaded).
    pub fn replaces_model(&self) -> bool {
        matches!(
            self,
            Request::LoadDataset { .. }
                | Request::LoadFiles { .. }
                | Request::LoadFull { .. }
                | Request::Train { .. }
                | Request::ResumeRun { .. }
                | Request::Reset
                | Request::RunPreset { .. }
                | Request::ImportModel { .. }
        )
    }
}

/// Which view asked for a decode (echoed back, so each view keeps only its own latest result).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum View {
    Slider,
    /// The latent map's grid of decoded images.
    Map,
    /// What each code unit draws ([`LatentSpace::unit_codes`]).
    Units,
    Sweep,
    Interpolation,
    Grid,
    Samples,
}

/// Figures over some images: the main loss (reconstruction error, or cross-entropy for a
/// classifier), a VAE's KL divergence (nats per image) and a classifier's accuracy (0–1).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    #[serde(deserialize_with = "super::nan_as_null::f32")]
    pub loss: f32,
    pub kl: Option<f32>,
    pub accuracy: Option<f32>,
}

impl Metrics {
    /// "test loss 0.0248 · accuracy 91.2% · KL 12.35": the figures as a saved run's row and the
    /// class table show them.
    pub fn summary(&self) -> String {
        let mut out = format!("test loss {:.4}", self.loss);
        if let Some(a) = self.accuracy {
            out.push_str(&format!(" · accuracy {:.1}%", a * 100.0));
        }
        if let Some(kl) = self.kl {
            out.push_str(&format!(" · KL {kl:.2}"));
        }
        out
    }
}

/// Why a run ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum RunEnd {
    Completed,
    Stopped,
    /// The loss became NaN or infinite; the last good weights were kept.
    Diverged { step: usize, message: String },
    Failed { message: String },
}

/// Worker → page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Event {
    /// The worker listens: requests sent before this would be lost.
    WorkerReady,
    /// The answer to [`Request::Ping`].
    Pong { n: u32 },
    /// The WebGPU device was lost (`GPUDevice.lost`; sent by the worker's loader script, which
    /// watches every device): nothing more can run on it.
    GpuLost { message: String },
    BackendReady { kind: BackendKind, reason: String },
    /// The next run's model is being timed on both backends (`backend=auto` on a hardware GPU,
    /// or `backend=measure`).
    Calibrating,
    /// Its figures; a [`Event::BackendReady`] with the chosen backend follows.
    Calibrated { calibration: Calibration },
    /// A dataset is in use: its size, image shape and number of classes, and its first test
    /// images (the ones whose reconstructions each epoch shows).
    DatasetLoaded { id: DatasetId, train_len: usize, test_len: usize, shape: ImageShape, classes: usize, originals: ImageStrip },
    /// A run started: its plan, so the page can draw progress and an ETA.
    RunStarted { model: ModelKind, steps_per_epoch: usize, epochs: usize, batch: usize, params: usize },
    /// Mean training figures over the steps since the last report.
    ///
    /// `images_per_s` is the wall-clock rate since the previous chunk (what an ETA needs);
    /// `chunk_steps` steps took `chunk_seconds` in the worker, from the first step's start to
    /// the loss being read back (what benchmarks compare: no evaluation, snapshot or yield).
    TrainLoss { epoch: usize, step: usize, train: Metrics, images_per_s: f32, chunk_steps: usize, chunk_seconds: f32 },
    /// Held-out figures after an epoch (epoch 0: before training), with reconstructions of
    /// the first test images (autoencoders only).
    EpochEnd { epoch: usize, step: usize, test: Metrics, reconstructions: Option<ImageStrip> },
    Paused,
    Resumed,
    /// The run trains with this learning rate and β from `step` on ([`Request::Adjust`]).
    Adjusted { step: usize, lr: f64, beta: f64 },
    /// The worker kept where the run stands in IndexedDB (`kept_checkpoint`), to resume it after
    /// a reload or a crash: at epochs' ends, at most every 10 s and at least every minute
    /// ([`crate::checkpoint::checkpoint_due`]).
    Checkpointed { epoch: usize, step: usize },
    /// The browser refused to keep the checkpoint (a full quota): training goes on.
    CheckpointRefused { message: String },
    RunEnded { end: RunEnd },
    /// The model and history were dropped.
    ResetDone,
    /// The trained model's code space is ready to explore (sent when an autoencoder's run ends).
    LatentReady { space: LatentSpace },
    /// Test image `index`'s code, and every layer's activations for it (input side first).
    Encoded {
        index: usize,
        #[serde(with = "le_bytes")]
        code: Vec<f32>,
        layers: Vec<Activation>,
    },
    Decoded { view: View, images: ImageStrip },
    /// The latent map of the replay's frame of `epoch`, decoded by the model at training step
    /// `step`, and the worker's time for it (ms: the replay's cost to training).
    FrameMap { epoch: usize, step: usize, images: ImageStrip, worker_ms: f64 },
    Thumbnail { index: usize, image: ImageStrip, label: u8 },
    /// The current model's test codes in 2-D, for the scatter: after every epoch (epoch 0:
    /// before training), every few steps while a contrastive model trains, and on request.
    Embedding { scatter: Scatter },
    /// The first layer's filters of the model as it is now (after each epoch and at the end):
    /// `units` in the layer, the first [`crate::explore::MAX_FILTERS`] as images.
    Filters { filters: ImageStrip, units: usize },
    /// t-SNE iterations done so far, of `total`.
    ProjectionProgress { done: usize, total: usize },
    /// A classifier run's test predictions: the confusion matrix and each image's predicted
    /// class (for the misclassified examples of a cell).
    Confusion {
        confusion: Confusion,
        #[serde(with = "serde_bytes")]
        predictions: Vec<u8>,
        #[serde(with = "serde_bytes")]
        labels: Vec<u8>,
    },
    /// A linear classifier trained on the frozen codes.
    LinearEval { train_accuracy: f32, test_accuracy: f32, dim: usize, train_len: usize },
    /// Share of the pixel variance along each principal component of the test images,
    /// largest first.
    DataSpectrum {
        #[serde(with = "le_bytes")]
        fractions: Vec<f32>,
        images: usize,
    },
    /// A classifier's answer for a drawing (a model without a decoder): each class's
    /// probability.
    Classified {
        #[serde(with = "le_bytes")]
        probabilities: Vec<f32>,
    },
    /// What the model makes of a drawing: its code, reconstruction and mean squared error,
    /// the nearest training images in code space, and, once a linear classifier was trained on
    /// this model's codes ([`Request::LinearEval`]), its class probabilities (empty before).
    Drawn {
        #[serde(with = "le_bytes")]
        code: Vec<f32>,
        reconstruction: ImageStrip,
        error: f32,
        /// The share of test images the model rebuilds better than this drawing.
        unusual: f32,
        /// Where its code goes in the embedding scatter last shown (see
        /// `CodeView::place`), if one is shown.
        place: Option<[f32; 2]>,
        neighbours: ImageStrip,
        #[serde(with = "serde_bytes")]
        neighbour_labels: Vec<u8>,
        #[serde(with = "le_bytes")]
        probabilities: Vec<f32>,
        /// Every layer's activations for the drawing, input side first.
        layers: Vec<Activation>,
    },
    TestImages {
        start: usize,
        images: ImageStrip,
        #[serde(with = "serde_bytes")]
        labels: Vec<u8>,
    },
    /// A preset run's position: model `job` of `jobs` (`label`), `step` of `total_steps`, and
    /// the latest training loss.
    PresetProgress { id: String, job: usize, jobs: usize, label: String, step: usize, total_steps: usize, loss: Option<f32> },
    /// A preset's result so far (after each model, and at the end: `done`).
    PresetResult { result: PresetResult, done: bool },
    /// The current model's weights ([`Request::ExportModel`]).
    ModelExported {
        purpose: ExportPurpose,
        #[serde(with = "serde_bytes")]
        bytes: Vec<u8>,
        card: ModelCard,
    },
    /// Weights from a file became the current model ([`Request::ImportModel`]): its card, the
    /// held-out figures and reconstructions it gives (an explorer follows, as after a run).
    ModelLoaded { name: String, card: ModelCard, params: usize, test: Metrics, reconstructions: Option<ImageStrip> },
    /// A request could not be done; the worker's state is unchanged.
    Error { message: String },
    /// The worker hit a bug (a panic) and cannot go on; the page must be reloaded.
    Crashed { message: String },
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page keeps an unsaved run by sending `ExportModel` just before a request that replaces
    /// the model: the export itself, and what reads the model, must not count as replacing it
    /// (the hook would recurse, or keep runs that nothing replaced).
    #[test]
    fn what_replaces_the_model() {
        let replacing = [
            Request::LoadDataset { id: DatasetId::Mnist },
            Request::Train { hp: Hyperparams::default() },
            Request::Reset,
            Request::ImportModel { name: "m".into(), bytes: vec![], fallback: Hyperparams::default() },
        ];
        assert!(replacing.iter().all(Request::replaces_model));
        let reading = [
            Request::ExportModel { purpose: ExportPurpose::Keep },
            Request::Encode { index: 0 },
            Request::Stop,
            Request::LinearEval,
            Request::Sample { count: 4, seed: 1 },
        ];
        assert!(!reading.iter().any(Request::replaces_model));
    }
}
