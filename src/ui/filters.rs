//! `first-layer-filters`: what the first layer looks for — one small image per hidden unit (an
//! MLP's incoming weights) or per first convolution (its kernel), grey at zero, updated after
//! each epoch. One canvas at the images' own pixels, scaled up without smoothing.

use leptos::html;
use leptos::prelude::*;

use super::canvas2d::{context, put_rgba};
use super::state::LabState;
use replab_core::protocol::ImageStrip;

/// Tiles per row (fewer when there are fewer filters).
pub(crate) const MOSAIC_COLUMNS: usize = 16;
/// Gap between tiles, in image pixels.
const GAP: usize = 1;

/// All tiles as one RGBA picture: `(width, height, rgba)`.
fn mosaic(strip: &ImageStrip) -> (usize, usize, Vec<u8>) {
    let (w, h) = (strip.shape.width, strip.shape.height);
    let columns = MOSAIC_COLUMNS.min(strip.count.max(1));
    let rows = strip.count.div_ceil(columns);
    let (width, height) = (columns * (w + GAP) - GAP, rows * (h + GAP) - GAP);
    // The gaps are the page's background (transparent).
    let mut rgba = vec![0u8; width * height * 4];
    for i in 0..strip.count {
        let (x0, y0) = ((i % columns) * (w + GAP), (i / columns) * (h + GAP));
        let tile = strip.rgba(i);
        for y in 0..h {
            let row = ((y0 + y) * width + x0) * 4;
            rgba[row..row + w * 4].copy_from_slice(&tile[y * w * 4..(y + 1) * w * 4]);
        }
    }
    (width, height, rgba)
}

/// Paint `strip` on `canvas` as one mosaic of tiles at the images' own pixels (the canvas is
/// resized to it; CSS scales it up without smoothing).
pub(crate) fn paint_mosaic(canvas: &web_sys::HtmlCanvasElement, strip: &ImageStrip) {
    let (width, height, rgba) = mosaic(strip);
    canvas.set_width(width as u32);
    canvas.set_height(height as u32);
    let Some(ctx) = context(canvas) else { return };
    put_rgba(&ctx, &rgba, width, height);
}

#[component]
pub fn FiltersPanel() -> impl IntoView {
    let state = expect_context::<LabState>();
    let canvas = NodeRef::<html::Canvas>::new();
    Effect::new(move |_| {
        let Some(c) = canvas.get() else { return };
        state.filters.with(|f| {
            if let Some((strip, _)) = f {
                paint_mosaic(&c, strip);
            }
        });
    });
    let caption = move || {
        state.filters.with(|f| {
            f.as_ref().map(|(strip, units)| {
                let what = if strip.shape.len() == state.data.with(|d| d.map_or(0, |d| d.shape.len())) {
                    "each hidden unit's weights on the input image"
                } else {
                    "each first-layer convolution's kernel"
                };
                let shown = if strip.count < *units { format!("the first {} of {units}", strip.count) } else { format!("all {units}") };
                format!("{shown}: {what}; grey is zero, white the unit's strongest positive weight, black its strongest negative.")
            })
        })
    };
    view! {
        <Show when=move || state.filters.with(Option::is_some)>
            <section class="panel filters" aria-labelledby="filters-title">
                <h2 id="filters-title">"What the first layer looks for"</h2>
                <canvas
                    node_ref=canvas
                    class="filters-mosaic"
                    data-testid="first-layer-filters"
                    data-count=move || state.filters.with(|f| f.as_ref().map_or(0, |(s, _)| s.count))
                    data-units=move || state.filters.with(|f| f.as_ref().map_or(0, |(_, u)| *u))
                    role="img"
                    aria-label=caption
                ></canvas>
                <p class="hint">{caption}</p>
            </section>
        </Show>
    }
}
