//! "My runs": finished runs kept in the browser (weights, settings, curves), listed with their
//! figures; load, rename, delete, compare; and `.safetensors` export/import of the current
//! model.

mod checkpoint;
mod compare;
mod model_file;
mod panel;
mod record;
mod row;
mod store;
mod tabs;

pub use checkpoint::{KeptRun, ResumeOffer};
pub use panel::RunsPanel;
pub use record::SavedRun;

use leptos::prelude::*;

use super::download::{download_bytes, download_text};
use super::state::{Curves, LabState};
use super::worker_link::send;
use replab_core::export::ModelCard;
use replab_core::protocol::{Event, ExportPurpose, Metrics, Request};

#[derive(Clone, Copy)]
pub struct RunsState {
    /// The page's shared state (the run's curves and settings, the error line).
    pub lab: LabState,
    /// Newest first.
    pub list: RwSignal<Vec<SavedRun>>,
    /// Ids of stored records that do not read (shown so they can be deleted).
    pub unreadable: RwSignal<Vec<String>>,
    /// Runs ticked for the comparison chart.
    pub ticked: RwSignal<Vec<String>>,
    pub comparing: RwSignal<bool>,
    /// Bytes used and available to the site.
    pub usage: RwSignal<Option<(f64, f64)>>,
    /// A save or load is under way.
    pub working: RwSignal<bool>,
    /// The saved run being loaded: its curves replace the one-point curve of a plain import.
    pub loading: StoredValue<Option<SavedRun>>,
    /// When the current run started (ms since 1970), and how long it trained.
    pub started_ms: StoredValue<Option<f64>>,
    pub seconds: RwSignal<Option<f64>>,
    /// The card of the last export, for the config download.
    pub last_card: RwSignal<Option<ModelCard>>,
    /// The current run is kept in a saved run (the page then lets itself be closed quietly).
    pub saved: RwSignal<bool>,
    /// Whether the browser agreed to keep this site's storage until the visitor clears it
    /// (`navigator.storage.persist()`, asked on the first save); `None` before it was asked.
    pub persisted: RwSignal<Option<bool>>,
    /// A run a last visit left unfinished, offered for resuming.
    pub resumable: RwSignal<Option<KeptRun>>,
    /// The current run's last kept checkpoint: (epoch, step).
    pub checkpointed: RwSignal<Option<(usize, usize)>>,
    /// The GPU was lost in the middle of a checkpointed run: the worker restarts on the CPU and
    /// the run resumes from its checkpoint as soon as the new worker has the dataset, with no
    /// click (the visitor may be away from the tab).
    pub resume_on_cpu: RwSignal<bool>,
    /// When the last run ended as failed (ms since 1970): a lost GPU usually fails the run's
    /// next step a moment before its own report arrives.
    pub failed_at: StoredValue<Option<f64>>,
    /// A new run (not a resumed one) is starting: once the worker accepts it, the unfinished
    /// run a last visit left is dropped.
    pub replaces_checkpoint: StoredValue<bool>,
}

impl RunsState {
    pub fn new(lab: LabState) -> Self {
        Self {
            lab,
            list: RwSignal::new(Vec::new()),
            unreadable: RwSignal::new(Vec::new()),
            ticked: RwSignal::new(Vec::new()),
            comparing: RwSignal::new(false),
            usage: RwSignal::new(None),
            working: RwSignal::new(false),
            loading: StoredValue::new(None),
            started_ms: StoredValue::new(None),
            replaces_checkpoint: StoredValue::new(false),
            seconds: RwSignal::new(None),
            last_card: RwSignal::new(None),
            saved: RwSignal::new(false),
            persisted: RwSignal::new(None),
            resumable: RwSignal::new(None),
            checkpointed: RwSignal::new(None),
            resume_on_cpu: RwSignal::new(false),
            failed_at: StoredValue::new(None),
        }
    }

    /// Re-read the list and the storage figures (and, the first time, hear other tabs'
    /// changes: each makes this tab re-read).
    pub fn refresh(self) {
        let state = self.lab;
        tabs::listen(move || self.refresh());
        wasm_bindgen_futures::spawn_local(async move {
            match store::list().await {
                Ok((runs, unreadable)) => {
                    self.list.set(runs);
                    self.unreadable.set(unreadable);
                }
                Err(e) => state.error.set(Some(format!("Your saved runs could not be read: {e}"))),
            }
            self.usage.set(store::usage().await);
        });
    }

    pub fn run_started(self) {
        if self.replaces_checkpoint.get_value() {
            self.replaces_checkpoint.set_value(false);
            self.forget_checkpoint();
        }
        self.saved.set(false);
        self.started_ms.set_value(Some(js_sys::Date::now()));
        self.seconds.set(None);
    }

    /// The worker's checkpoints of the current run, and exported weights.
    pub fn on_event(self, event: Event) {
        match event {
            Event::Checkpointed { epoch, step } => checkpoint::on_checkpointed(self, epoch, step),
            Event::CheckpointRefused { message } => checkpoint::on_refused(self, message),
            Event::ModelExported { purpose, bytes, card } => on_exported(self, purpose, bytes, card),
            _ => {}
        }
    }

    /// Offer the checkpoint a last visit (or a crashed worker) left, if any.
    pub fn look_for_checkpoint(self) {
        checkpoint::look_for_one(self);
    }

    /// Drop the kept checkpoint: its run ended, or another one starts.
    pub fn forget_checkpoint(self) {
        checkpoint::forget(self);
    }

    pub fn run_ended(self) {
        let started = self.started_ms.get_value();
        self.seconds.set(started.map(|t| (js_sys::Date::now() - t) / 1000.0));
    }
}

/// `mlp-ae-mnist`: a file name for the model.
fn file_stem(card: &ModelCard) -> String {
    format!("replab-{}-{}", card.hp.model.key(), card.dataset.key())
}

/// The worker sent the current model's weights: download them or keep them as a saved run.
fn on_exported(runs: RunsState, purpose: ExportPurpose, bytes: Vec<u8>, card: ModelCard) {
    let state = runs.lab;
    runs.last_card.set(Some(card.clone()));
    match purpose {
        ExportPurpose::Download => download_bytes(&format!("{}.safetensors", file_stem(&card)), "application/octet-stream", &bytes),
        ExportPurpose::Save => {
            let run = new_record(runs, &card, bytes.len());
            wasm_bindgen_futures::spawn_local(async move {
                match store::put(&run, &bytes).await {
                    Ok(()) => {
                        runs.saved.set(true);
                        if runs.persisted.get_untracked().is_none() {
                            runs.persisted.set(store::persist().await);
                        }
                        runs.refresh();
                        tabs::changed();
                    }
                    Err(e) => state.error.set(Some(format!("The run was not saved: {e}. Your earlier runs are unchanged."))),
                }
                runs.working.set(false);
            });
        }
    }
}

/// Offer the last exported model's config as JSON.
pub fn download_config(card: &ModelCard) {
    download_text(&format!("{}.config.json", file_stem(card)), "application/json", &card.to_json());
}

/// A record of the current run, for the weights of `card`.
fn new_record(runs: RunsState, card: &ModelCard, bytes: usize) -> SavedRun {
    let state = runs.lab;
    let now = js_sys::Date::now();
    let settings = state.settings.get_untracked();
    let test = state.test_curves.get_untracked();
    let final_test = last_metrics(&test);
    let name = format!("{} · {} · k {} · seed {}", card.hp.model.label(), card.dataset.title(), card.hp.latent, card.hp.seed);
    SavedRun {
        id: format!("run-{now}-{}", (js_sys::Math::random() * 1e9) as u64),
        name,
        saved_at: now,
        settings: replab_core::settings::Settings { hp: card.hp.clone(), ..settings },
        backend: state.backend.get_untracked().map(|(k, _)| k.label().to_string()).unwrap_or_default(),
        seconds: runs.seconds.get_untracked(),
        params: state.plan.get_untracked().map(|p| p.params).unwrap_or(0),
        steps: state.step.get_untracked(),
        adjustments: state.adjustments.get_untracked(),
        train: state.train_curves.get_untracked(),
        test,
        final_test,
        bytes,
    }
}

fn last_metrics(curves: &Curves) -> Option<Metrics> {
    let (step, loss) = *curves.loss.last()?;
    let at = |points: &Vec<(usize, f32)>| points.last().filter(|p| p.0 == step).map(|p| p.1);
    Some(Metrics { loss, kl: at(&curves.kl), accuracy: at(&curves.accuracy) })
}

/// Ask the worker for the weights and keep the run.
pub fn save_current(runs: RunsState) {
    runs.working.set(true);
    send(Request::ExportModel { purpose: ExportPurpose::Save });
}

/// Load a saved run: its dataset (if another is loaded), then its weights; its curves come
/// back when the worker reports the model loaded.
pub fn load(runs: RunsState, run: SavedRun) {
    let state = runs.lab;
    if state.busy_now() {
        state.error.set(Some("Stop the current run before loading a saved one.".into()));
        return;
    }
    runs.working.set(true);
    wasm_bindgen_futures::spawn_local(async move {
        match store::weights(&run.id).await {
            Ok(bytes) => {
                let dataset = run.settings.dataset;
                if state.data.get_untracked().map(|d| d.id) != Some(dataset) && dataset != replab_core::data::DatasetId::User {
                    state.loading.set(true);
                    send(Request::LoadDataset { id: dataset });
                }
                let (name, fallback) = (run.name.clone(), run.settings.hp.clone());
                runs.loading.set_value(Some(run));
                send(Request::ImportModel { name, bytes, fallback });
            }
            Err(e) => {
                runs.working.set(false);
                state.error.set(Some(format!("{} could not be loaded: {e}.", run.name)));
                runs.refresh();
            }
        }
    });
}

pub fn rename(runs: RunsState, mut run: SavedRun, name: String) {
    let state = runs.lab;
    let name = name.trim().to_string();
    if name.is_empty() || name == run.name {
        return;
    }
    run.name = name;
    wasm_bindgen_futures::spawn_local(async move {
        match store::update(&run).await {
            Ok(()) => {
                runs.refresh();
                tabs::changed();
            }
            Err(e) => {
                state.error.set(Some(format!("The run was not renamed: {e}.")));
                runs.refresh();
            }
        }
    });
}

pub fn delete(runs: RunsState, id: String) {
    let state = runs.lab;
    wasm_bindgen_futures::spawn_local(async move {
        match store::delete(&id).await {
            Ok(()) => {
                runs.ticked.update(|t| t.retain(|x| *x != id));
                runs.refresh();
                tabs::changed();
            }
            Err(e) => state.error.set(Some(format!("The run was not deleted: {e}."))),
        }
    });
}
