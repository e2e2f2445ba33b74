//! The embedding views: the live scatter of the current model's test codes (with the
//! before-training snapshot beside it), projections, separability, linear evaluation, the
//! data's PCA spectrum, and SimCLR's augmented pairs.

mod augment_preview;
mod latent_map;
mod legend;
mod linear_eval;
mod palette;
pub mod projection;
mod replay;
mod scatter_plot;
mod separability;
mod spectrum_chart;
mod state;
mod viewport;

use leptos::prelude::*;

pub use augment_preview::AugmentPreview;
pub use palette::class_colour;
pub use spectrum_chart::SpectrumPanel;
pub use state::EmbeddingState;

use crate::ui::state::LabState;

#[component]
pub fn EmbeddingPanel() -> impl IntoView {
    let state = expect_context::<LabState>();
    let embedding = expect_context::<EmbeddingState>();
    // The drawing's place, while the pad holds a drawing.
    let explore = expect_context::<crate::ui::explore::ExploreState>();
    // The drawing's place belongs to the live scatter: hidden while an earlier epoch is shown.
    let drawn_at = Signal::derive(move || {
        if explore.drawn.with(Option::is_some) && embedding.replay_at.with(Option::is_none) { embedding.drawn_at.get() } else { None }
    });
    // The live scatter, or the replayed epoch's.
    let shown = Signal::derive(move || match embedding.replay_at.get() {
        Some(i) => embedding.replay.with(|r| r.frames().get(i).map(|f| f.scatter.clone())).or_else(|| embedding.scatter.get()),
        None => embedding.scatter.get(),
    });
    let has_scatter = move || embedding.scatter.with(Option::is_some);
    let hint = "Train a model: its test codes (a classifier's hidden features) appear here and move as it learns.";
    let simclr = move || {
        state.settings.with(|s| s.hp.model.is_contrastive() && s.hp.contrastive == replab_core::settings::ContrastiveLoss::NtXent)
    };
    view! {
        <section class="panel embedding" aria-labelledby="embedding-title">
            <h2 id="embedding-title">"Embedding of the test images"</h2>
            <Show when=simclr>
                <AugmentPreview/>
            </Show>
            <Show when=has_scatter fallback=move || view! { <p class="hint">{hint}</p> }>
                <projection::ProjectionControls/>
            </Show>
            <div class="scatter-pair">
                <div class="scatter-main">
                    <scatter_plot::ScatterPlot
                        scatter=shown
                        testid="scatter"
                        tooltip_testid="scatter-tooltip"
                        label="Test codes, one dot per image, coloured by class"
                        marker=drawn_at
                    />
                    <legend::ScatterLegend/>
                    <replay::EpochReplay/>
                </div>
                <div class="scatter-before-box">
                    <h3>"Before training"</h3>
                    <scatter_plot::ScatterPlot
                        scatter=embedding.before
                        testid="scatter-before"
                        tooltip_testid="scatter-before-tooltip"
                        label="The same test images through the untrained network"
                    />
                    <p class="hint">{move || embedding.before.with(|b| match b {
                        Some(b) => format!("Untrained: k-NN accuracy {:.1}% in the codes", b.knn_codes * 100.0),
                        None => "When training starts: the same test images through the untrained network, to compare with.".into(),
                    })}</p>
                </div>
            </div>
            <latent_map::LatentMap/>
            <linear_eval::LinearEvalPanel/>
            <separability::SeparabilityTable/>
        </section>
    }
}
