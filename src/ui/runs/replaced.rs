//! The last finished run that something replaced before it was saved (`replaced-run`): kept
//! in the browser until the next such run takes its place, with Keep (a saved run like the
//! others), Load and Discard.

use leptos::prelude::*;

use super::RunsState;

/// Shown while a replaced run is kept.
#[component]
pub fn ReplacedRun() -> impl IntoView {
    let runs = expect_context::<RunsState>();
    let state = runs.lab;
    move || {
        runs.replaced.get().map(|run| {
            let (keep, load) = (run.clone(), run.clone());
            let id = run.id.clone();
            view! {
                <div class="run-row replaced" data-testid="replaced-run" role="status">
                    <div class="run-text">
                        <strong class="run-name">"Not saved, kept for you: " {run.name.clone()}</strong>
                        <span class="run-summary">{run.summary()}</span>
                        <span class="run-details">
                            {format!(
                                "Replaced on {} before it was saved. The next run you leave unsaved takes its place here; keep it to make it one of your runs.",
                                run.date()
                            )}
                        </span>
                    </div>
                    <div class="run-actions">
                        <button data-testid="replaced-keep" on:click=move |_| super::keep_replaced(runs, keep.clone())>"Keep in My runs"</button>
                        <button data-testid="replaced-load" prop:disabled=move || state.busy() || runs.working.get() || state.loading.get() on:click=move |_| super::load(runs, load.clone())>
                            "Load"
                        </button>
                        <button data-testid="replaced-discard" class="danger" on:click=move |_| super::delete(runs, id.clone())>"Discard"</button>
                    </div>
                </div>
            }
        })
    }
}
