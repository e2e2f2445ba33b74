//! "My runs": finished runs kept in the browser (weights, settings, curves), listed with their
//! figures; load, rename, delete, compare; and `.safetensors` export/import of the current
//! model.

mod checkpoint;
mod compare;
mod model_file;
mod panel;
mod record;
mod replaced;
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
use replab_core::data::DatasetId;
use replab_core::protocol::{Event, ExportPurpose, Metrics, Request, RunEnd};
use replab_core::settings::Hyperparams;

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
    /// The current model is kept in a saved run, or came from one or from a file (the page then
    /// lets itself be closed quietly).
    pub saved: RwSignal<bool>,
    /// Whether the browser agreed to keep this site's storage until the visitor clears it
    /// (`navigator.storage.persist()`, asked on the first save); `None` until it answers.
    pub persisted: RwSignal<Option<bool>>,
    /// The browser was asked for lasting storage (once a page: Firefox asks the visitor, and
    /// its answer may never come).
    pub persist_asked: StoredValue<bool>,
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
    /// The record of the run that just finished (or was stopped), made as it ended, while no
    /// saved run holds it: what is kept if something replaces it unsaved.
    pub unsaved: StoredValue<Option<SavedRun>>,
    /// That record, waiting for its weights from the worker.
    pub keeping: StoredValue<Option<SavedRun>>,
    /// The last finished run that was replaced without being saved, kept in the browser until
    /// the next one takes its place (`replaced-run`).
    pub replaced: RwSignal<Option<SavedRun>>,
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
            persist_asked: StoredValue::new(false),
            resumable: RwSignal::new(None),
            checkpointed: RwSignal::new(None),
            resume_on_cpu: RwSignal::new(false),
            failed_at: StoredValue::new(None),
            unsaved: StoredValue::new(None),
            keeping: StoredValue::new(None),
            replaced: RwSignal::new(None),
        }
    }

    /// Re-read the list and the storage figures (and, the first time, hear other tabs'
    /// changes: each makes this tab re-read).
    pub fn refresh(self) {
        let state = self.lab;
        tabs::listen(move || self.refresh());
        wasm_bindgen_futures::spawn_local(async move {
            match store::list().await {
                Ok(stored) => {
                    self.list.set(stored.runs);
                    self.unreadable.set(stored.unreadable);
                    self.replaced.set(stored.replaced);
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
        self.unsaved.set_value(None);
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

    pub fn run_ended(self, end: &RunEnd) {
        let started = self.started_ms.get_value();
        self.seconds.set(started.map(|t| (js_sys::Date::now() - t) / 1000.0));
        // A run that diverged or failed has no weights worth keeping.
        let worth_keeping = matches!(end, RunEnd::Completed | RunEnd::Stopped);
        let card = self.lab.trained_with.get_untracked().zip(self.lab.data.get_untracked());
        self.unsaved.set_value(card.filter(|_| worth_keeping).map(|(hp, data)| new_record(self, &hp, data.id, 0)));
    }

    /// The worker's model is no longer the run that ended (another was loaded from a saved
    /// run or a file, a dataset or Reset dropped it, the worker stopped): nothing to keep.
    pub fn forget_unsaved(self) {
        self.unsaved.set_value(None);
    }

    /// `request` is about to replace the worker's model: if that is a finished run no saved
    /// run holds, ask the worker for its weights first (it answers in order), to keep it as
    /// the replaced run.
    pub fn keep_before(self, request: &Request) {
        if self.saved.get_untracked() || self.unsaved.with_value(Option::is_none) {
            return;
        }
        // An experiment on the loaded dataset trains its own models beside this one.
        if let Request::RunPreset { id, .. } = request {
            let loaded = self.lab.data.with_untracked(|d| d.as_ref().map(|d| d.id));
            if replab_core::presets::preset(id).is_some_and(|p| Some(p.dataset) == loaded) {
                return;
            }
        }
        self.keeping.set_value(self.unsaved.try_update_value(Option::take).flatten());
        send(Request::ExportModel { purpose: ExportPurpose::Keep });
    }
}

/// `mlp-ae-mnist`: a file name for the model.
fn file_stem(card: &ModelCard) -> String {
    format!("replab-{}-{}", card.hp.model.key(), card.dataset.key())
}

/// The worker sent the current model's weights: download them or keep them as a saved run.
fn on_exported(runs: RunsState, purpose: ExportPurpose, bytes: Vec<u8>, card: ModelCard) {
    let state = runs.lab;
    // The config download goes with what the visitor exported or saved, not with a run kept aside.
    if purpose != ExportPurpose::Keep {
        runs.last_card.set(Some(card.clone()));
    }
    match purpose {
        ExportPurpose::Download => download_bytes(&format!("{}.safetensors", file_stem(&card)), "application/octet-stream", &bytes),
        ExportPurpose::Keep => {
            let Some(mut run) = runs.keeping.try_update_value(Option::take).flatten() else { return };
            run.saved_at = js_sys::Date::now();
            run.bytes = bytes.len();
            wasm_bindgen_futures::spawn_local(async move {
                match store::put_replaced(&run, &bytes).await {
                    Ok(()) => {
                        runs.refresh();
                        tabs::changed();
                    }
                    Err(e) => state.error.set(Some(format!("The run you left unsaved could not be kept: {e}."))),
                }
            });
        }
        ExportPurpose::Save => {
            let run = new_record(runs, &card.hp, card.dataset, bytes.len());
            wasm_bindgen_futures::spawn_local(async move {
                match store::put(&run, &bytes).await {
                    Ok(()) => {
                        runs.saved.set(true);
                        runs.refresh();
                        tabs::changed();
                        ask_to_persist(runs);
                    }
                    Err(e) => state.error.set(Some(format!("The run was not saved: {e}. Your earlier runs are unchanged."))),
                }
                runs.working.set(false);
            });
        }
    }
}

/// Ask the browser, once a page, to keep this site's storage until the visitor clears it. Not
/// awaited by the save: Firefox asks the visitor (a prompt under the address bar) and answers
/// only when they choose, or never; the run is saved and listed meanwhile.
fn ask_to_persist(runs: RunsState) {
    if runs.persist_asked.get_value() {
        return;
    }
    runs.persist_asked.set_value(true);
    wasm_bindgen_futures::spawn_local(async move { runs.persisted.set(store::persist().await) });
}

/// Offer the last exported model's config as JSON.
pub fn download_config(card: &ModelCard) {
    download_text(&format!("{}.config.json", file_stem(card)), "application/json", &card.to_json());
}

/// The current run's record (`hp`: what trained it, on `dataset`; `bytes`: its weights' size).
fn new_record(runs: RunsState, hp: &Hyperparams, dataset: DatasetId, bytes: usize) -> SavedRun {
    let state = runs.lab;
    let now = js_sys::Date::now();
    let settings = state.settings.get_untracked();
    let test = state.test_curves.get_untracked();
    let final_test = last_metrics(&test);
    let name = format!("{} · {} · k {} · seed {}", hp.model.label(), dataset.title(), hp.latent, hp.seed);
    SavedRun {
        id: new_id(now),
        name,
        saved_at: now,
        settings: replab_core::settings::Settings { hp: hp.clone(), dataset, ..settings },
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

/// A saved run's id: `run-<ms since 1970>-<random>`.
fn new_id(now: f64) -> String {
    format!("run-{now}-{}", (js_sys::Math::random() * 1e9) as u64)
}

/// Make the replaced run a saved run like the others.
pub fn keep_replaced(runs: RunsState, run: SavedRun) {
    wasm_bindgen_futures::spawn_local(async move {
        let kept = SavedRun { id: new_id(js_sys::Date::now()), ..run };
        written(runs, store::adopt_replaced(&kept).await, "The run was not kept");
    });
}

/// After a change to the stored runs: this tab and the others re-read them; or, if the store
/// refused (`failed`: what did not happen), the reason, and this tab re-reads what is there.
fn written(runs: RunsState, result: Result<(), String>, failed: &str) {
    if let Err(e) = &result {
        runs.lab.error.set(Some(format!("{failed}: {e}.")));
    }
    runs.refresh();
    if result.is_ok() {
        tabs::changed();
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
    // Which dataset the run needs loading is known once the one on its way has arrived.
    if state.loading.get_untracked() {
        state.error.set(Some("Wait for the dataset to finish loading, then load the run.".into()));
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
    let name = name.trim().to_string();
    if name.is_empty() || name == run.name {
        return;
    }
    run.name = name;
    wasm_bindgen_futures::spawn_local(async move {
        written(runs, store::update(&run).await, "The run was not renamed");
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
