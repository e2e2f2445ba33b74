//! The open preset: what it asks and how, its size, Run and Stop, progress over the whole
//! preset, and the result.

use leptos::prelude::*;

use super::native_record::NativeRecord;
use super::result_view::ResultView;
use super::state::PresetState;
use replab_core::presets::{PresetSize, experiment, preset};
use replab_core::protocol::Request;
use replab_core::search::Sampler;
use crate::ui::state::LabState;
use crate::ui::worker_link::send;

fn size_label(size: PresetSize, id: &str) -> String {
    match size {
        PresetSize::Quick => format!("Quick look ({})", super::quick_look(id)),
        PresetSize::Default => "Default (the shipped subset, minutes)".into(),
        PresetSize::Full => "Full scale (the report's epochs; on your own full dataset once loaded)".into(),
    }
}

/// Whether a preset can start now (the worker listens, no data is loading, nothing runs). Reactive.
pub fn can_run_preset(state: LabState, presets: PresetState) -> bool {
    state.worker_ready.get() && !state.loading.get() && !state.busy() && presets.running.with(Option::is_none)
}

/// Run preset `id` at the chosen size with the settings' seed (Run, or a link's `&autorun=1`).
pub fn run_preset(state: LabState, presets: PresetState, id: &'static str) {
    state.error.set(None);
    presets.running.set(Some(id.to_string()));
    presets.progress.set(None);
    send(Request::RunPreset {
        id: id.into(),
        size: presets.size.get_untracked(),
        sampler: presets.sampler.get_untracked(),
        seed: state.settings.with_untracked(|s| s.hp.seed),
    });
}

#[component]
pub fn PresetDetail() -> impl IntoView {
    let state = expect_context::<LabState>();
    let presets = expect_context::<PresetState>();
    let body = move || {
        let p = preset(presets.open.get()?)?;
        let id = p.id;
        // A hyper-parameter search lets the user pick its sampler.
        let searches = experiment(id).is_some_and(|e| e.search(PresetSize::Default).is_some());
        let running_this = move || presets.is_running(id);
        let can_run = move || can_run_preset(state, presets);
        let run = move |_| run_preset(state, presets, id);
        let sizes = PresetSize::ALL
            .into_iter()
            .map(|s| view! { <option value=s.key() selected=move || presets.size.get() == s>{size_label(s, id)}</option> })
            .collect_view();
        let progress = move || {
            presets.progress.get().filter(|p| p.id == id).map(|p| {
                let loss = p.loss.map(|l| format!(", loss {l:.5}")).unwrap_or_default();
                view! {
                    <div class="preset-progress">
                        <progress data-testid="preset-progress" max=p.total_steps.max(1) value=p.step></progress>
                        <span>{format!("model {} of {} ({}): step {} of {}{loss}", p.job + 1, p.jobs, p.label, p.step, p.total_steps)}</span>
                    </div>
                }
            })
        };
        Some(view! {
            <article class="preset-detail" data-preset=id>
                <h3>{p.title}</h3>
                <p class="question">{p.question}</p>
                <dl>
                    <dt>"Setup"</dt>
                    <dd>{p.setup}</dd>
                    <dt>"Source"</dt>
                    <dd>{p.source}</dd>
                    <dt>"What differs here"</dt>
                    <dd>{p.differences}</dd>
                </dl>
                <NativeRecord id=id/>
                <div class="preset-actions">
                    <label class="field">
                        <span>"Size"</span>
                        <select
                            data-testid="preset-size"
                            prop:disabled=move || presets.running.with(Option::is_some)
                            on:change=move |ev| {
                                if let Some(s) = PresetSize::from_key(&event_target_value(&ev)) {
                                    presets.size.set(s);
                                }
                            }
                        >
                            {sizes}
                        </select>
                    </label>
                    {searches.then(|| view! {
                        <label class="field">
                            <span>"Sampler"</span>
                            <select
                                data-testid="preset-sampler"
                                on:change=move |ev| {
                                    if let Some(s) = Sampler::from_key(&event_target_value(&ev)) {
                                        presets.sampler.set(s);
                                    }
                                }
                            >
                                <option value="tpe" selected=move || presets.sampler.get() == Sampler::Tpe>"TPE (learns from earlier trials)"</option>
                                <option value="random" selected=move || presets.sampler.get() == Sampler::Random>"Random search"</option>
                            </select>
                        </label>
                    })}
                    <button class="primary" data-testid="preset-run" prop:disabled=move || !can_run() on:click=run>
                        "Run"
                    </button>
                    <button data-testid="preset-stop" prop:disabled=move || !running_this() on:click=move |_| send(Request::Stop)>
                        "Stop (keep what finished)"
                    </button>
                </div>
                {progress}
                <ResultView id=id/>
            </article>
        })
    };
    view! { {body} }
}
