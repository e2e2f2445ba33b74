//! The projection selector (raw / PCA / t-SNE with its perplexity), the t-SNE progress bar and
//! the separability figures of the current view.

use leptos::prelude::*;
use replab_core::thousands::thousands;

use super::state::{EmbeddingState, ProjectionChoice};
use replab_core::protocol::{Projection, Request};
use crate::ui::state::LabState;
use crate::ui::worker_link::send;

/// Ask the worker for `choice` of the current model's codes.
pub fn request(state: LabState, embedding: EmbeddingState, choice: ProjectionChoice) {
    let projection = match choice {
        ProjectionChoice::Raw => Projection::Raw,
        ProjectionChoice::Pca => Projection::Pca,
        ProjectionChoice::Tsne => Projection::Tsne {
            perplexity: embedding.perplexity.get_untracked(),
            seed: state.settings.with_untracked(|s| s.hp.seed),
        },
    };
    embedding.projection.set(choice);
    send(Request::Project { projection });
}

#[component]
pub fn ProjectionControls() -> impl IntoView {
    let state = expect_context::<LabState>();
    let embedding = expect_context::<EmbeddingState>();
    let choose = move |ev: leptos::ev::Event| {
        let key = event_target_value(&ev);
        if let Some(choice) = ProjectionChoice::ALL.into_iter().find(|c| c.key() == key) {
            request(state, embedding, choice);
        }
    };
    // Perplexity only shapes a t-SNE map: the field shows under t-SNE alone, and a new value
    // runs the map again.
    let set_perplexity = move |ev: leptos::ev::Event| {
        if let Ok(p) = event_target_value(&ev).parse::<f32>() {
            embedding.perplexity.set(p.clamp(2.0, 100.0));
            request(state, embedding, ProjectionChoice::Tsne);
        }
    };
    let options = ProjectionChoice::ALL
        .into_iter()
        .map(|c| view! { <option value=c.key() selected=move || embedding.projection.get() == c>{c.label()}</option> })
        .collect_view();
    let no_codes = move || embedding.scatter.with(Option::is_none);
    let percent = |v: f32| if v.is_finite() { format!("{:.1}%", v * 100.0) } else { "–".into() };
    let knn = move || {
        embedding.scatter.with(|s| {
            s.as_ref().map(|s| {
                format!(
                    "k-NN (k = 10) accuracy on held-out test points: {} in the {}-D codes, {} in this 2-D view",
                    percent(s.knn_codes),
                    s.dim,
                    percent(s.knn_points)
                )
            })
        })
    };
    let caption = move || {
        embedding.scatter.with(|s| {
            s.as_ref().map(|s| {
                let what = match s.projection {
                    Projection::Raw => "first two dimensions".to_string(),
                    Projection::Pca => "top two principal components".to_string(),
                    Projection::Tsne { perplexity, .. } => format!("t-SNE, perplexity {perplexity}"),
                };
                format!("{} test images · {what} of the {}-D codes · step {}", thousands(s.labels.len()), s.dim, thousands(s.step))
            })
        })
    };
    view! {
        <div class="projection-row">
            <label>
                "View "
                <select data-testid="projection-select" on:change=choose prop:disabled=no_codes>{options}</select>
            </label>
            <Show when=move || embedding.projection.get() == ProjectionChoice::Tsne>
                <label title="t-SNE's perplexity: roughly how many neighbours each point keeps close (5–50)">
                    "perplexity "
                    <input
                        type="number"
                        data-testid="hp-perplexity"
                        min="2"
                        max="100"
                        step="1"
                        prop:value=move || embedding.perplexity.get().to_string()
                        on:change=set_perplexity
                        prop:disabled=no_codes
                    />
                </label>
                <button on:click=move |_| request(state, embedding, ProjectionChoice::Tsne) prop:disabled=no_codes>
                    "Run t-SNE again"
                </button>
            </Show>
            {move || {
                embedding.tsne_progress.get().map(|(done, total)| {
                    view! {
                        <span class="tsne-status">
                            "t-SNE "
                            <progress data-testid="tsne-progress" max=total value=done></progress>
                            {format!(" {done}/{total}")}
                        </span>
                    }
                })
            }}
        </div>
        <p class="scatter-caption">{caption}</p>
        <p class="knn" data-testid="knn-accuracy">{knn}</p>
    }
}
