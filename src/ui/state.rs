//! Everything the page shows, as signals, and how each worker event changes it.

use leptos::prelude::*;

use crate::lab::backend::{BackendKind, Calibration};
use super::confusion::ConfusionState;
use super::embedding::EmbeddingState;
use super::explore::{self, ExploreState};
use super::presets::PresetState;
use super::runs::{self, RunsState};
use super::worker_link::send;
use crate::lab::data::{DatasetId, ImageShape};
use crate::lab::export::ModelCard;
use crate::lab::protocol::{Event, ImageStrip, Metrics, Request, RunEnd};
use crate::lab::settings::{ModelKind, Settings};

/// Where the current run is.
#[derive(Debug, Clone, PartialEq)]
pub enum RunPhase {
    /// No model yet (or after Reset).
    NoModel,
    /// Train was pressed; the worker is preparing.
    Starting,
    Training,
    Paused,
    Ended(RunEnd),
}

impl RunPhase {
    pub fn is_active(&self) -> bool {
        matches!(self, RunPhase::Starting | RunPhase::Training | RunPhase::Paused)
    }
}

/// The dataset the worker holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DataInfo {
    pub id: DatasetId,
    pub train_len: usize,
    pub test_len: usize,
    pub shape: ImageShape,
}

/// Test images the picker shows.
const PICKER_IMAGES: usize = 48;

/// The plan of the current run, for progress and ETA.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Plan {
    pub model: ModelKind,
    pub steps_per_epoch: usize,
    pub epochs: usize,
    pub batch: usize,
    pub params: usize,
}

impl Plan {
    pub fn total_steps(&self) -> usize {
        self.steps_per_epoch * self.epochs
    }
}

/// A point of a loss curve: (global step, loss).
pub type CurvePoint = (usize, f32);

/// Every figure of a run over time, split by split.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Curves {
    /// Main loss (reconstruction, or cross-entropy).
    pub loss: Vec<CurvePoint>,
    /// A VAE's KL divergence (nats per image).
    pub kl: Vec<CurvePoint>,
    /// A classifier's accuracy (0–1).
    pub accuracy: Vec<CurvePoint>,
}

impl Curves {
    fn push(&mut self, step: usize, m: Metrics) {
        self.loss.push((step, m.loss));
        self.kl.extend(m.kl.map(|v| (step, v)));
        self.accuracy.extend(m.accuracy.map(|v| (step, v)));
    }
}

/// A model being timed on both backends, or its figures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Timing {
    Running,
    Done(Calibration),
}

#[derive(Clone, Copy)]
pub struct LabState {
    pub settings: RwSignal<Settings>,
    pub worker_ready: RwSignal<bool>,
    pub backend: RwSignal<Option<(BackendKind, String)>>,
    /// Where each model is timed on both backends: the last timing.
    pub calibration: RwSignal<Option<Timing>>,
    pub data: RwSignal<Option<DataInfo>>,
    /// A dataset is being fetched or parsed.
    pub loading: RwSignal<bool>,
    pub run: RwSignal<RunPhase>,
    pub plan: RwSignal<Option<Plan>>,
    pub epoch: RwSignal<usize>,
    pub step: RwSignal<usize>,
    pub train_curves: RwSignal<Curves>,
    /// After each epoch (epoch 0: before training).
    pub test_curves: RwSignal<Curves>,
    pub images_per_s: RwSignal<Option<f32>>,
    pub originals: RwSignal<Option<ImageStrip>>,
    pub reconstructions: RwSignal<Option<ImageStrip>>,
    pub error: RwSignal<Option<String>>,
    /// The worker stopped on a trap, an out-of-memory or a panic: only a restart helps.
    pub crashed: RwSignal<bool>,
    /// It stopped because its GPU was lost: the restart can go on on the CPU.
    pub gpu_lost: RwSignal<bool>,
    /// The worker has not answered the page's heartbeat for this many seconds (see
    /// `worker_link`): stuck, or in one very long step.
    pub unresponsive: RwSignal<Option<u32>>,
    /// The current model's first-layer filters, with the layer's unit count.
    pub filters: RwSignal<Option<(ImageStrip, usize)>>,
    pub explore: ExploreState,
    pub embedding: EmbeddingState,
    pub presets: PresetState,
    pub confusion: ConfusionState,
    pub runs: RunsState,
}

impl LabState {
    pub fn new(settings: Settings) -> Self {
        Self {
            settings: RwSignal::new(settings),
            worker_ready: RwSignal::new(false),
            backend: RwSignal::new(None),
            calibration: RwSignal::new(None),
            data: RwSignal::new(None),
            loading: RwSignal::new(true),
            run: RwSignal::new(RunPhase::NoModel),
            plan: RwSignal::new(None),
            epoch: RwSignal::new(0),
            step: RwSignal::new(0),
            train_curves: RwSignal::new(Curves::default()),
            test_curves: RwSignal::new(Curves::default()),
            images_per_s: RwSignal::new(None),
            originals: RwSignal::new(None),
            reconstructions: RwSignal::new(None),
            error: RwSignal::new(None),
            crashed: RwSignal::new(false),
            gpu_lost: RwSignal::new(false),
            unresponsive: RwSignal::new(None),
            filters: RwSignal::new(None),
            explore: ExploreState::new(),
            embedding: EmbeddingState::new(),
            presets: PresetState::new(),
            confusion: ConfusionState::new(),
            runs: RunsState::new(),
        }
    }

    /// A run or a preset is under way: settings and data are locked. Reactive.
    pub fn busy(&self) -> bool {
        self.run.with(RunPhase::is_active) || self.presets.running.with(Option::is_some)
    }

    /// [`LabState::busy`] for event handlers (no tracking).
    pub fn busy_now(&self) -> bool {
        self.run.with_untracked(RunPhase::is_active) || self.presets.running.with_untracked(Option::is_some)
    }

    /// Forget the last run's figures (a new run, or Reset).
    pub fn clear_run(&self) {
        self.plan.set(None);
        self.epoch.set(0);
        self.step.set(0);
        self.train_curves.set(Curves::default());
        self.test_curves.set(Curves::default());
        self.images_per_s.set(None);
        self.reconstructions.set(None);
        self.filters.set(None);
    }

    /// "MLP contrastive (margin) · MNIST digits": what a run trained, for tables.
    fn run_title(&self, model: ModelKind) -> String {
        let loss = self.settings.with_untracked(|s| {
            if model.is_contrastive() { format!(" ({})", s.hp.contrastive.key()) } else { String::new() }
        });
        let data = self.data.with_untracked(|d| d.map(|d| d.id.title()).unwrap_or("?"));
        format!("{}{loss} · {data}", model.label())
    }

    /// Weights from a file or a saved run are the current model: show it as a finished run
    /// (a saved run's curves come back with it).
    fn model_loaded(&self, name: String, card: ModelCard, params: usize, test: Metrics, reconstructions: Option<ImageStrip>) {
        let hp = card.hp.clone();
        self.settings.update(|s| s.hp = hp.clone());
        self.clear_run();
        let steps_per_epoch = self.data.with_untracked(|d| d.map(|d| d.train_len / hp.batch.max(1))).unwrap_or(0);
        self.plan.set(Some(Plan { model: hp.model, steps_per_epoch, epochs: hp.epochs, batch: hp.batch, params }));
        self.explore.begin_run(self.run_title(hp.model), self.embedding.scatter.get_untracked());
        self.embedding.begin_run(self.run_title(hp.model));
        self.confusion.clear();
        let saved = self.runs.loading.get_value().filter(|r| r.name == name);
        self.runs.loading.set_value(None);
        self.runs.working.set(false);
        let steps = saved.as_ref().map(|r| r.steps).unwrap_or(steps_per_epoch * hp.epochs);
        self.epoch.set(hp.epochs);
        self.step.set(steps);
        match saved {
            Some(run) => {
                self.train_curves.set(run.train);
                self.test_curves.set(run.test);
                self.runs.seconds.set(run.seconds);
            }
            None => {
                self.test_curves.update(|c| c.push(steps, test));
                self.runs.seconds.set(None);
            }
        }
        self.reconstructions.set(reconstructions);
        self.run.set(RunPhase::Ended(RunEnd::Completed));
    }

    /// Apply one worker event.
    pub fn apply(&self, event: Event) {
        match event {
            Event::WorkerReady => self.worker_ready.set(true),
            // The heartbeat's answer: `worker_link` notes it and passes it no further.
            Event::Pong { .. } => {}
            Event::BackendReady { kind, reason } => self.backend.set(Some((kind, reason))),
            Event::Calibrating => self.calibration.set(Some(Timing::Running)),
            Event::Calibrated { calibration } => self.calibration.set(Some(Timing::Done(calibration))),
            Event::DatasetLoaded { id, train_len, test_len, originals, shape } => {
                self.data.set(Some(DataInfo { id, train_len, test_len, shape }));
                if id != DatasetId::User {
                    // A preset may have switched the dataset.
                    self.settings.update(|s| s.dataset = id);
                }
                self.explore.clear();
                self.explore.picker.set(None);
                self.embedding.clear_data();
                send(Request::TestImages { start: 0, count: PICKER_IMAGES });
                self.loading.set(false);
                self.originals.set(Some(originals));
                self.reconstructions.set(None);
                if self.run.get_untracked() != RunPhase::NoModel {
                    self.run.set(RunPhase::NoModel);
                    self.clear_run();
                }
            }
            Event::RunStarted { model, steps_per_epoch, epochs, batch, params } => {
                self.plan.set(Some(Plan { model, steps_per_epoch, epochs, batch, params }));
                self.explore.begin_run(self.run_title(model), self.embedding.scatter.get_untracked());
                self.embedding.begin_run(self.run_title(model));
                self.confusion.clear();
                self.runs.run_started();
                self.run.set(RunPhase::Training);
            }
            Event::TrainLoss { epoch, step, train, images_per_s, .. } => {
                self.epoch.set(epoch);
                self.step.set(step);
                self.images_per_s.set(Some(images_per_s));
                self.train_curves.update(|c| c.push(step, train));
            }
            Event::EpochEnd { epoch, step, test, reconstructions } => {
                self.epoch.set(epoch);
                self.step.set(step);
                self.test_curves.update(|c| c.push(step, test));
                self.reconstructions.set(reconstructions);
            }
            Event::Checkpoint { checkpoint } => runs::on_checkpoint(*self, *checkpoint),
            Event::Filters { filters, units } => self.filters.set(Some((filters, units))),
            Event::Paused => self.run.set(RunPhase::Paused),
            Event::Resumed => self.run.set(RunPhase::Training),
            Event::RunEnded { end } => {
                if let RunEnd::Diverged { message, .. } | RunEnd::Failed { message } = &end {
                    self.error.set(Some(message.clone()));
                }
                self.runs.run_ended();
                // A run that failed (a lost GPU, an error mid-run) keeps its checkpoint, offered
                // at once; one that finished, was stopped or diverged has no use for it.
                if matches!(end, RunEnd::Failed { .. }) {
                    runs::look_for_checkpoint(*self);
                } else {
                    runs::forget_checkpoint(*self);
                }
                self.run.set(RunPhase::Ended(end));
            }
            Event::ResetDone => {
                runs::forget_checkpoint(*self);
                self.explore.clear();
                self.embedding.clear_run();
                self.run.set(RunPhase::NoModel);
                self.clear_run();
            }
            Event::Crashed { message } => {
                let first_line = message.lines().take(2).collect::<Vec<_>>().join(" ");
                self.error.set(Some(format!(
                    "The training worker stopped on an internal error ({first_line}). Restart it (or reload the \
                     page) to go on: your settings are kept, and a run's last checkpoint is offered."
                )));
                self.loading.set(false);
                self.crashed.set(true);
                if self.busy_now() {
                    self.run.set(RunPhase::Ended(RunEnd::Failed { message }));
                }
            }
            Event::GpuLost { message } => {
                self.error.set(Some(format!(
                    "The GPU stopped working for this page ({message}). Go on on the CPU: the run continues from its last \
                     checkpoint; your settings are kept."
                )));
                self.loading.set(false);
                self.crashed.set(true);
                self.gpu_lost.set(true);
                if self.busy_now() {
                    self.run.set(RunPhase::Ended(RunEnd::Failed { message: format!("the GPU was lost ({message})") }));
                }
            }
            Event::Drawn { place, .. } if place.is_some() => {
                self.embedding.drawn_at.set(place);
                explore::on_event(self.explore, event)
            }
            Event::LatentReady { .. }
            | Event::Encoded { .. }
            | Event::Decoded { .. }
            | Event::Drawn { .. }
            | Event::TestImages { .. } => explore::on_event(self.explore, event),
            Event::Embedding { .. }
            | Event::ProjectionProgress { .. }
            | Event::LinearEval { .. }
            | Event::DataSpectrum { .. }
            | Event::Thumbnail { .. } => self.embedding.apply(event),
            Event::PresetProgress { .. } | Event::PresetResult { .. } => self.presets.apply(event),
            Event::Confusion { .. } => self.confusion.apply(event),
            Event::ModelExported { purpose, bytes, card } => runs::on_exported(*self, purpose, bytes, card),
            Event::ModelLoaded { name, card, params, test, reconstructions } => {
                self.model_loaded(name, card, params, test, reconstructions)
            }
            Event::Error { message } => {
                // Whatever was waiting on the worker will not be answered.
                explore::decode_queue::forget_all();
                self.explore.awaiting_code.set(None);
                self.embedding.forget_pending();
                self.presets.forget_pending();
                self.runs.working.set(false);
                self.runs.loading.set_value(None);
                self.error.set(Some(message));
                if self.run.get_untracked() == RunPhase::Starting {
                    self.run.set(RunPhase::NoModel);
                }
                // A failed load leaves the previous dataset (if any) in place.
                self.loading.set(false);
            }
        }
    }
}
