//! `preset-gallery`: a card per experiment (`preset-card-<id>`); the open one shows its
//! details, Run/Stop, progress and result.

use leptos::prelude::*;

use super::detail::PresetDetail;
use super::state::PresetState;
use replab_core::presets::presets as all_presets;
use replab_core::presets::verdict::tally;
use replab_core::presets::{PresetResult, VerdictKind};
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
            el.scroll_into_view();
        }
    };
    let cards = all_presets()
        .into_iter()
        .map(|p| {
            let id = p.id;
            let reported = p.reported.iter().map(|r| format!("{}: {}", r.label, r.text)).collect::<Vec<_>>().join(" · ");
            view! {
                <article
                    class="preset-card"
                    class:open=move || presets.open.get() == Some(id)
                    class:done=move || presets.results.with(|r| r.contains_key(id))
                    data-testid=format!("preset-card-{id}")
                >
                    <h3>{p.title}</h3>
                    <p class="question">{p.question}</p>
                    <p class="reported-line">"Reported: " {reported}</p>
                    {move || presets.results.with(|r| r.get(id).map(verdict_summary))}
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
    let parts = VerdictKind::ALL
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(kind, n)| view! { <span class=format!("verdict verdict-{}", kind.key()) data-verdict=kind.key()>{format!("{n} {}", kind.key())}</span> })
        .collect_view();
    let total: usize = counts.iter().sum();
    view! {
        <p class="verdict-summary" data-testid="verdict-summary" data-claims=total>
            {if total == 0 { "No claim measured yet".into_any() } else { parts.into_any() }}
        </p>
    }
}
