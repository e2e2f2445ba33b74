//! What the experiments gallery shows, and how the worker's preset events change it.

use std::collections::HashMap;

use leptos::prelude::*;

use replab_core::presets::{PresetResult, PresetSize};
use replab_core::search::Sampler;
use replab_core::protocol::Event;

/// Where a preset run is.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    pub id: String,
    pub job: usize,
    pub jobs: usize,
    pub label: String,
    pub step: usize,
    pub total_steps: usize,
    pub loss: Option<f32>,
}

#[derive(Clone, Copy)]
pub struct PresetState {
    /// The preset whose card is open (`?preset=`).
    pub open: RwSignal<Option<&'static str>>,
    pub size: RwSignal<PresetSize>,
    /// The sampler of a search preset (E2).
    pub sampler: RwSignal<Sampler>,
    /// The preset being run, if any.
    pub running: RwSignal<Option<String>>,
    pub progress: RwSignal<Option<Progress>>,
    /// The latest result of each preset, of this visit or kept from an earlier one.
    pub results: RwSignal<HashMap<String, PresetResult>>,
    /// When each kept result finished (ms since 1970), for results from an earlier visit.
    pub kept_since: RwSignal<HashMap<String, f64>>,
}

impl PresetState {
    /// Whether preset `id` is the one running (from its Run to its last result). Reactive.
    pub fn is_running(&self, id: &str) -> bool {
        self.running.with(|r| r.as_deref() == Some(id))
    }

    /// `running` is the page's shared signal (`LabState::preset_running`): a running
    /// experiment makes the whole page busy.
    pub fn new(running: RwSignal<Option<String>>) -> Self {
        Self {
            open: RwSignal::new(None),
            size: RwSignal::new(PresetSize::Default),
            sampler: RwSignal::new(Sampler::Tpe),
            running,
            progress: RwSignal::new(None),
            results: RwSignal::new(HashMap::new()),
            kept_since: RwSignal::new(HashMap::new()),
        }
    }

    /// Show the results kept from earlier visits (those not run again in this one).
    pub fn restore(self, error: RwSignal<Option<String>>) {
        wasm_bindgen_futures::spawn_local(async move {
            match super::store::all().await {
                Ok((kept, unreadable)) => {
                    for (result, at) in kept {
                        if self.results.with_untracked(|r| r.contains_key(&result.id)) {
                            continue;
                        }
                        self.kept_since.update(|k| {
                            k.insert(result.id.clone(), at);
                        });
                        self.results.update(|r| {
                            r.insert(result.id.clone(), result);
                        });
                    }
                    if unreadable > 0 {
                        web_sys::console::warn_1(&format!("{unreadable} kept experiment result(s) could not be read (an older format)").into());
                    }
                }
                Err(e) => error.set(Some(format!("Your earlier experiment results could not be read: {e}"))),
            }
        });
    }

    /// A request failed: a preset that was starting will not run.
    pub fn forget_pending(&self) {
        if self.progress.with_untracked(Option::is_none) {
            self.running.set(None);
        }
    }

    /// A running experiment's progress and results.
    pub fn on_event(&self, event: Event) {
        match event {
            Event::PresetProgress { id, job, jobs, label, step, total_steps, loss } => {
                self.running.set(Some(id.clone()));
                self.progress.set(Some(Progress { id, job, jobs, label, step, total_steps, loss }));
            }
            Event::PresetResult { result, done } => {
                if done {
                    self.running.set(None);
                    self.progress.set(None);
                    if result.finished_jobs > 0 {
                        let kept = result.clone();
                        wasm_bindgen_futures::spawn_local(async move {
                            if let Err(e) = super::store::put(&kept, js_sys::Date::now()).await {
                                web_sys::console::warn_1(&format!("the result of {} was not kept: {e}", kept.id).into());
                            }
                        });
                    }
                }
                self.kept_since.update(|k| {
                    k.remove(&result.id);
                });
                self.results.update(|r| {
                    r.insert(result.id.clone(), result);
                });
            }
            _ => {}
        }
    }
}
