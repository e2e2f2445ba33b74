//! E2's trials: a table sortable by any column, the best highlighted, and "use best", which
//! loads the best trial's configuration into the settings form.

use leptos::prelude::*;

use replab_core::data::DatasetId;
use replab_core::presets::SearchSummary;
use replab_core::search::{Param, Trial, TrialState, Value};
use replab_core::settings::{ModelKind, OptimizerKind};
use crate::ui::state::LabState;

/// The column the table is sorted by: a parameter, or the trial's loss / number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Number,
    Param(usize),
    Loss,
}

/// A trial's value in `column`, for sorting (unfinished losses sort last).
fn key(trial: &Trial, column: Column) -> f64 {
    match column {
        Column::Number => trial.number as f64,
        Column::Param(i) => trial.values.get(i).map_or(f64::NAN, Value::as_f64),
        Column::Loss => trial.value().unwrap_or(f64::INFINITY),
    }
}

fn state_text(state: &TrialState) -> String {
    match state {
        TrialState::Running => "running".into(),
        TrialState::Complete { .. } => "complete".into(),
        TrialState::Pruned { at_epoch } => format!("pruned after epoch {}", at_epoch + 1),
        TrialState::Failed { reason } => format!("failed: {reason}"),
    }
}

#[component]
pub fn SearchView(summary: SearchSummary) -> impl IntoView {
    let state = expect_context::<LabState>();
    let sort = RwSignal::new((Column::Loss, true));
    let params: Vec<Param> = summary.space.params.clone();
    let header = {
        let mut columns = vec![(Column::Number, "trial".to_string())];
        columns.extend(params.iter().enumerate().map(|(i, p)| (Column::Param(i), p.name().to_string())));
        columns.push((Column::Loss, "validation MSE".into()));
        columns
            .into_iter()
            .map(|(column, name)| {
                let click = move |_| sort.update(|(c, up)| if *c == column { *up = !*up } else { *c = column; *up = true });
                let order = move || match sort.get() {
                    (c, true) if c == column => "ascending",
                    (c, false) if c == column => "descending",
                    _ => "none",
                };
                let mark = move || match order() {
                    "ascending" => " ▲",
                    "descending" => " ▼",
                    _ => "",
                };
                view! { <th aria-sort=order><button class="sort" on:click=click>{name} {mark}</button></th> }
            })
            .collect_view()
    };
    let trials = summary.trials.clone();
    let best = summary.best;
    let rows = move || {
        let (column, up) = sort.get();
        let mut sorted = trials.clone();
        sorted.sort_by(|a, b| {
            let order = key(a, column).total_cmp(&key(b, column));
            if up { order } else { order.reverse() }
        });
        sorted
            .into_iter()
            .map(|t| {
                let cells = t.values.iter().zip(&params).map(|(v, p)| view! { <td>{p.format(v)}</td> }).collect_view();
                let loss = t.value().map_or_else(|| "–".into(), |v| format!("{v:.5}"));
                view! {
                    <tr class:best=Some(t.number) == best data-trial=t.number title=state_text(&t.state)>
                        <td>{t.number}</td>
                        {cells}
                        <td>{loss}</td>
                        <td>{state_text(&t.state)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let best_trial = summary.best.and_then(|n| summary.trials.iter().find(|t| t.number == n).cloned());
    let space = summary.space.clone();
    let use_best = move |_| {
        let Some(t) = &best_trial else { return };
        let number = |name: &str| space.get(&t.values, name).map(Value::as_f64);
        state.settings.update(|s| {
            s.dataset = DatasetId::FashionMnist;
            s.hp.model = ModelKind::ConvAe;
            s.hp.batch = 256;
            if let Some(d) = number("d") {
                s.hp.latent = d as usize;
            }
            s.hp.dropout = number("dropout").unwrap_or(0.0);
            s.hp.weight_decay = number("weight_decay").unwrap_or(0.0);
            s.hp.lr = number("lr").unwrap_or(s.hp.lr);
            s.hp.optimizer = if space.choice_of(&t.values, "optimiser") == Some("sgd") { OptimizerKind::Sgd } else { OptimizerKind::Adam };
        });
        crate::ui::worker_link::send(replab_core::protocol::Request::LoadDataset { id: DatasetId::FashionMnist });
    };
    view! {
        <table class="preset-table trials" data-testid="preset-trials">
            <caption>{format!("Trials ({} sampler); click a heading to sort", summary.sampler.key())}</caption>
            <thead>
                <tr>{header}<th>"state"</th></tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <button data-testid="preset-use-best" prop:disabled=summary.best.is_none() on:click=use_best>
            "Use the best configuration (fills the training form)"
        </button>
    }
}
