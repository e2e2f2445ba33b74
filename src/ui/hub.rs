//! The page's one listener to the worker: each event updates the shared [`LabState`] and is
//! handed to the feature states it concerns, through the one method each of them has for it
//! (`on_event`). Features never import this module; it imports them.

use leptos::prelude::*;

use super::confusion::ConfusionState;
use super::embedding::EmbeddingState;
use super::explore::ExploreState;
use super::presets::PresetState;
use super::report_redraw::ReportRedraw;
use super::runs::RunsState;
use super::state::{Adjustment, DataInfo, LabState, Plan, RunPhase, Timing};
use super::worker_link::send;
use replab_core::data::DatasetId;
use replab_core::export::ModelCard;
use replab_core::protocol::{Event, ImageStrip, Metrics, Request, RunEnd};
use replab_core::settings::Settings;

/// Test images the picker shows.
const PICKER_IMAGES: usize = 48;

/// The shared state and every feature's state: built once by the app, which provides each as a
/// context of its own.
#[derive(Clone, Copy)]
pub struct Hub {
    pub lab: LabState,
    pub explore: ExploreState,
    pub embedding: EmbeddingState,
    pub presets: PresetState,
    pub confusion: ConfusionState,
    pub runs: RunsState,
    /// The per-report figures' redraw (at most five a second).
    redraw: ReportRedraw,
}

impl Hub {
    pub fn new(settings: Settings) -> Self {
        let lab = LabState::new(settings);
        Self {
            lab,
            explore: ExploreState::new(),
            embedding: EmbeddingState::new(),
            presets: PresetState::new(lab.preset_running),
            confusion: ConfusionState::new(),
            runs: RunsState::new(lab),
            redraw: ReportRedraw::new(lab),
        }
    }

    /// Weights from a file or a saved run are the current model: show it as a finished run
    /// (a saved run's curves come back with it).
    fn model_loaded(&self, name: String, card: ModelCard, params: usize, test: Metrics, reconstructions: Option<ImageStrip>) {
        let hp = card.hp.clone();
        self.lab.settings.update(|s| s.hp = hp.clone());
        self.lab.clear_run();
        self.lab.trained_with.set(Some(hp.clone()));
        let steps_per_epoch = self.lab.data.with_untracked(|d| d.map(|d| d.train_len / hp.batch.max(1))).unwrap_or(0);
        self.lab.plan.set(Some(Plan { model: hp.model, steps_per_epoch, epochs: hp.epochs, batch: hp.batch, params }));
        self.explore.begin_run(self.lab.run_title(hp.model), self.embedding.scatter.get_untracked());
        self.embedding.begin_run(self.lab.run_title(hp.model));
        self.confusion.clear();
        self.runs.forget_unsaved();
        // It came from a saved run or a file: closing the tab loses nothing.
        self.runs.saved.set(true);
        let saved = self.runs.loading.get_value().filter(|r| r.name == name);
        self.runs.loading.set_value(None);
        self.runs.working.set(false);
        let steps = saved.as_ref().map(|r| r.steps).unwrap_or(steps_per_epoch * hp.epochs);
        self.lab.epoch.set(hp.epochs);
        self.lab.step.set(steps);
        match saved {
            Some(run) => {
                self.lab.train_curves.set(run.train);
                self.lab.test_curves.set(run.test);
                self.lab.adjustments.set(run.adjustments);
                self.runs.seconds.set(run.seconds);
            }
            None => {
                self.lab.test_curves.update(|c| c.push(steps, test));
                self.runs.seconds.set(None);
            }
        }
        self.lab.reconstructions.set(reconstructions);
        self.lab.run.set(RunPhase::Ended(RunEnd::Completed));
    }

    /// Apply one worker event.
    pub fn apply(&self, event: Event) {
        match event {
            Event::WorkerReady => {
                self.lab.worker_ready.set(true);
                super::service_worker::keep(super::worker_link::started_wasm());
            }
            // The heartbeat's answer: `worker_link` notes it and passes it no further.
            Event::Pong { .. } => {}
            Event::BackendReady { kind, reason } => self.lab.backend.set(Some((kind, reason))),
            Event::Calibrating => self.lab.calibration.set(Some(Timing::Running)),
            Event::Calibrated { calibration } => self.lab.calibration.set(Some(Timing::Done(calibration))),
            Event::DatasetLoaded { id, train_len, test_len, originals, shape, classes } => {
                self.lab.data.set(Some(DataInfo { id, train_len, test_len, shape, classes }));
                if id != DatasetId::User {
                    // A preset may have switched the dataset.
                    self.lab.settings.update(|s| s.dataset = id);
                }
                self.explore.clear();
                self.confusion.clear();
                self.explore.picker.set(None);
                self.embedding.clear_data();
                send(Request::TestImages { start: 0, count: PICKER_IMAGES });
                self.lab.loading.set(false);
                self.lab.originals.set(Some(originals));
                self.lab.reconstructions.set(None);
                self.runs.forget_unsaved();
                if self.lab.run.get_untracked() != RunPhase::NoModel {
                    self.lab.run.set(RunPhase::NoModel);
                    self.lab.clear_run();
                }
            }
            Event::RunStarted { model, steps_per_epoch, epochs, batch, params } => {
                self.lab.plan.set(Some(Plan { model, steps_per_epoch, epochs, batch, params }));
                self.explore.begin_run(self.lab.run_title(model), self.embedding.scatter.get_untracked());
                self.embedding.begin_run(self.lab.run_title(model));
                self.confusion.clear();
                self.lab.started();
                self.runs.run_started();
                self.lab.run.set(RunPhase::Training);
            }
            Event::TrainLoss { epoch, step, train, images_per_s, .. } => {
                // Stored now, drawn at most five times a second.
                self.lab.epoch.update_untracked(|e| *e = epoch);
                self.lab.step.update_untracked(|s| *s = step);
                self.lab.images_per_s.update_untracked(|r| *r = Some(images_per_s));
                self.lab.train_curves.update_untracked(|c| c.push(step, train));
                self.redraw.request();
            }
            Event::EpochEnd { epoch, step, test, reconstructions } => {
                self.redraw.flush();
                self.lab.epoch.set(epoch);
                self.lab.step.set(step);
                self.lab.test_curves.update(|c| c.push(step, test));
                if let Some(strip) = &reconstructions {
                    self.embedding.replay.update(|r| r.note_reconstructions(epoch, strip.clone()));
                }
                self.lab.reconstructions.set(reconstructions);
            }
            event @ (Event::Checkpointed { .. } | Event::CheckpointRefused { .. } | Event::ModelExported { .. }) => self.runs.on_event(event),
            Event::Filters { filters, units } => self.lab.filters.set(Some((filters, units))),
            Event::Paused => {
                self.redraw.flush();
                self.lab.run.set(RunPhase::Paused);
            }
            Event::Adjusted { step, lr, beta } => {
                self.lab.adjustments.update(|a| a.push(Adjustment { step, lr, beta }));
                // The settings (and the address bar) say what the run trains with now.
                self.lab.settings.update(|s| (s.hp.lr, s.hp.beta) = (lr, beta));
                self.lab.trained_with.update(|hp| {
                    if let Some(hp) = hp {
                        (hp.lr, hp.beta) = (lr, beta);
                    }
                });
            }
            Event::Resumed => self.lab.run.set(RunPhase::Training),
            Event::RunEnded { end } => {
                self.redraw.flush();
                if let RunEnd::Diverged { message, .. } | RunEnd::Failed { message } = &end {
                    self.lab.error.set(Some(message.clone()));
                }
                self.runs.run_ended(&end);
                // A run that failed (a lost GPU, an error mid-run) keeps its checkpoint, offered
                // at once; one that finished, was stopped or diverged has no use for it.
                if matches!(end, RunEnd::Failed { .. }) {
                    self.runs.failed_at.set_value(Some(js_sys::Date::now()));
                    self.runs.look_for_checkpoint();
                } else {
                    self.runs.forget_checkpoint();
                }
                self.lab.run.set(RunPhase::Ended(end));
            }
            Event::ResetDone => {
                self.runs.forget_checkpoint();
                self.runs.forget_unsaved();
                self.explore.clear();
                self.confusion.clear();
                self.embedding.clear_run();
                self.lab.run.set(RunPhase::NoModel);
                self.lab.clear_run();
            }
            Event::Crashed { message } => {
                let first_line = message.lines().take(2).collect::<Vec<_>>().join(" ");
                self.lab.error.set(Some(format!(
                    "The training worker stopped on an internal error ({first_line}). Restart it (or reload the \
                     page) to go on: your settings are kept, and a run's last checkpoint is offered."
                )));
                self.lab.loading.set(false);
                self.lab.crashed.set(true);
                self.runs.forget_unsaved();
                if self.lab.busy_now() {
                    self.lab.run.set(RunPhase::Ended(RunEnd::Failed { message }));
                }
            }
            Event::GpuLost { message } => {
                // The run the loss interrupted: still training, or failed on the lost device a
                // moment ago.
                let just_failed = self.runs.failed_at.get_value().is_some_and(|t| js_sys::Date::now() - t < 30_000.0);
                let resume = (self.lab.busy_now() || just_failed) && self.runs.checkpointed.get_untracked().is_some();
                self.lab.error.set(Some(if resume {
                    format!("The GPU stopped working for this page ({message}). The run goes on on the CPU from its last checkpoint.")
                } else {
                    format!("The GPU stopped working for this page ({message}). Go on on the CPU: your settings are kept.")
                }));
                self.runs.resume_on_cpu.set(resume);
                self.lab.loading.set(false);
                self.lab.crashed.set(true);
                self.lab.gpu_lost.set(true);
                self.runs.forget_unsaved();
                if self.lab.busy_now() {
                    self.lab.run.set(RunPhase::Ended(RunEnd::Failed { message: format!("the GPU was lost ({message})") }));
                }
            }
            Event::Drawn { place, .. } if place.is_some() => {
                self.embedding.drawn_at.set(place);
                self.explore.on_event(event)
            }
            Event::LatentReady { .. }
            | Event::Encoded { .. }
            | Event::Decoded { .. }
            | Event::Drawn { .. }
            | Event::Classified { .. }
            | Event::TestImages { .. } => self.explore.on_event(event),
            Event::Embedding { .. }
            | Event::FrameMap { .. }
            | Event::ProjectionProgress { .. }
            | Event::LinearEval { .. }
            | Event::DataSpectrum { .. }
            | Event::Thumbnail { .. } => self.embedding.on_event(event),
            Event::PresetProgress { .. } | Event::PresetResult { .. } => self.presets.on_event(event),
            Event::Confusion { .. } => self.confusion.on_event(event),
            Event::ModelLoaded { name, card, params, test, reconstructions } => {
                self.model_loaded(name, card, params, test, reconstructions)
            }
            Event::Error { message } => {
                // Whatever was waiting on the worker will not be answered.
                super::explore::decode_queue::forget_all();
                self.explore.awaiting_code.set(None);
                self.embedding.forget_pending();
                self.presets.forget_pending();
                self.runs.working.set(false);
                self.runs.loading.set_value(None);
                self.lab.error.set(Some(message));
                if self.lab.run.get_untracked() == RunPhase::Starting {
                    self.runs.replaces_checkpoint.set_value(false);
                    self.lab.refused();
                }
                // A failed load leaves the previous dataset (if any) in place.
                self.lab.loading.set(false);
            }
        }
    }
}
