//! The scatter's legend: one toggle per class (`data-class`), with its colour and count.

use leptos::prelude::*;

use super::palette::class_colour;
use super::state::EmbeddingState;
use crate::ui::state::LabState;

#[component]
pub fn ScatterLegend() -> impl IntoView {
    let state = expect_context::<LabState>();
    let embedding = expect_context::<EmbeddingState>();
    // Class counts of the current scatter's points.
    let counts = Memo::new(move |_| {
        embedding.scatter.with(|s| {
            let mut counts = vec![0usize; 0];
            for &l in s.iter().flat_map(|s| &s.labels) {
                if counts.len() <= usize::from(l) {
                    counts.resize(usize::from(l) + 1, 0);
                }
                counts[usize::from(l)] += 1;
            }
            counts
        })
    });
    let names = move || state.data.with(|d| d.map(|d| d.id.class_names()));
    let entries = move || {
        counts
            .get()
            .into_iter()
            .enumerate()
            .filter(|(_, n)| *n > 0)
            .map(|(class, n)| {
                let class = class as u8;
                let name = names().and_then(|n| n.get(usize::from(class)).map(|s| s.to_string())).unwrap_or_else(|| class.to_string());
                let shown = move || !embedding.hidden.with(|h| h.contains(&class));
                let toggle = move |_| {
                    embedding.hidden.update(|h| {
                        if !h.remove(&class) {
                            h.insert(class);
                        }
                    })
                };
                view! {
                    <button
                        class="legend-entry"
                        class:off=move || !shown()
                        data-class=class
                        aria-pressed=move || shown().to_string()
                        title=format!("Show or hide {name}")
                        on:click=toggle
                    >
                        <span class="swatch" style=format!("background:{}", class_colour(class))></span>
                        {format!("{name} ({n})")}
                    </button>
                }
            })
            .collect_view()
    };
    let all = move |_| embedding.hidden.set(Default::default());
    view! {
        <div class="scatter-legend" data-testid="scatter-legend" role="group" aria-label="Classes (click to show or hide)">
            {entries}
            <button class="legend-all" on:click=all>"Show all"</button>
        </div>
    }
}
