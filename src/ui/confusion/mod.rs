//! A classifier's test results: the confusion matrix as a heat map (counts, colour by row
//! share), the misclassified test images of a clicked cell, and per-class precision, recall
//! and F1.

use leptos::prelude::*;

use crate::lab::analysis::Confusion;
use crate::lab::protocol::{Event, Request};
use crate::ui::embedding::EmbeddingState;
use crate::ui::explore::LiveCanvas;
use crate::ui::state::LabState;
use crate::ui::worker_link::send;

/// Misclassified images shown for a cell.
const EXAMPLES: usize = 12;

#[derive(Clone, Copy)]
pub struct ConfusionState {
    /// The last classifier run's matrix, its test predictions and the true labels.
    pub result: RwSignal<Option<(Confusion, Vec<u8>, Vec<u8>)>>,
    /// The clicked cell (true, predicted).
    pub cell: RwSignal<Option<(usize, usize)>>,
}

impl ConfusionState {
    pub fn new() -> Self {
        Self { result: RwSignal::new(None), cell: RwSignal::new(None) }
    }

    pub fn clear(&self) {
        self.result.set(None);
        self.cell.set(None);
    }

    pub fn apply(&self, event: Event) {
        if let Event::Confusion { confusion, predictions, labels } = event {
            self.cell.set(None);
            self.result.set(Some((confusion, predictions, labels)));
        }
    }
}

/// Test indices whose true class is `truth` and prediction `predicted`.
fn examples(labels: &[u8], predictions: &[u8], (truth, predicted): (usize, usize)) -> Vec<usize> {
    labels
        .iter()
        .zip(predictions)
        .enumerate()
        .filter(|(_, (t, p))| usize::from(**t) == truth && usize::from(**p) == predicted)
        .map(|(i, _)| i)
        .take(EXAMPLES)
        .collect()
}

#[component]
pub fn ConfusionPanel() -> impl IntoView {
    let state = expect_context::<LabState>();
    let confusion = expect_context::<ConfusionState>();
    let embedding = expect_context::<EmbeddingState>();
    let name = move |c: usize| {
        state.data.with(|d| d.and_then(|d| d.id.class_names().get(c).map(|s| s.to_string()))).unwrap_or_else(|| c.to_string())
    };
    let matrix = move || {
        confusion.result.with(|r| {
            let (m, _, _) = r.as_ref()?;
            let n = m.classes;
            let header = (0..n).map(|p| view! { <th scope="col" title=name(p)>{p}</th> }).collect_view();
            let rows = (0..n)
                .map(|t| {
                    let cells = (0..n)
                        .map(|p| {
                            let share = m.row_share(t, p);
                            let colour = if t == p {
                                format!("rgba(43, 138, 62, {:.3})", 0.1 + 0.9 * share)
                            } else {
                                format!("rgba(217, 72, 15, {:.3})", (share * 3.0).min(1.0))
                            };
                            let pick = move |_| confusion.cell.set(Some((t, p)));
                            view! {
                                <td>
                                    <button
                                        class="cell"
                                        data-true=t
                                        data-pred=p
                                        style=format!("background:{colour}")
                                        title=format!("true {}, predicted {}: {} ({:.1}% of the row)", name(t), name(p), m.count(t, p), share * 100.0)
                                        on:click=pick
                                    >
                                        {m.count(t, p)}
                                    </button>
                                </td>
                            }
                        })
                        .collect_view();
                    view! { <tr><th scope="row">{name(t)}</th>{cells}</tr> }
                })
                .collect_view();
            Some(view! {
                <table class="confusion" data-testid="confusion-matrix">
                    <caption>{format!("Test accuracy {:.2}% · rows: true class, columns: predicted; click a cell for its images", m.accuracy() * 100.0)}</caption>
                    <thead><tr><th></th>{header}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            })
        })
    };
    let per_class = move || {
        confusion.result.with(|r| {
            let (m, _, _) = r.as_ref()?;
            let pct = |v: f64| if v.is_finite() { format!("{:.1}%", v * 100.0) } else { "–".into() };
            let rows = m
                .per_class()
                .into_iter()
                .enumerate()
                .map(|(c, x)| view! {
                    <tr data-class=c><th scope="row">{name(c)}</th><td>{pct(x.precision)}</td><td>{pct(x.recall)}</td><td>{pct(x.f1)}</td><td>{x.support}</td></tr>
                })
                .collect_view();
            Some(view! {
                <table class="per-class" data-testid="per-class-table">
                    <thead><tr><th>"class"</th><th>"precision"</th><th>"recall"</th><th>"F1"</th><th>"images"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            })
        })
    };
    // The clicked cell's images: fetched one by one (cached with the scatter's thumbnails).
    let chosen = Memo::new(move |_| {
        let cell = confusion.cell.get()?;
        confusion.result.with(|r| r.as_ref().map(|(_, predictions, labels)| (cell, examples(labels, predictions, cell))))
    });
    Effect::new(move |_| {
        if let Some((_, indices)) = chosen.get() {
            for index in indices {
                if !embedding.thumbnails.with_untracked(|t| t.contains_key(&index)) {
                    send(Request::Thumbnail { index });
                }
            }
        }
    });
    let gallery = move || {
        chosen.get().map(|((t, p), indices)| {
            let images = indices
                .into_iter()
                .map(|i| {
                    let image = Signal::derive(move || embedding.thumbnails.with(|th| th.get(&i).map(|(s, _)| (s.clone(), 0))));
                    view! { <LiveCanvas image=image testid="confusion-example" label="a test image of this cell"/> }
                })
                .collect_view();
            view! {
                <figure data-testid="confusion-examples" class="confusion-examples">
                    <figcaption>{format!("True {}, predicted {} (up to {EXAMPLES})", name(t), name(p))}</figcaption>
                    <div class="strip">{images}</div>
                </figure>
            }
        })
    };
    view! {
        <Show when=move || confusion.result.with(Option::is_some)>
            <section class="panel confusion-panel" aria-labelledby="confusion-title">
                <h2 id="confusion-title">"What the classifier gets wrong"</h2>
                <div class="confusion-row">
                    {matrix}
                    {per_class}
                </div>
                {gallery}
            </section>
        </Show>
    }
}
