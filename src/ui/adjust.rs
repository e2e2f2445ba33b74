//! Change while training (`adjust-lr`, `adjust-beta`, `adjust-apply`): the learning rate, and a
//! VAE's β, changed mid-run from the next step on (the optimiser keeps its state). Each change is
//! marked on the loss chart where it took effect (`loss-chart-change`), kept in the run's
//! checkpoint and saved record, and written into the settings, so the address bar's link trains
//! with the values the run ended with.

use leptos::prelude::*;

use super::state::{LabState, RunPhase};
use super::worker_link::send;
use replab_core::protocol::Request;
use replab_core::settings::Hyperparams;

#[component]
pub fn AdjustWhileTraining() -> impl IntoView {
    let state = expect_context::<LabState>();
    let training = move || matches!(state.run.get(), RunPhase::Training | RunPhase::Paused) && state.preset_running.with(Option::is_none);
    let variational = move || state.settings.with(|s| s.hp.model.is_variational());
    let lr = RwSignal::new(String::new());
    let beta = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    // The fields start from what the run trains with, and follow each change.
    Effect::new(move |_| {
        let hp = state.settings.with(|s| s.hp.clone());
        lr.set(hp.lr.to_string());
        beta.set(hp.beta.to_string());
    });
    let apply = move |_| {
        let hp = state.settings.with_untracked(|s| s.hp.clone());
        let parse = |text: String, name: &str| text.trim().parse::<f64>().map_err(|_| format!("{name}: \"{text}\" is not a number"));
        let values = parse(lr.get_untracked(), "learning rate").and_then(|lr| Ok((lr, parse(beta.get_untracked(), "β")?)));
        let (lr, beta) = match values {
            Ok(v) => v,
            Err(e) => return problem.set(Some(e)),
        };
        let problems = Hyperparams { lr, beta, ..hp }.problems();
        if !problems.is_empty() {
            return problem.set(Some(problems.join("; ")));
        }
        problem.set(None);
        send(Request::Adjust { lr, beta });
    };
    view! {
        <Show when=training>
            <form class="adjust" data-testid="adjust" aria-label="Change while training" on:submit=move |ev| { ev.prevent_default(); apply(()); }>
                <label>
                    "learning rate "
                    <input data-testid="adjust-lr" inputmode="decimal" size="8" prop:value=move || lr.get() on:input=move |ev| lr.set(event_target_value(&ev))/>
                </label>
                <Show when=variational>
                    <label>
                        "β "
                        <input data-testid="adjust-beta" inputmode="decimal" size="5" prop:value=move || beta.get() on:input=move |ev| beta.set(event_target_value(&ev))/>
                    </label>
                </Show>
                <button type="submit" data-testid="adjust-apply">"Change from the next step"</button>
                {move || problem.get().map(|p| view! { <p class="hint error-text" role="alert" data-testid="adjust-problem">{p}</p> })}
            </form>
        </Show>
    }
}
