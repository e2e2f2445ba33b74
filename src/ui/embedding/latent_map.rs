//! The latent map (`latent-map`): the plane of the live scatter (a 2-D code as it is, or the
//! codes' top two principal directions) decoded on a grid of [`SIDE`] × [`SIDE`] tiles, the test
//! images' dots over it, and the point under the pointer decoded live into the explore panel's
//! `latent-decoded` canvas. Drawn when the model is not training (after a run, a load, a stop). Where the dots are sparse a plain autoencoder's tiles turn to
//! nonsense; a VAE's stay pictures: E4/E5's lesson, seen rather than read. Not for t-SNE (no
//! map back to codes) or a model without a decoder.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::Clamped;
use web_sys::{ImageData, PointerEvent};

use super::palette::class_colour;
use super::state::EmbeddingState;
use replab_core::explore::{MAP_SIDE as SIDE, MapExtent as Extent, grid_codes};
use replab_core::protocol::{ImageStrip, Request, Scatter, View};
use crate::ui::canvas2d::context;
use crate::ui::explore::ExploreState;
use crate::ui::explore::decode_queue::{Lane, submit};

/// The tiles, then the test images' dots.
fn paint(canvas: &web_sys::HtmlCanvasElement, grid: &ImageStrip, scatter: &Scatter) {
    if grid.count != SIDE * SIDE {
        return;
    }
    let (w, h) = (grid.shape.width, grid.shape.height);
    let row_bytes = SIDE * w * 4;
    // One picture of all the tiles, put on the canvas at once.
    let mut whole = vec![0u8; row_bytes * SIDE * h];
    for i in 0..grid.count {
        let (left, top) = ((i % SIDE) * w, (i / SIDE) * h);
        for (y, line) in grid.rgba(i).chunks_exact(w * 4).enumerate() {
            let start = (top + y) * row_bytes + left * 4;
            whole[start..start + w * 4].copy_from_slice(line);
        }
    }
    // Resizing a canvas reallocates it: only when the tiles' size changes.
    if canvas.width() != (SIDE * w) as u32 || canvas.height() != (SIDE * h) as u32 {
        canvas.set_width((SIDE * w) as u32);
        canvas.set_height((SIDE * h) as u32);
    }
    let Some(ctx) = context(canvas) else { return };
    if let Ok(data) = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&whole), (SIDE * w) as u32, (SIDE * h) as u32) {
        let _ = ctx.put_image_data(&data, 0.0, 0.0);
    }
    let extent = Extent::of(&scatter.points);
    let (width, height) = ((SIDE * w) as f64, (SIDE * h) as f64);
    ctx.set_global_alpha(0.55);
    for (p, &label) in scatter.points.chunks_exact(2).zip(&scatter.labels) {
        let (u, v) = extent.place(p[0], p[1]);
        ctx.set_fill_style_str(class_colour(label));
        ctx.fill_rect(f64::from(u) * width - 1.0, f64::from(v) * height - 1.0, 2.0, 2.0);
    }
    ctx.set_global_alpha(1.0);
    let _ = canvas.set_attribute("data-tiles", &grid.count.to_string());
}

#[component]
pub fn LatentMap() -> impl IntoView {
    let embedding = expect_context::<EmbeddingState>();
    let explore = expect_context::<ExploreState>();
    let state = expect_context::<crate::ui::state::LabState>();
    let canvas = NodeRef::<html::Canvas>::new();
    let has_plane = move || embedding.scatter.with(|s| s.as_ref().is_some_and(|s| s.plane.is_some()));
    // Each new scatter with a plane asks for its grid, once the model is not training.
    // Not while a model trains: decoding and drawing the grid each epoch cost the page 50–70 ms
    // tasks in headless Chromium (measured; the lab keeps the page under 50 ms while training).
    Effect::new(move |_| {
        if state.busy() {
            return;
        }
        embedding.scatter.with(|s| {
            let Some((scatter, plane)) = s.as_ref().and_then(|s| Some((s, s.plane.as_ref()?))) else { return };
            let codes = grid_codes(plane, &Extent::of(&scatter.points), SIDE);
            submit(Lane::Decode(View::Map), Request::Decode { view: View::Map, codes });
        });
    });
    Effect::new(move |_| {
        let Some(c) = canvas.get() else { return };
        explore.map.with(|grid| {
            let Some(grid) = grid else { return };
            embedding.scatter.with_untracked(|s| {
                if let Some(s) = s {
                    paint(&c, grid, s);
                }
            });
        });
    });
    // The point under the pointer, decoded where the sliders' picture is (once the trained
    // model is analysed: while it trains, the map alone follows it).
    let decode_at = move |ev: PointerEvent| {
        if explore.space.with_untracked(Option::is_none) {
            return;
        }
        let Some(c) = canvas.get_untracked() else { return };
        let (cw, ch) = (f64::from(c.client_width().max(1)), f64::from(c.client_height().max(1)));
        let (u, v) = ((f64::from(ev.offset_x()) / cw).clamp(0.0, 1.0) as f32, (f64::from(ev.offset_y()) / ch).clamp(0.0, 1.0) as f32);
        let code = embedding.scatter.with_untracked(|s| {
            let s = s.as_ref()?;
            let (x, y) = Extent::of(&s.points).at(u, v);
            Some(s.plane.as_ref()?.code(x, y))
        });
        if let Some(codes) = code {
            submit(Lane::Decode(View::Slider), Request::Decode { view: View::Slider, codes });
        }
    };
    let previous_canvas = NodeRef::<html::Canvas>::new();
    Effect::new(move |_| {
        let Some(c) = previous_canvas.get() else { return };
        explore.previous_map.with(|p| {
            if let Some((_, grid, scatter)) = p {
                paint(&c, grid, scatter);
            }
        });
    });
    let has_previous = move || explore.previous_map.with(Option::is_some);
    view! {
        <Show when=move || has_plane() || has_previous()>
            <div class="latent-map-pair">
                <Show when=has_plane>
                    <figure class="latent-map-box">
                        <figcaption>
                            {move || explore.model_title.get().map(|t| format!("{t}: ")).unwrap_or_default()}
                            "latent map — the scatter's plane decoded, "
                            {SIDE}
                            "×"
                            {SIDE}
                            " tiles, the test images on top; drawn whenever the model is not training. Point anywhere to decode that spot (shown under Explore)."
                        </figcaption>
                        <canvas
                            node_ref=canvas
                            class="latent-map"
                            data-testid="latent-map"
                            data-side=SIDE
                            role="img"
                            aria-label="The plane of the scatter decoded on a grid: what the decoder makes of each point"
                            on:pointermove=decode_at
                            on:pointerdown=decode_at
                        ></canvas>
                    </figure>
                </Show>
                <Show when=has_previous>
                    <figure class="latent-map-box">
                        <figcaption>
                            {move || explore.previous_map.with(|p| p.as_ref().map(|(t, _, _)| format!("The previous run, {t}: its latent map, to compare")))}
                        </figcaption>
                        <canvas
                            node_ref=previous_canvas
                            class="latent-map"
                            data-testid="latent-map-previous"
                            data-side=SIDE
                            role="img"
                            aria-label="The previous run's latent map"
                        ></canvas>
                    </figure>
                </Show>
            </div>
        </Show>
    }
}
