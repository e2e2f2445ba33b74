//! Getting around the one long page (issue 17): a bar that stays at the top with a link to each
//! part (each part has its own URL fragment, so a link such as `…#draw` opens at the draw pad)
//! and the current run's status, visible wherever the visitor is; and, before any model exists,
//! the two doors of a first visit.

use leptos::prelude::*;

use super::controls::{can_train, start_training};
use super::runs::RunsState;
use super::state::{LabState, RunPhase};
use replab_core::protocol::RunEnd;

/// The page's parts: fragment and label, in page order.
pub const SECTIONS: [(&str, &str); 6] =
    [("train", "Train"), ("runs", "My runs"), ("embedding", "Embedding"), ("explore", "Explore"), ("draw", "Draw"), ("experiments", "Experiments")];

/// Scroll part `fragment` into view and put it in the address bar (keeping the settings).
pub fn go_to(fragment: &str) {
    let Some(window) = web_sys::window() else { return };
    if let Some(target) = window.document().and_then(|d| d.get_element_by_id(fragment)) {
        super::jump::jump_to(target);
    }
    let location = window.location();
    let url = format!("{}{}#{fragment}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// `section-nav`: a link per part and the run's status (`nav-status`).
#[component]
pub fn SectionNav() -> impl IntoView {
    let state = expect_context::<LabState>();
    // A link with a fragment opens at that part once the page has drawn it.
    let opened_at = web_sys::window().and_then(|w| w.location().hash().ok()).and_then(|h| h.strip_prefix('#').map(str::to_string));
    if let Some(id) = opened_at.filter(|id| SECTIONS.iter().any(|(s, _)| s == id)) {
        request_animation_frame(move || go_to(&id));
    }
    let status = move || match state.run.get() {
        RunPhase::NoModel => "No model yet".to_string(),
        RunPhase::Starting => "Starting…".to_string(),
        RunPhase::Training | RunPhase::Paused => {
            let total = state.plan.get().map(|p| p.total_steps()).unwrap_or(0).max(1);
            let verb = if state.run.get() == RunPhase::Paused { "Paused" } else { "Training" };
            format!("{verb} · {}%", state.step.get() * 100 / total)
        }
        RunPhase::Ended(RunEnd::Completed) => "Trained".to_string(),
        RunPhase::Ended(RunEnd::Stopped) => "Stopped".to_string(),
        RunPhase::Ended(RunEnd::Diverged { .. }) => "Diverged".to_string(),
        RunPhase::Ended(RunEnd::Failed { .. }) => "Failed".to_string(),
    };
    let phase = move || match state.run.get() {
        RunPhase::Training | RunPhase::Starting => "training",
        RunPhase::Paused => "paused",
        RunPhase::NoModel => "none",
        RunPhase::Ended(_) => "ended",
    };
    view! {
        <nav class="section-nav" aria-label="Parts of the lab" data-testid="section-nav">
            <ul>
                {SECTIONS
                    .iter()
                    .map(|&(id, label)| view! {
                        <li>
                            <a href=format!("#{id}") data-testid=format!("nav-{id}") on:click=move |ev| {
                                ev.prevent_default();
                                go_to(id);
                            }>{label}</a>
                        </li>
                    })
                    .collect_view()}
            </ul>
            <a class="nav-status" href="#train" data-testid="nav-status" data-phase=phase on:click=move |ev| {
                ev.prevent_default();
                go_to("train");
            }>{status}</a>
        </nav>
    }
}

/// `first-visit`: before any model exists, the two ways in.
#[component]
pub fn FirstVisit() -> impl IntoView {
    let state = expect_context::<LabState>();
    // After the first door's run finishes, open the draw pad.
    let draw_after = RwSignal::new(false);
    Effect::new(move |_| {
        if draw_after.get() && matches!(state.run.get(), RunPhase::Ended(RunEnd::Completed)) {
            draw_after.set(false);
            go_to("draw");
        }
    });
    let runs = expect_context::<RunsState>();
    let train = move |_| {
        draw_after.set(true);
        start_training(state, runs);
        go_to("train");
    };
    view! {
        <Show when=move || state.run.get() == RunPhase::NoModel>
            <section class="first-visit" data-testid="first-visit" aria-label="Start here">
                <div class="door">
                    <h2>"Train your first autoencoder"</h2>
                    <p>"Train the model the settings describe (by default a small autoencoder on MNIST digits), watch the loss fall, then draw a digit and see what it makes of it."</p>
                    <button class="primary" data-testid="start-first-run" prop:disabled=move || !can_train(state) on:click=train>"Train it"</button>
                </div>
                <div class="door">
                    <h2>"Reproduce an experiment"</h2>
                    <p>"Open one of the reports' experiments, run it here, and see whether the lab finds what the report found."</p>
                    <button data-testid="door-experiments" on:click=move |_| go_to("experiments")>"Open the experiments"</button>
                </div>
            </section>
        </Show>
    }
}
