//! The settings form and the run buttons.

use leptos::prelude::*;

use super::file_drop::FilePicker;
use super::full_data::{FullData, FullDatasets};
use super::runs::RunsState;
use super::state::{LabState, RunPhase};
use super::worker_link::send;
use replab_core::data::DatasetId;
use replab_core::protocol::Request;
use replab_core::settings::{self, ContrastiveLoss, Field, ModelKind};

/// The form's facts about the setting of a URL key (label, step): a line of the settings table.
fn field(key: &'static str) -> &'static Field {
    settings::field(key).unwrap_or_else(|| panic!("{key} is not a key of the settings table"))
}

/// One numeric setting (`key` as in the URL), committed on change; its label and step come
/// from the settings table ([`settings::FIELDS`]).
#[component]
fn NumberField(
    /// The URL key of the setting (`hidden`, `k`, `lr`, …).
    key: &'static str,
    testid: &'static str,
    /// A label other than the table's (one that changes with the model).
    #[prop(optional, into)]
    label: Option<Signal<&'static str>>,
    /// Greyed out (the setting does not apply to the chosen model).
    #[prop(optional, into)]
    inactive: Signal<bool>,
) -> impl IntoView {
    let state = expect_context::<LabState>();
    let field = field(key);
    let label = label.unwrap_or_else(|| Signal::stored(field.label));
    let commit = move |ev| {
        let value = event_target_value(&ev);
        let mut result = Ok(());
        state.settings.update(|s| result = s.set(key, &value));
        if let Err(message) = result {
            state.error.set(Some(format!("{}: {message}", label.get_untracked())));
        }
    };
    view! {
        <label class="field">
            <span>{label}</span>
            <input
                type="number"
                data-testid=testid
                step=field.step
                prop:value=move || state.settings.with(|s| s.get(key))
                prop:disabled=move || state.busy() || inactive.get()
                on:change=commit
            />
        </label>
    }
}

#[component]
fn DatasetSelect() -> impl IntoView {
    let state = expect_context::<LabState>();
    let full = expect_context::<FullData>();
    let choose = move |ev| {
        let Some(id) = DatasetId::from_key(&event_target_value(&ev)) else { return };
        state.settings.update(|s| s.dataset = id);
        full.load(state, id);
    };
    view! {
        <label class="field">
            <span>"Dataset"</span>
            <select
                data-testid="dataset-select"
                on:change=choose
                prop:disabled=move || state.busy()
                prop:value=move || state.settings.with(|s| s.dataset.key())
            >
                {DatasetId::SHIPPED
                    .iter()
                    .map(|id| view! { <option value=id.key()>{id.title()}</option> })
                    .collect_view()}
            </select>
        </label>
        <p class="hint" data-testid="dataset-info">
            {move || match (state.loading.get(), state.data.get()) {
                (true, _) => "Loading data…".to_string(),
                (false, Some(d)) => format!("{}: {} training, {} test images", d.id.title(), d.train_len, d.test_len),
                (false, None) => "No data loaded".to_string(),
            }}
        </p>
    }
}

/// `model-select`: which network to train.
#[component]
fn ModelSelect() -> impl IntoView {
    let state = expect_context::<LabState>();
    view! {
        <label class="field">
            <span>{field("model").label}</span>
            <select
                data-testid="model-select"
                prop:disabled=move || state.busy()
                prop:value=move || state.settings.with(|s| s.hp.model.key())
                on:change=move |ev| {
                    if let Some(m) = ModelKind::from_key(&event_target_value(&ev)) {
                        state.settings.update(|s| {
                            s.hp.model = m;
                            suit_embedding_size(s);
                        });
                    }
                }
            >
                {ModelKind::ALL.iter().map(|m| view! { <option value=m.key()>{m.label()}</option> }).collect_view()}
            </select>
        </label>
    }
}

/// A choice among fixed values of one setting (`key` as in the URL), labelled as in the settings
/// table.
#[component]
fn KeySelect(
    key: &'static str,
    testid: &'static str,
    /// (value, text) of each option.
    options: &'static [(&'static str, &'static str)],
    /// Greyed out (the setting does not apply to the chosen model).
    #[prop(optional, into)]
    inactive: Signal<bool>,
) -> impl IntoView {
    let state = expect_context::<LabState>();
    view! {
        <label class="field">
            <span>{field(key).label}</span>
            <select
                data-testid=testid
                prop:disabled=move || state.busy() || inactive.get()
                prop:value=move || state.settings.with(|s| s.get(key))
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    state.settings.update(|s| {
                        let _ = s.set(key, &v);
                        if key == "closs" {
                            suit_embedding_size(s);
                        }
                    });
                }
            >
                {options.iter().map(|(value, text)| view! { <option value=*value>{*text}</option> }).collect_view()}
            </select>
        </label>
    }
}

/// A contrastive model's usual embedding size: 2-D for the margin loss (plotted directly, as
/// in the CIFAR-10 report), 128 for SimCLR (the MNIST report's 784-256-128). Only a size that
/// is the other loss's default is changed, so a size the user chose stays.
fn suit_embedding_size(s: &mut replab_core::settings::Settings) {
    use replab_core::settings::ContrastiveLoss;
    if !s.hp.model.is_contrastive() {
        return;
    }
    match s.hp.contrastive {
        ContrastiveLoss::Margin if s.hp.latent == 128 => s.hp.latent = 2,
        ContrastiveLoss::NtXent if s.hp.latent == 2 => s.hp.latent = 128,
        _ => {}
    }
}

/// Choosing another backend reloads the page with `?backend=` (a started GPU runtime cannot be
/// swapped in place).
#[component]
fn BackendSelect() -> impl IntoView {
    let state = expect_context::<LabState>();
    let reload = move |ev| {
        let v = event_target_value(&ev);
        state.settings.update(|s| {
            let _ = s.set("backend", &v);
        });
        super::url::write_location(&state.settings.get_untracked());
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    };
    view! {
        <label class="field">
            <span>"Backend"</span>
            <select
                data-testid="backend-select"
                prop:value=move || state.settings.with(|s| s.get("backend"))
                prop:disabled=move || state.busy()
                on:change=reload
            >
                <option value="auto">"Automatic"</option>
                <option value="webgpu">"WebGPU"</option>
                <option value="cpu">"CPU"</option>
                <option value="measure">"Time both, use the faster"</option>
            </select>
        </label>
    }
}

/// Dataset, model and optimiser settings.
/// Below this width the page is one column and the settings fold into a drawer.
const NARROW: &str = "(max-width: 760px)";

fn narrow_query() -> Option<web_sys::MediaQueryList> {
    web_sys::window()?.match_media(NARROW).ok().flatten()
}

/// The settings form in a drawer (`controls-drawer`): folded at first on a phone, its summary
/// (`controls-toggle`) saying what Train will train, so that the results are a thumb away; always
/// open on wider screens, where the summary is hidden.
#[component]
pub fn ControlsDrawer() -> impl IntoView {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    let state = expect_context::<LabState>();
    let query = narrow_query();
    let open = RwSignal::new(!query.as_ref().is_some_and(web_sys::MediaQueryList::matches));
    if let Some(query) = query {
        // Widening the window opens it: its summary, the only way to open it, is hidden there.
        let widened = Closure::<dyn FnMut(web_sys::MediaQueryListEvent)>::new(move |e: web_sys::MediaQueryListEvent| {
            if !e.matches() {
                open.set(true);
            }
        });
        let _ = query.add_event_listener_with_callback("change", widened.as_ref().unchecked_ref());
        // The page lives as long as its form.
        widened.forget();
    }
    let digest = move || {
        state.settings.with(|s| {
            let mut parts = vec![s.dataset.title().to_string(), s.hp.model.label().to_string()];
            if !s.hp.model.is_classifier() {
                parts.push(format!("k {}", s.hp.latent));
            }
            parts.push(format!("{} epoch{}", s.hp.epochs, if s.hp.epochs == 1 { "" } else { "s" }));
            parts.push(format!("batch {}", s.hp.batch));
            parts.join(" · ")
        })
    };
    let toggled = move |ev: leptos::ev::Event| {
        if let Some(details) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
            open.set(details.open());
        }
    };
    view! {
        <details class="controls-drawer" data-testid="controls-drawer" prop:open=move || open.get() on:toggle=toggled>
            <summary data-testid="controls-toggle">
                <span class="drawer-title">"Settings"</span>
                <span class="drawer-digest" data-testid="controls-digest">{digest}</span>
            </summary>
            <Controls/>
        </details>
    }
}

#[component]
pub fn Controls() -> impl IntoView {
    let state = expect_context::<LabState>();
    let model = move || state.settings.with(|s| s.hp.model);
    view! {
        <h2>"Data"</h2>
        <DatasetSelect/>
        <FullDatasets/>
        <FilePicker/>
        <h2>"Model"</h2>
        <ModelSelect/>
        <NumberField key="hidden" testid="hp-hidden" inactive=Signal::derive(move || !model().is_mlp())/>
        <NumberField key="conv_hidden" testid="hp-conv-hidden" inactive=Signal::derive(move || !model().is_conv())/>
        <NumberField
            key="k"
            label=Signal::derive(move || if model().is_contrastive() { "Embedding size" } else { field("k").label })
            testid="hp-latent"
            inactive=Signal::derive(move || model().is_classifier())
        />
        <Show
            when=move || model().is_contrastive()
            fallback=move || view! {
                <KeySelect
                    key="loss"
                    testid="hp-loss"
                    options=&[("mse", "MSE (squared error)"), ("l1", "L1 (absolute error)")]
                    inactive=Signal::derive(move || model().is_classifier())
                />
            }
        >
            <KeySelect
                key="closs"
                testid="contrastive-loss-select"
                options=&[("margin", "Margin (labelled pairs)"), ("ntxent", "NT-Xent (SimCLR, no labels)")]
            />
            <Show
                when=move || state.settings.with(|s| s.hp.contrastive == ContrastiveLoss::Margin)
                fallback=|| view! { <NumberField key="tau" testid="hp-temperature"/> }
            >
                <NumberField key="margin" testid="hp-margin"/>
            </Show>
        </Show>
        <Show when=move || model().is_variational()>
            <NumberField key="beta" testid="hp-beta"/>
        </Show>
        <NumberField
            key="dropout"
            testid="hp-dropout"
            inactive=Signal::derive(move || !(model().is_mlp() || model() == ModelKind::ConvAe || model() == ModelKind::ConvVae))
        />
        <Show when=move || model() == ModelKind::TiedMlpAe || model() == ModelKind::MlpAe>
            <KeySelect
                key="out"
                testid="hp-output"
                options=&[("sigmoid", "Sigmoid (0–1)"), ("linear", "None (linear)")]
            />
        </Show>
        <Show when=move || model() == ModelKind::Svm>
            <NumberField key="c" testid="hp-svm-c"/>
        </Show>
        <h2>"Training"</h2>
        <KeySelect key="opt" testid="hp-optimizer" options=&[("adam", "Adam"), ("sgd", "SGD")]/>
        <NumberField key="lr" testid="hp-lr"/>
        <Show when=move || state.settings.with(|s| s.hp.optimizer == replab_core::settings::OptimizerKind::Sgd)>
            <NumberField key="momentum" testid="hp-momentum"/>
        </Show>
        <NumberField key="wd" testid="hp-weight-decay"/>
        <NumberField key="batch" testid="hp-batch"/>
        <NumberField key="epochs" testid="hp-epochs"/>
        <NumberField key="seed" testid="hp-seed"/>
        <BackendSelect/>
    }
}

/// Whether Train can start now: the worker listens, the data is loaded, nothing runs. Reactive.
pub fn can_train(state: LabState) -> bool {
    state.worker_ready.get() && state.data.with(Option::is_some) && !state.loading.get() && !state.busy()
}

/// Start training with the current settings (Train, or a link's `&autorun=1`); settings out of
/// range are refused with a message.
pub fn start_training(state: LabState, runs: RunsState) {
    let settings = state.settings.get_untracked();
    let problems = settings.hp.problems();
    if !problems.is_empty() {
        state.error.set(Some(format!("Not started: {}.", problems.join("; "))));
        return;
    }
    state.error.set(None);
    state.set_aside_run();
    state.trained_with.set(Some(settings.hp.clone()));
    // Once the worker accepts it, a new run replaces the unfinished one a last visit may have
    // left (a refused start keeps that one).
    runs.replaces_checkpoint.set_value(true);
    state.run.set(RunPhase::Starting);
    send(Request::Train { hp: settings.hp });
}

/// Train, Pause/Resume, Stop, Reset.
#[component]
pub fn TrainButtons() -> impl IntoView {
    let state = expect_context::<LabState>();
    let runs = expect_context::<RunsState>();
    let start = move |_| start_training(state, runs);
    let pause = move |_| match state.run.get_untracked() {
        RunPhase::Paused => send(Request::Resume),
        _ => send(Request::Pause),
    };
    let can_start = move || can_train(state);
    let running = move || matches!(state.run.get(), RunPhase::Training | RunPhase::Paused);
    view! {
        <div class="buttons">
            <button class="primary" data-testid="train-start" prop:disabled=move || !can_start() on:click=start>
                "Train"
            </button>
            <button data-testid="train-pause" prop:disabled=move || !running() on:click=pause>
                {move || if state.run.get() == RunPhase::Paused { "Resume" } else { "Pause" }}
            </button>
            <button data-testid="train-stop" prop:disabled=move || !running() on:click=move |_| send(Request::Stop)>
                "Stop"
            </button>
            <button
                data-testid="train-reset"
                prop:disabled=move || state.busy() || state.run.get() == RunPhase::NoModel
                on:click=move |_| send(Request::Reset)
            >
                "Reset"
            </button>
        </div>
    }
}
