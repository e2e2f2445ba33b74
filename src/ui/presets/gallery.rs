//! `preset-gallery`: a card per experiment (`preset-card-<id>`); the open one shows its
//! details, Run/Stop, progress and result.

use leptos::prelude::*;

use super::detail::PresetDetail;
use super::state::PresetState;
use replab_core::presets::presets as all_presets;
use replab_core::presets::verdict::tally;
use replab_core::presets::PresetResult;
use crate::ui::state::LabState;
use crate::ui::url;

#[component]
pub fn PresetGallery() -> impl IntoView {
    let state = expect_context::<LabState>();
    let presets = expect_context::<PresetState>();
    let open = move |id: &'static str| {
        presets.open.set(Some(id));
        url::set_preset(Some(id), &state.settings.get_untracked());
        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("preset-detail")) {
            crate::ui::jump::jump_to(el);
        }
    };
    let cards = all_presets()
        .into_iter()
        .map(|p| {
            let id = p.id;
            // The report's figures as a small table; once the card has run, the lab's beside them.
            let figures = move || {
                // Only the rows: a result also holds its pictures and scatters.
                let result = presets.results.with(|r| r.get(id).map(|r| r.rows.clone()));
                let rows = p
                    .reported
                    .iter()
                    .map(|rep| {
                        let row = result.as_ref().and_then(|rows| rows.iter().find(|row| row.metric == rep.metric).cloned());
                        let lab = result.as_ref().map(|_| {
                            let (text, verdict) = row.map_or(("–".to_string(), None), |row| (super::result_view::lab_cell(&row), row.verdict.map(|v| v.kind.key())));
                            view! { <td data-source="lab" class=verdict.map(|k| format!("verdict-{k}"))>{text}</td> }
                        });
                        view! {
                            <tr data-metric=rep.metric>
                                <th scope="row">{rep.label}</th>
                                <td data-source="reported">{rep.text}</td>
                                {lab}
                            </tr>
                        }
                    })
                    .collect_view();
                let lab_head = result.is_some().then(|| view! { <th scope="col">"lab"</th> });
                view! {
                    <table class="card-figures" data-testid=format!("card-figures-{id}")>
                        <thead><tr><th scope="col"><span class="visually-hidden">"figure"</span></th><th scope="col">"report"</th>{lab_head}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
            };
            view! {
                <article
                    class="preset-card"
                    class:open=move || presets.open.get() == Some(id)
                    class:done=move || !presets.is_running(id) && presets.results.with(|r| r.get(id).is_some_and(|r| r.finished_jobs > 0))
                    data-testid=format!("preset-card-{id}")
                >
                    <h3>{p.title}</h3>
                    <p class="question">{p.question}</p>
                    {figures}
                    {super::native_record::native_summary(id)}
                    // Running, it counts the verdicts of the models finished so far.
                    {move || {
                        let running = presets.is_running(id);
                        presets.results.with(|r| r.get(id).filter(|r| !running || r.finished_jobs > 0).map(verdict_summary))
                    }}
                    <button on:click=move |_| open(id)>"Open"</button>
                </article>
            }
        })
        .collect_view();
    view! {
        <section class="panel presets" aria-labelledby="presets-title">
            <h2 id="presets-title">"Experiments from the reports"</h2>
            <p class="hint">
                "Each card reproduces one experiment of the course reports, sized to finish in minutes in this tab; "
                "the reported figures are shown beside the lab's. A link with ?preset=<id> opens a card directly."
            </p>
            <div class="preset-gallery" data-testid="preset-gallery">{cards}</div>
            <div id="preset-detail">
                <PresetDetail/>
            </div>
        </section>
    }
}

/// "3 reproduced · 1 close · 1 far" for a card that has run (`verdict-summary`).
fn verdict_summary(result: &PresetResult) -> impl IntoView + use<> {
    let counts = tally(result.verdicts().map(|v| v.kind));
    let parts = super::native_record::count_chips(counts);
    let total: usize = counts.iter().sum();
    // A quick look's verdicts judge a run too short for the findings: said before them.
    let quick = result.is_quick_look();
    view! {
        <p class="verdict-summary" data-testid="verdict-summary" data-claims=total data-size=result.size.map(|s| s.key())>
            {(quick && total > 0).then(|| {
                let title = format!("A quick look, {}: too short for the report's findings. Run the default size for the card's verdicts.", super::quick_look(&result.id));
                view! { <span class="summary-mark quick-mark" title=title>"Quick look:"</span> }
            })}
            {(!quick && total > 0).then(|| view! { <span class="summary-mark">"In this browser:"</span> })}
            {match (total, result.finished_jobs >= result.total_jobs) {
                // E4's claims are judged beside E5's run, not on their own.
                (0, true) => "No claim this card judges alone".into_any(),
                (0, false) => "No claim measured yet".into_any(),
                _ => parts.into_any(),
            }}
        </p>
    }
}
