//! PCA of the raw images: the cumulative explained variance against the number of components,
//! with the components needed for 95% and 99% marked (A3 in the reports: ~150 and ~330 on the
//! full MNIST).

use leptos::prelude::*;

use super::state::EmbeddingState;
use replab_core::analysis::components_for;
use replab_core::protocol::Request;
use crate::ui::chart_frame::Frame;
use crate::ui::state::LabState;
use crate::ui::worker_link::send;

/// The canvas: labels left of the plot and below it.
const FRAME: Frame = Frame { width: 560.0, height: 220.0, left: 44.0, right: 12.0, top: 10.0, bottom: 30.0 };

/// SVG position of (components, cumulative share).
fn screen_from_share(count: usize, share: f64, max: usize) -> (f64, f64) {
    (FRAME.x_screen_from_fraction(count as f64 / max.max(1) as f64), FRAME.y_screen_from_fraction(share))
}

#[component]
pub fn SpectrumPanel() -> impl IntoView {
    let state = expect_context::<LabState>();
    let embedding = expect_context::<EmbeddingState>();
    let compute = move |_| {
        embedding.spectrum_pending.set(true);
        send(Request::DataSpectrum);
    };
    let chart = move || {
        let (fractions, images) = embedding.spectrum.get()?;
        let n95 = components_for(&fractions, 0.95);
        let n99 = components_for(&fractions, 0.99);
        // Show up to a little past the 99% mark: the long tail is flat.
        let max = (n99 * 3 / 2).clamp(10, fractions.len().max(1));
        let mut total = 0.0f64;
        let mut points = vec![format!("{:.1},{:.1}", FRAME.left, FRAME.plot_bottom())];
        for (i, f) in fractions.iter().take(max).enumerate() {
            total += f64::from(*f);
            let (x, y) = screen_from_share(i + 1, total, max);
            points.push(format!("{x:.1},{y:.1}"));
        }
        let marker = |count: usize, share: f64, testid: &'static str, class: &'static str| {
            let (x, y) = screen_from_share(count, share, max);
            view! {
                <line class=format!("marker {class}") x1=x x2=x y1=FRAME.top y2=FRAME.plot_bottom()/>
                <line class=format!("marker {class}") x1=FRAME.left x2=x y1=y y2=y/>
                <text class="tick" x=x + 4.0 y=y + 14.0 data-testid=testid>{count}</text>
            }
        };
        let grid = [0.5, 0.9, 1.0]
            .into_iter()
            .map(|share| {
                let (_, y) = screen_from_share(0, share, max);
                FRAME.y_label(y, format!("{:.0}%", share * 100.0))
            })
            .collect_view();
        let shape = state.data.with(|d| d.map(|d| d.shape.len())).unwrap_or(0);
        Some(view! {
            <svg data-testid="pca-variance-chart" viewBox=FRAME.view_box() role="img" aria-label="Cumulative explained variance of the images' principal components">
                {grid}
                {FRAME.axes()}
                {FRAME.x_labels(max, "principal components")}
                <polyline class="spectrum" points=points.join(" ")/>
                {marker(n95, 0.95, "pca-95", "p95")}
                {marker(n99, 0.99, "pca-99", "p99")}
            </svg>
            <p class="hint">
                {format!(
                    "{n95} components keep 95% of the pixel variance and {n99} keep 99% ({images} test images of {shape} values). \
                     The MNIST report (A3) found ~150 and ~330 on all 70,000 images: a smaller sample needs fewer."
                )}
            </p>
        })
    };
    view! {
        <section class="panel spectrum" aria-labelledby="spectrum-title">
            <h2 id="spectrum-title">"How many dimensions do the images need?"</h2>
            <p class="hint">"PCA of the raw pixels: how much of the images' variance the first components keep."</p>
            <button data-testid="pca-compute" on:click=compute prop:disabled=move || embedding.spectrum_pending.get() || state.data.with(Option::is_none)>
                {move || if embedding.spectrum_pending.get() { "Computing…" } else { "Compute the PCA of the images" }}
            </button>
            {chart}
        </section>
    }
}
