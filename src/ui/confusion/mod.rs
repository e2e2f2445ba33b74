//! A classifier's test results: the confusion matrix as a heat map (counts, colour by row
//! share), the misclassified test images of a clicked cell, and per-class precision, recall
//! and F1.

use leptos::prelude::*;

mod tables;

pub use tables::{ConfusionMatrix, PerClassTable};

use replab_core::analysis::Confusion;
use replab_core::data::DatasetId;
use replab_core::protocol::{Event, Request};
use crate::ui::embedding::EmbeddingState;
use crate::ui::explore::LiveCanvas;
use crate::ui::image_grid::StripImage;
use crate::ui::state::LabState;
use crate::ui::worker_link::send;

/// Misclassified images shown for a cell.
const EXAMPLES: usize = 12;

/// A classifier run's test results.
pub struct TestResults {
    pub confusion: Confusion,
    /// The predicted class of each test image.
    pub predictions: Vec<u8>,
    /// The true class of each test image.
    pub labels: Vec<u8>,
}

#[derive(Clone, Copy)]
pub struct ConfusionState {
    /// The last classifier run's results.
    pub result: RwSignal<Option<TestResults>>,
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

    pub fn on_event(&self, event: Event) {
        if let Event::Confusion { confusion, predictions, labels } = event {
            self.cell.set(None);
            self.result.set(Some(TestResults { confusion, predictions, labels }));
        }
    }
}

/// Class `c`'s name in the loaded dataset, from `names` ([`DatasetId::class_names`] or its short
/// form); its number where it has none.
fn class_name(state: LabState, c: usize, names: fn(DatasetId) -> [&'static str; 10]) -> String {
    state.data.with(|d| d.and_then(|d| names(d.id).get(c).map(|s| s.to_string()))).unwrap_or_else(|| c.to_string())
}

/// `recon-answers`: the first test images, each with the class the finished classifier reads in
/// it beneath, marked where it is wrong (an empty frame until the run ends).
#[component]
pub fn FirstAnswers() -> impl IntoView {
    let state = expect_context::<LabState>();
    let confusion = expect_context::<ConfusionState>();
    let name = move |c: u8| class_name(state, c.into(), DatasetId::class_names);
    // Under a thumbnail, "car" rather than "autom…"; the full name is the title.
    let short_name = move |c: u8| class_name(state, c.into(), DatasetId::short_class_names);
    let answers = move || {
        let strip = state.originals.get()?;
        // (predicted, true) for the images shown, not the whole test split.
        let read = confusion.result.with(|r| {
            r.as_ref().map(|r| r.predictions.iter().copied().zip(r.labels.iter().copied()).take(strip.count).collect::<Vec<_>>())
        });
        Some(
            (0..strip.count)
                .map(|i| {
                    let answer = match read.as_ref().and_then(|read| read.get(i).copied()) {
                        Some((guess, truth)) => {
                            let wrong = guess != truth;
                            let title = if wrong { format!("read as {}, is {}", name(guess), name(truth)) } else { format!("read as {}: right", name(guess)) };
                            view! { <span class="answer" class:wrong=wrong data-class=guess title=title>{short_name(guess)}</span> }.into_any()
                        }
                        None => view! { <span class="answer pending" aria-hidden="true"></span> }.into_any(),
                    };
                    view! {
                        <div class="answered">
                            <StripImage strip=strip.clone() index=i role="original"/>
                            {answer}
                        </div>
                    }
                })
                .collect_view(),
        )
    };
    view! { <div class="strip answers" data-testid="recon-answers">{answers}</div> }
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
    let name = move |c: usize| class_name(state, c, DatasetId::class_names);
    let names = move || (0..10).map(name).collect::<Vec<_>>();
    let pick = Callback::new(move |cell| confusion.cell.set(Some(cell)));
    let tables = move || {
        confusion.result.with(|r| {
            let m = &r.as_ref()?.confusion;
            let caption = format!("Test accuracy {:.2}% · click a cell for its images", m.accuracy() * 100.0);
            Some(view! {
                <ConfusionMatrix confusion=m.clone() names=names() caption=caption on_pick=pick/>
                <PerClassTable confusion=m.clone() names=names()/>
            })
        })
    };
    // The clicked cell's images: fetched one by one (cached with the scatter's thumbnails).
    let chosen = Memo::new(move |_| {
        let cell = confusion.cell.get()?;
        confusion.result.with(|r| r.as_ref().map(|r| (cell, examples(&r.labels, &r.predictions, cell))))
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
                <div class="confusion-row">{tables}</div>
                {gallery}
            </section>
        </Show>
    }
}
