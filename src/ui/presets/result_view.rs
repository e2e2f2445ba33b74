//! A preset's result: the charts and figures first, then the table of the lab's figures beside
//! the reported ones with a verdict per claim, image galleries, parameter counts, notes, and
//! CSV/PNG downloads.

use leptos::prelude::*;

use super::chart::PresetChart;
use super::download::{download_csv, download_png};
use super::figures::{ConfusionFigures, ScatterFigure};
use super::search_view::SearchView;
use super::state::PresetState;
use super::native_record::full_size_line;
use replab_core::presets::{PresetResult, ResultRow, VerdictKind};
use replab_core::thousands::thousands;
use crate::ui::image_grid::StripImage;
use crate::ui::when::local_date_time;

pub(super) fn lab_cell(row: &ResultRow) -> String {
    match (row.lab, row.lab_spread) {
        (Some(v), Some(sd)) if v.is_finite() => format!("{} ± {}", row.unit.format(v), row.unit.format(sd)),
        _ if row.lab_text.is_some() => row.lab_text.clone().unwrap_or_default(),
        (Some(v), _) => row.unit.format(v),
        (None, _) => "–".into(),
    }
}

/// The lab's figures beside the reported ones; a verdict short of "reproduced" says what the
/// full dataset gave natively for the same claim.
fn table(id: &str, result: &PresetResult) -> impl IntoView + use<> {
    let rows = result
        .rows
        .iter()
        .map(|row| {
            let verdict = row.verdict.clone().map(|v| {
                let key = v.kind.key();
                let full = (v.kind != VerdictKind::Reproduced)
                    .then(|| full_size_line(id, &row.metric))
                    .flatten()
                    .map(|line| view! { <span class="verdict-why" data-testid="verdict-full">{line}</span> });
                view! {
                    <span class=format!("verdict verdict-{key}") data-testid="verdict" data-verdict=key title=v.why.clone()>
                        {key}
                    </span>
                    <span class="verdict-why">{v.why}</span>
                    {full}
                }
            });
            view! {
                <tr data-metric=row.metric.clone()>
                    <th scope="row">{row.label.clone()}</th>
                    <td data-source="lab">{lab_cell(row)}</td>
                    <td data-source="reported">{row.reported.clone()}</td>
                    <td data-source="verdict">{verdict}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="preset-table" data-testid="preset-result-table" tabindex="0" aria-label="The report's claims, the lab's figures and the verdicts">
            <thead>
                <tr>
                    <th>"metric"</th>
                    <th>"this lab"</th>
                    <th>"reported"</th>
                    <th>"verdict"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

fn galleries(result: &PresetResult) -> impl IntoView + use<> {
    result
        .galleries
        .iter()
        .map(|g| {
            let images = (0..g.images.count)
                .map(|i| view! { <StripImage strip=g.images.clone() index=i role="preset image"/> })
                .collect_view();
            view! {
                <figure class="preset-gallery-images">
                    <figcaption>{g.caption.clone()}</figcaption>
                    <div class="image-grid" style=format!("grid-template-columns: repeat({}, minmax(0, 48px))", g.columns.max(1))>
                        {images}
                    </div>
                </figure>
            }
        })
        .collect_view()
}

#[component]
pub fn ResultView(id: &'static str) -> impl IntoView {
    let presets = expect_context::<PresetState>();
    let result = move || presets.results.with(|r| r.get(id).cloned());
    move || {
        result().map(|r| {
            // While it runs, the result fills in model by model; after Stop, it keeps what finished.
            let partial = (r.finished_jobs < r.total_jobs).then(|| {
                if presets.is_running(id) {
                    format!("{} of {} models finished so far: the charts and the table fill in as each one finishes.", r.finished_jobs, r.total_jobs)
                } else {
                    format!("{} of {} models finished (stopped early): the table shows those.", r.finished_jobs, r.total_jobs)
                }
            });
            let kept = presets.kept_since.with(|k| k.get(id).copied()).map(|at| {
                let when = local_date_time(at);
                view! { <p class="hint" data-testid="preset-result-kept">{format!("Kept in this browser from a run that finished {when}. Run it again to replace it.")}</p> }
            });
            let params = r
                .params
                .iter()
                .map(|(name, n)| view! { <li data-testid="param-count" data-model=name.clone()>{format!("{name}: {} parameters", thousands(*n))}</li> })
                .collect_view();
            let notes = r.notes.iter().map(|n| view! { <p class="note">{n.clone()}</p> }).collect_view();
            let csv = r.csv();
            let charts = r.charts.iter().filter(|c| c.has_data()).map(|c| view! { <PresetChart chart=c.clone()/> }).collect_view();
            let confusions = (!r.confusions.is_empty()).then(|| view! { <ConfusionFigures figures=r.confusions.clone()/> });
            let scatters = r.scatters.iter().map(|s| view! { <ScatterFigure scatter=s.clone()/> }).collect_view();
            let search = r.search.clone();
            view! {
                <div class="preset-result">
                    {kept}
                    {partial.map(|p| view! { <p class="hint">{p}</p> })}
                    {r.is_quick_look().then(|| view! {
                        <p class="note quick-note" data-testid="preset-quick-note" role="note">
                            {format!(
                                "A quick look: {}, to see the experiment run in seconds. That is too short for the report's findings, so the verdicts below judge this short run, not the experiment. Run the default size for the card's lesson; its verdicts over three seeds are under “Measured natively” above.",
                                super::quick_look(id)
                            )}
                        </p>
                    })}
                    // Pictures first, the numbers beneath.
                    <div class="preset-charts">{charts}</div>
                    {confusions}
                    <div class="preset-scatters">{scatters}</div>
                    {table(id, &r)}
                    {notes}
                    <details class="param-counts" open=r.params.len() <= 4>
                        <summary>"Parameters"</summary>
                        <ul>{params}</ul>
                    </details>
                    {search.map(|s| view! { <SearchView summary=s/> })}
                    {galleries(&r)}
                    <div class="preset-actions">
                        <button data-testid="preset-download-csv" on:click=move |_| download_csv(&format!("{id}.csv"), &csv)>
                            "Download the table (CSV)"
                        </button>
                        <button data-testid="preset-download-png" on:click=move |_| download_png(&format!("{id}.png"))>
                            "Download the chart (PNG)"
                        </button>
                    </div>
                </div>
            }
        })
    }
}
