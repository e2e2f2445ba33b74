//! `runs-panel`: save the current run, the list of saved runs, storage used, the comparison.

use leptos::prelude::*;
use replab_core::thousands::thousands;

use super::compare::CompareCharts;
use super::model_file::ModelFileButtons;
use super::row::RunRow;
use replab_core::classroom::varied;
use replab_core::protocol::RunEnd;
use super::RunsState;
use crate::ui::state::RunPhase;

fn megabytes(bytes: f64) -> String {
    if bytes >= 1e9 { format!("{:.1} GB", bytes / 1e9) } else { format!("{:.1} MB", bytes / 1e6) }
}

#[component]
pub fn RunsPanel() -> impl IntoView {
    let runs = expect_context::<RunsState>();
    let state = runs.lab;
    runs.refresh();
    let can_save = move || {
        matches!(state.run.get(), RunPhase::Ended(ref end) if !matches!(end, RunEnd::Failed { .. })) && !state.busy() && !runs.working.get()
    };
    // What tells the saved runs apart, named in each row.
    let varied = Memo::new(move |_| runs.list.with(|l| varied(&l.iter().map(|r| &r.settings).collect::<Vec<_>>())));
    let compared = move || runs.list.with(|l| l.iter().filter(|r| runs.ticked.with(|t| t.contains(&r.id))).cloned().collect::<Vec<_>>());
    view! {
        <section class="panel runs" data-testid="runs-panel" aria-labelledby="runs-title">
            <div class="runs-head">
                <h2 id="runs-title">"My runs"</h2>
                <button data-testid="run-save" prop:disabled=move || !can_save() on:click=move |_| super::save_current(runs)>
                    {move || if runs.working.get() { "Saving…" } else { "Save this run" }}
                </button>
                <ModelFileButtons/>
                <span class="storage" data-testid="storage-usage">
                    {move || match runs.usage.get() {
                        Some((used, quota)) => format!("Storage: {} used of {}", megabytes(used), megabytes(quota)),
                        None => "Storage: unknown".into(),
                    }}
                    {move || match runs.persisted.get() {
                        Some(true) => " · kept until you delete it",
                        Some(false) => " · the browser may clear it when space runs low (it did not grant lasting storage)",
                        None => "",
                    }}
                </span>
            </div>
            {move || runs.checkpointed.get().filter(|_| state.run.with(RunPhase::is_active)).map(|(epoch, step)| view! {
                <p class="hint" data-testid="checkpoint-status" data-epoch=epoch data-step=step>
                    {format!("The run in training is kept in this browser as it goes (last checkpoint: epoch {epoch}, step {}): a reload or a closed tab offers to resume it.", thousands(step))}
                </p>
            })}
            <super::replaced::ReplacedRun/>
            <ul class="run-list">
                {move || runs.unreadable.get().into_iter().map(|id| {
                    let delete_id = id.clone();
                    view! {
                        <li class="run-row unreadable" data-testid="run-unreadable" data-run-id=id.clone()>
                            <div class="run-text">
                                <strong class="run-name">"A saved run that no longer reads"</strong>
                                <span class="run-details">{format!("Stored as {id}: damaged, or saved by another version of the lab. Deleting it frees its space.")}</span>
                            </div>
                            <div class="run-actions">
                                <button data-testid="run-delete" class="danger" on:click=move |_| super::delete(runs, delete_id.clone())>"Delete"</button>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <Show
                when=move || runs.list.with(|l| !l.is_empty())
                fallback=|| view! { <p class="hint">"Finished runs you save are kept in this browser, with their weights and curves."</p> }
            >
                <ul class="run-list">
                    <For each=move || runs.list.get() key=|r| (r.id.clone(), r.name.clone()) let:run>
                        <RunRow run=run varied=varied/>
                    </For>
                </ul>
                <button
                    data-testid="runs-compare"
                    prop:disabled=move || runs.ticked.with(Vec::is_empty)
                    on:click=move |_| runs.comparing.update(|c| *c = !*c)
                >
                    {move || if runs.comparing.get() { "Hide comparison" } else { "Compare ticked runs" }}
                </button>
                <Show when=move || runs.comparing.get() && runs.ticked.with(|t| !t.is_empty())>
                    {move || view! { <CompareCharts runs=compared()/> }}
                </Show>
            </Show>
        </section>
    }
}
