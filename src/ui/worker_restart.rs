//! `worker-crashed`: after the worker stopped on a trap, an out-of-memory or a panic, "Restart
//! worker" (`worker-restart`) starts a fresh one without a reload: the backend and the dataset
//! are asked for again (a full dataset from the browser's store), and the crashed run's last
//! checkpoint is offered for resuming.
//!
//! A lost GPU (`Event::GpuLost`) stops the worker the same way. In the middle of a run that has
//! a checkpoint the worker restarts on the CPU by itself and the run resumes from the
//! checkpoint ([`RunsState::resume_on_cpu`]); otherwise "Go on on the CPU"
//! (`continue-on-cpu`) restarts it with the CPU backend.
//!
//! `worker-unresponsive`: a worker that has not answered the page's heartbeat for a while
//! (stuck in a loop, or in one very long step) gets the same restart
//! (`worker-unresponsive-restart`); the notice goes as soon as the worker speaks again.

use leptos::prelude::*;

use super::full_data::FullData;
use super::runs::RunsState;
use super::state::{LabState, RunPhase};
use super::worker_link;
use super::url;
use replab_core::protocol::Request;
use replab_core::settings::BackendChoice;

fn restart(state: LabState, runs: RunsState, full_data: FullData) {
    let settings = state.settings.get_untracked();
    state.crashed.set(false);
    state.gpu_lost.set(false);
    state.error.set(None);
    state.worker_ready.set(false);
    state.backend.set(None);
    state.data.set(None);
    state.preset_running.set(None);
    state.run.set(RunPhase::NoModel);
    state.clear_run();
    worker_link::restart(state, settings.backend);
    worker_link::send(Request::Init { backend: settings.backend });
    full_data.load(state, settings.dataset);
    runs.look_for_checkpoint();
}

/// After a lost GPU: the CPU from now on (in the settings and the address bar too), then the
/// same restart.
fn on_the_cpu(state: LabState, runs: RunsState, full_data: FullData) {
    state.settings.update(|s| s.backend = BackendChoice::Cpu);
    url::write_location(&state.settings.get_untracked());
    restart(state, runs, full_data);
}

#[component]
pub fn WorkerRestart() -> impl IntoView {
    let state = expect_context::<LabState>();
    let full_data = expect_context::<FullData>();
    let runs = expect_context::<RunsState>();
    // A run the lost GPU interrupted goes on on the CPU at once; the resume offer takes it
    // from there once the new worker has the dataset.
    Effect::new(move |_| {
        if state.gpu_lost.get() && runs.resume_on_cpu.get_untracked() {
            let said = state.error.get_untracked();
            on_the_cpu(state, runs, full_data);
            state.error.set(said);
        }
    });
    view! {
        <Show when=move || !state.crashed.get() && state.unresponsive.get().is_some()>
            <section class="panel worker-crashed" data-testid="worker-unresponsive" role="alert" aria-label="The training worker is not answering">
                <p>
                    {move || format!(
                        "The training worker has not answered for {} s. It may be in one very long step, or stuck. \
                         Wait (this notice goes when it answers), or restart it: the run it was training is offered \
                         from its last checkpoint.",
                        state.unresponsive.get().unwrap_or(0),
                    )}
                </p>
                <button class="primary" data-testid="worker-unresponsive-restart" on:click=move |_| restart(state, runs, full_data)>"Restart worker"</button>
            </section>
        </Show>
        <Show when=move || state.crashed.get()>
            <section class="panel worker-crashed" data-testid="worker-crashed" aria-label="The training worker stopped">
                <p>
                    {move || if state.gpu_lost.get() {
                        "The GPU stopped working for this page. Go on on the CPU (slower, but it works on every machine): the dataset is loaded again, and the run it was training is offered from its last checkpoint."
                    } else {
                        "The training worker stopped. Restart it to go on: the dataset is loaded again, and the run it was training is offered from its last checkpoint."
                    }}
                </p>
                <Show
                    when=move || state.gpu_lost.get()
                    fallback=move || view! {
                        <button class="primary" data-testid="worker-restart" on:click=move |_| restart(state, runs, full_data)>"Restart worker"</button>
                    }
                >
                    <button class="primary" data-testid="continue-on-cpu" on:click=move |_| on_the_cpu(state, runs, full_data)>"Go on on the CPU"</button>
                    <button data-testid="worker-restart" on:click=move |_| restart(state, runs, full_data)>"Try the GPU again"</button>
                </Show>
            </section>
        </Show>
    }
}
