//! What every part of the page may read: the settings, the dataset, the run and its curves,
//! the worker's condition. Each feature keeps its own state beside it (`explore`, `embedding`,
//! `presets`, `confusion`, `runs`); `hub` hands each worker event to the states it concerns.
//! This module imports no feature and no hub: features depend on it, never the other way.

use leptos::prelude::*;

use replab_core::backend::{BackendKind, Calibration};
use replab_core::data::{DatasetId, ImageShape};
use replab_core::protocol::{ImageStrip, Metrics, RunEnd};
use replab_core::nan_as_null;
use replab_core::settings::{Hyperparams, ModelKind, Settings};

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
    /// How many classes its labels name (at least 2).
    pub classes: usize,
}

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
    /// Main loss (reconstruction, or cross-entropy). Non-finite values are kept: a saved run's
    /// JSON writes them as `null`, read back as NaN (`nan_as_null`).
    #[serde(deserialize_with = "nan_as_null::points")]
    pub loss: Vec<CurvePoint>,
    /// A VAE's KL divergence (nats per image).
    #[serde(deserialize_with = "nan_as_null::points")]
    pub kl: Vec<CurvePoint>,
    /// A classifier's accuracy (0–1).
    #[serde(deserialize_with = "nan_as_null::points")]
    pub accuracy: Vec<CurvePoint>,
}

impl Curves {
    pub fn push(&mut self, step: usize, m: Metrics) {
        self.loss.push((step, m.loss));
        self.kl.extend(m.kl.map(|v| (step, v)));
        self.accuracy.extend(m.accuracy.map(|v| (step, v)));
    }

    /// Drop the points after `step`.
    pub fn until(&mut self, step: usize) {
        for points in [&mut self.loss, &mut self.kl, &mut self.accuracy] {
            points.retain(|&(s, _)| s <= step);
        }
    }
}

/// A change of the learning rate or β while the run trained: from `step` on.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Adjustment {
    pub step: usize,
    pub lr: f64,
    pub beta: f64,
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
    /// The id of the experiment being run, if one is.
    pub preset_running: RwSignal<Option<String>>,
    /// The learning rate and β changes of the current run, oldest first.
    pub adjustments: RwSignal<Vec<Adjustment>>,
    /// The settings the current model trained with (its learning rate and β as last adjusted),
    /// whatever the settings panel has been changed to since.
    pub trained_with: RwSignal<Option<Hyperparams>>,
    /// The last run's figures, set aside while a new run starts: the worker keeps that run's
    /// model until it accepts the new one, so a start it refuses puts them back.
    pub before_start: StoredValue<Option<ShownRun>>,
}

/// What the page shows of a run (see [`LabState::set_aside_run`]).
#[derive(Clone)]
pub struct ShownRun {
    run: RunPhase,
    plan: Option<Plan>,
    epoch: usize,
    step: usize,
    train_curves: Curves,
    test_curves: Curves,
    images_per_s: Option<f32>,
    reconstructions: Option<ImageStrip>,
    filters: Option<(ImageStrip, usize)>,
    adjustments: Vec<Adjustment>,
    trained_with: Option<Hyperparams>,
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
            preset_running: RwSignal::new(None),
            adjustments: RwSignal::new(Vec::new()),
            trained_with: RwSignal::new(None),
            before_start: StoredValue::new(None),
        }
    }

    /// A run is starting: its figures replace the last run's, which are kept aside until the
    /// worker accepts it ([`LabState::started`]) or refuses it ([`LabState::refused`]).
    pub fn set_aside_run(&self) {
        self.before_start.set_value(Some(ShownRun {
            run: self.run.get_untracked(),
            plan: self.plan.get_untracked(),
            epoch: self.epoch.get_untracked(),
            step: self.step.get_untracked(),
            train_curves: self.train_curves.get_untracked(),
            test_curves: self.test_curves.get_untracked(),
            images_per_s: self.images_per_s.get_untracked(),
            reconstructions: self.reconstructions.get_untracked(),
            filters: self.filters.get_untracked(),
            adjustments: self.adjustments.get_untracked(),
            trained_with: self.trained_with.get_untracked(),
        }));
        self.clear_run();
    }

    /// The worker accepted the new run: the last one's figures are gone for good.
    pub fn started(&self) {
        self.before_start.set_value(None);
    }

    /// The worker refused to start (it still holds the last run's model): its figures come back,
    /// or no model if there was none.
    pub fn refused(&self) {
        let mut shown = None;
        self.before_start.update_value(|kept| shown = kept.take());
        let Some(shown) = shown else {
            self.run.set(RunPhase::NoModel);
            return;
        };
        self.plan.set(shown.plan);
        self.epoch.set(shown.epoch);
        self.step.set(shown.step);
        self.train_curves.set(shown.train_curves);
        self.test_curves.set(shown.test_curves);
        self.images_per_s.set(shown.images_per_s);
        self.reconstructions.set(shown.reconstructions);
        self.filters.set(shown.filters);
        self.adjustments.set(shown.adjustments);
        self.trained_with.set(shown.trained_with);
        self.run.set(shown.run);
    }

    /// A run or a preset is under way: settings and data are locked. Reactive.
    pub fn busy(&self) -> bool {
        self.run.with(RunPhase::is_active) || self.preset_running.with(Option::is_some)
    }

    /// [`LabState::busy`] for event handlers (no tracking).
    pub fn busy_now(&self) -> bool {
        self.run.with_untracked(RunPhase::is_active) || self.preset_running.with_untracked(Option::is_some)
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
        self.adjustments.set(Vec::new());
        self.trained_with.set(None);
    }

    /// "MLP contrastive (margin) · MNIST digits": what a run trained, for tables.
    pub fn run_title(&self, model: ModelKind) -> String {
        let loss = self.settings.with_untracked(|s| {
            if model.is_contrastive() { format!(" ({})", s.hp.contrastive.key()) } else { String::new() }
        });
        let data = self.data.with_untracked(|d| d.map(|d| d.id.title()).unwrap_or("?"));
        format!("{}{loss} · {data}", model.label())
    }
}
