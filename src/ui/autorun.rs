//! `&autorun=1`: a link that starts training by itself (a classroom link). The open preset
//! runs if the link has one, else Train with the link's settings; once per page load, as soon
//! as the worker and the data are ready. The caller does not arm it when the link's settings
//! were not understood (they would have been replaced by defaults).

use leptos::prelude::*;

use super::controls::{can_train, start_training};
use super::presets::{PresetState, can_run_preset, run_preset};
use super::runs::RunsState;
use super::state::LabState;

/// Start the run the link asks for once the page can; a run started by hand first wins.
pub fn start_when_ready(state: LabState, presets: PresetState, runs: RunsState) {
    let pending = StoredValue::new(true);
    // Sync with the outside world: the first moment the worker can take the request.
    Effect::new(move |_| {
        if !pending.get_value() {
            return;
        }
        if state.busy() {
            // Someone pressed Train or Run before the page was ready for the link's run.
            pending.set_value(false);
            return;
        }
        let data_ready = state.data.with(Option::is_some);
        match presets.open.get() {
            Some(id) if data_ready && can_run_preset(state, presets) => {
                pending.set_value(false);
                run_preset(state, presets, id);
            }
            None if can_train(state) => {
                pending.set_value(false);
                start_training(state, runs);
            }
            _ => {}
        }
    });
}
