//! One saved run in the list (`run-row`, `data-run-id`): tick to compare, rename in place,
//! load, share its result (a link for the class table), delete.

use leptos::prelude::*;

use super::SavedRun;
use super::RunsState;
use crate::ui::classroom::ShareResult;
use replab_core::classroom::Varied;

fn size(bytes: usize) -> String {
    if bytes >= 1 << 20 { format!("{:.1} MB", bytes as f64 / 1048576.0) } else { format!("{} kB", bytes.div_ceil(1024)) }
}

/// The settings every row names ([`details`]); the others are named where saved runs differ in them.
const ALWAYS_SHOWN: [&str; 6] = ["dataset", "model", "k", "lr", "batch", "epochs"];

/// "MNIST digits · MLP autoencoder · k 128 · lr 0.001 · batch 128 · 5 epochs · hidden width 64 ·
/// CPU · 41 s · 203 kB": the settings every row names, then `varied` (the others that the saved
/// runs differ in, so that two runs of one model with another hidden width read apart).
fn details(run: &SavedRun, varied: &[Varied]) -> String {
    let hp = &run.settings.hp;
    let epochs = if hp.epochs == 1 { "1 epoch".to_string() } else { format!("{} epochs", hp.epochs) };
    let mut out = format!("{} · {} · k {} · lr {} · batch {} · {epochs}", run.settings.dataset.title(), hp.model.label(), hp.latent, hp.lr, hp.batch);
    for v in varied.iter().filter(|v| !ALWAYS_SHOWN.contains(&v.key)) {
        out.push_str(&format!(" · {}", v.describe(&run.settings)));
    }
    if !run.backend.is_empty() {
        out.push_str(&format!(" · {}", run.backend));
    }
    if let Some(s) = run.seconds {
        out.push_str(&format!(" · {s:.0} s"));
    }
    out.push_str(&format!(" · {}", size(run.bytes)));
    out
}

/// A saved run's row. `run`: the record shown; `varied`: the settings the saved runs differ in.
#[component]
pub fn RunRow(run: SavedRun, varied: Memo<Vec<Varied>>) -> impl IntoView {
    let runs = expect_context::<RunsState>();
    let state = runs.lab;
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(run.name.clone());
    let id = run.id.clone();
    let ticked = {
        let id = id.clone();
        move || runs.ticked.with(|t| t.contains(&id))
    };
    let toggle = {
        let id = id.clone();
        move |_| runs.ticked.update(|t| if let Some(i) = t.iter().position(|x| *x == id) { t.remove(i); } else { t.push(id.clone()); })
    };
    let commit = {
        let run = run.clone();
        move || {
            editing.set(false);
            super::rename(runs, run.clone(), draft.get_untracked());
        }
    };
    let (load_run, delete_id, share_result) = (run.clone(), id.clone(), run.result());
    let name = run.name.clone();
    view! {
        <li class="run-row" data-testid="run-row" data-run-id=id.clone()>
            <input type="checkbox" aria-label="Compare this run" prop:checked=ticked on:change=toggle/>
            <div class="run-text">
                <Show
                    when=move || editing.get()
                    fallback={
                        let name = name.clone();
                        move || view! { <strong class="run-name">{name.clone()}</strong> }
                    }
                >
                    {
                        let commit = commit.clone();
                        let commit_key = commit.clone();
                        view! {
                            <input
                                class="run-name-input"
                                data-testid="run-name-input"
                                prop:value=move || draft.get()
                                on:input=move |e| draft.set(event_target_value(&e))
                                on:keydown=move |e| match e.key().as_str() {
                                    "Enter" => commit_key(),
                                    "Escape" => editing.set(false),
                                    _ => {}
                                }
                                on:blur=move |_| commit()
                            />
                        }
                    }
                </Show>
                <span class="run-summary">{run.summary()}</span>
                <span class="run-details">
                    {
                        let run = run.clone();
                        move || varied.with(|v| format!("{} · ", details(&run, v)))
                    }
                    <span class="nowrap">{run.date()}</span>
                </span>
            </div>
            <div class="run-actions">
                <button data-testid="run-load" prop:disabled=move || state.busy() || runs.working.get() || state.loading.get() on:click=move |_| super::load(runs, load_run.clone())>"Load"</button>
                <button data-testid="run-rename" on:click=move |_| editing.set(true)>"Rename"</button>
                <ShareResult result=share_result/>
                <button data-testid="run-delete" class="danger" on:click=move |_| super::delete(runs, delete_id.clone())>"Delete"</button>
            </div>
        </li>
    }
}
