//! `worker-crashed`: after the worker stopped on a trap, an out-of-memory or a panic, "Restart
//! worker" (`worker-restart`) starts a fresh one without a reload: the backend and the dataset
//! are asked for again (a full dataset from the browser's store), and the crashed run's last
//! checkpoint is offered for resuming.

use leptos::prelude::*;

use super::full_data::FullData;
use super::runs::look_for_checkpoint;
use super::state::{LabState, RunPhase};
use super::worker_link;
use crate::lab::protocol::Request;

fn restart(state: LabState, full_data: FullData) {
    let settings = state.settings.get_untracked();
    state.crashed.set(false);
    state.error.set(None);
    state.worker_ready.set(false);
    state.backend.set(None);
    state.data.set(None);
    state.presets.running.set(None);
    state.run.set(RunPhase::NoModel);
    state.clear_run();
    worker_link::restart(state);
    worker_link::send(Request::Init { backend: settings.backend });
    full_data.load(state, settings.dataset);
    look_for_checkpoint(state);
}

#[component]
pub fn WorkerRestart() -> impl IntoView {
    let state = expect_context::<LabState>();
    let full_data = expect_context::<FullData>();
    view! {
        <Show when=move || state.crashed.get()>
            <section class="panel worker-crashed" data-testid="worker-crashed" aria-label="The training worker stopped">
                <p>"The training worker stopped. Restart it to go on: the dataset is loaded again, and the run it was training is offered from its last checkpoint."</p>
                <button class="primary" data-testid="worker-restart" on:click=move |_| restart(state, full_data)>"Restart worker"</button>
            </section>
        </Show>
    }
}
