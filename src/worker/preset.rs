//! The worker's preset runs: load the preset's dataset if needed, then train its models one
//! chunk at a time between messages, like a normal run.

use super::post;
use super::session::{Mode, Session, error};
use replab_core::presets::{PresetSize, plan, preset};
use replab_engine::presets::PresetRun;
use replab_core::protocol::Event;
use replab_core::search::Sampler;

impl Session {
    pub(super) async fn run_preset(&mut self, id: &str, size: PresetSize, sampler: Sampler, seed: u64) {
        if self.mode != Mode::Idle {
            return error("Stop the current run before starting a preset.");
        }
        let Some(preset) = preset(id) else { return error(format!("There is no preset called {id:?}.")) };
        let loaded = self.dataset.as_ref().map(|d| (d.id, d.train.shape));
        if !loaded.is_some_and(|l| plan::uses_loaded(preset, size, l)) {
            self.load_shipped(preset.dataset).await;
        }
        let (Some((device, _)), Some(data)) = (&self.device, &self.dataset) else {
            return error("The lab is still starting: wait for the dataset to load.");
        };
        if data.id != preset.dataset && data.id != replab_core::data::DatasetId::User {
            return error(format!("{} needs {}, which could not be loaded.", preset.title, preset.dataset.title()));
        }
        let run = PresetRun::new(preset, size, sampler, seed, data, device);
        post(&Event::PresetResult { result: run.result(), done: run.is_finished() });
        if !run.is_finished() {
            self.preset = Some(run);
            self.mode = Mode::Preset;
        }
    }

    /// One chunk of the preset run.
    pub(super) async fn preset_chunk(&mut self) {
        let Some(run) = self.preset.as_mut() else {
            self.mode = Mode::Idle;
            return;
        };
        match run.advance().await {
            Ok(updates) => {
                updates.into_iter().for_each(|u| post(&super::messages::preset(u)));
                if run.is_finished() {
                    self.preset = None;
                    self.mode = Mode::Idle;
                }
            }
            Err(e) => {
                error(format!("{} stopped: {e}", run.preset().title));
                self.stop_preset();
            }
        }
    }

    /// End the preset run, keeping (and showing) the models that finished.
    pub(super) fn stop_preset(&mut self) {
        if let Some(run) = self.preset.take() {
            post(&Event::PresetResult { result: run.result(), done: true });
        }
        self.mode = Mode::Idle;
    }
}
