//! What the experiments gallery shows, and how the worker's preset events change it.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::lab::presets::{PresetResult, PresetSize};
use crate::lab::search::Sampler;
use crate::lab::protocol::Event;

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
    /// The latest result of each preset run in this visit.
    pub results: RwSignal<HashMap<String, PresetResult>>,
}

impl PresetState {
    pub fn new() -> Self {
        Self {
            open: RwSignal::new(None),
            size: RwSignal::new(PresetSize::Default),
            sampler: RwSignal::new(Sampler::Tpe),
            running: RwSignal::new(None),
            progress: RwSignal::new(None),
            results: RwSignal::new(HashMap::new()),
        }
    }

    /// A request failed: a preset that was starting will not run.
    pub fn forget_pending(&self) {
        if self.progress.with_untracked(Option::is_none) {
            self.running.set(None);
        }
    }

    pub fn apply(&self, event: Event) {
        match event {
            Event::PresetProgress { id, job, jobs, label, step, total_steps, loss } => {
                self.running.set(Some(id.clone()));
                self.progress.set(Some(Progress { id, job, jobs, label, step, total_steps, loss }));
            }
            Event::PresetResult { result, done } => {
                if done {
                    self.running.set(None);
                    self.progress.set(None);
                }
                self.results.update(|r| {
                    r.insert(result.id.clone(), result);
                });
            }
            _ => {}
        }
    }
}
