//! The latent map (`latent-map`): the plane of the live scatter (a 2-D code as it is, or the
//! codes' top two principal directions) decoded on a grid of [`SIDE`] × [`SIDE`] tiles, the test
//! images' dots over it, and the point under the pointer decoded live into the explore panel's
//! `latent-decoded` canvas. While a model trains it shows each epoch's map as the epoch replay
//! keeps it (`replab_core::analysis::Frame::map_codes`), and the scrubber's frame when one is
//! picked (`data-epoch`, `data-step`: the frame's epoch and the step of the model that decoded
//! it); otherwise the live map, decoded when the model is not training (after a run, a load, a
//! stop). Where the dots are sparse a plain autoencoder's tiles turn to nonsense; a VAE's stay
//! pictures: E4/E5's lesson, seen rather than read. Not for t-SNE (no map back to codes) or a
//! model without a decoder.

use leptos::html;
use leptos::prelude::*;
use replab_core::thousands::thousands;
use web_sys::PointerEvent;

use super::palette::class_rgb;
use super::state::EmbeddingState;
use replab_core::explore::{MAP_SIDE as SIDE, MapExtent as Extent, grid_codes};
use replab_core::protocol::{ImageStrip, Request, View};
use crate::ui::canvas2d::{context, put_rgba};
use crate::ui::explore::ExploreState;
use crate::ui::explore::decode_queue::{Lane, submit};

/// How much of a dot's class colour covers the tile under it.
const DOT_ALPHA: u32 = 140;

/// The tiles, then the test images' dots (`points`: `n × 2` in the plane the tiles were decoded
/// over), written into one picture and put on the canvas at once: no canvas call per dot, so a
/// redraw while training stays a few milliseconds.
fn paint(canvas: &web_sys::HtmlCanvasElement, grid: &ImageStrip, points: &[f32], labels: &[u8]) {
    if grid.count != SIDE * SIDE {
        return;
    }
    let (w, h) = (grid.shape.width, grid.shape.height);
    let (width, height) = (SIDE * w, SIDE * h);
    let row_bytes = width * 4;
    let mut whole = vec![0u8; row_bytes * height];
    for i in 0..grid.count {
        let (left, top) = ((i % SIDE) * w, (i / SIDE) * h);
        for (y, line) in grid.rgba(i).chunks_exact(w * 4).enumerate() {
            let start = (top + y) * row_bytes + left * 4;
            whole[start..start + w * 4].copy_from_slice(line);
        }
    }
    // Each dot: 2 × 2 pixels of its class's colour, blended over the tiles.
    let extent = Extent::of(points);
    for (p, &label) in points.chunks_exact(2).zip(labels) {
        if !(p[0].is_finite() && p[1].is_finite()) {
            continue;
        }
        let (u, v) = extent.place(p[0], p[1]);
        let (x0, y0) = ((u * width as f32) as isize - 1, (v * height as f32) as isize - 1);
        let rgb = class_rgb(label);
        for y in y0.max(0)..(y0 + 2).min(height as isize) {
            for x in x0.max(0)..(x0 + 2).min(width as isize) {
                let at = y as usize * row_bytes + x as usize * 4;
                for (c, &colour) in rgb.iter().enumerate() {
                    let under = u32::from(whole[at + c]);
                    whole[at + c] = ((u32::from(colour) * DOT_ALPHA + under * (255 - DOT_ALPHA)) / 255) as u8;
                }
            }
        }
    }
    // Resizing a canvas reallocates it: only when the tiles' size changes.
    if canvas.width() != width as u32 || canvas.height() != height as u32 {
        canvas.set_width(width as u32);
        canvas.set_height(height as u32);
    }
    let Some(ctx) = context(canvas) else { return };
    put_rgba(&ctx, &whole, width, height);
    let _ = canvas.set_attribute("data-tiles", &grid.count.to_string());
}

/// An empty map (a replay frame whose map was not kept, or is still on its way).
fn blank(canvas: &web_sys::HtmlCanvasElement) {
    if let Some(ctx) = context(canvas) {
        ctx.clear_rect(0.0, 0.0, f64::from(canvas.width()), f64::from(canvas.height()));
    }
    let _ = canvas.set_attribute("data-tiles", "0");
}

#[component]
pub fn LatentMap() -> impl IntoView {
    let embedding = expect_context::<EmbeddingState>();
    let explore = expect_context::<ExploreState>();
    let state = expect_context::<crate::ui::state::LabState>();
    let canvas = NodeRef::<html::Canvas>::new();
    let has_plane = move || {
        embedding.scatter.with(|s| s.as_ref().is_some_and(|s| s.plane.is_some())) || embedding.replay.with(|r| r.latest_map().is_some())
    };
    // Each new scatter with a plane asks for its grid, once the model is not training (while it
    // trains, the epoch replay's frames bring theirs: `EmbeddingState::on_event`).
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
    // The replay's frame shown: the scrubber's, or the latest map while the model trains.
    let frame_shown = move || match embedding.replay_at.get() {
        Some(i) => Some(i),
        None if state.busy() => embedding.replay.with(|r| r.frames().iter().rposition(|f| f.map.is_some())),
        None => None,
    };
    // (epoch, step of the model that decoded it) of the frame on the canvas.
    let painted_frame = RwSignal::new(None::<(usize, Option<usize>)>);
    Effect::new(move |_| {
        let Some(c) = canvas.get() else { return };
        if let Some(i) = frame_shown() {
            let shown = embedding.replay.with(|r| {
                let f = r.frames().get(i)?;
                match &f.map {
                    Some(m) => paint(&c, &m.grid, &f.scatter.points, &f.scatter.labels),
                    None => blank(&c),
                }
                Some((f.scatter.epoch, f.map.as_ref().map(|m| m.step)))
            });
            if let Some((epoch, step)) = shown {
                let _ = c.set_attribute("data-epoch", &epoch.to_string());
                let _ = match step {
                    Some(step) => c.set_attribute("data-step", &step.to_string()),
                    None => c.remove_attribute("data-step"),
                };
                painted_frame.set(Some((epoch, step)));
                return;
            }
        }
        let _ = c.remove_attribute("data-epoch");
        let _ = c.remove_attribute("data-step");
        painted_frame.set(None);
        explore.map.with(|grid| {
            let Some(grid) = grid else { return };
            embedding.scatter.with_untracked(|s| {
                if let Some(s) = s {
                    paint(&c, grid, &s.points, &s.labels);
                }
            });
        });
    });
    // The point under the pointer, decoded where the sliders' picture is (once the trained
    // model is analysed: while it trains, the map alone follows it).
    let decode_at = move |ev: PointerEvent| {
        // A replay frame's tiles lie in that epoch's plane, not the live one.
        if explore.space.with_untracked(Option::is_none) || painted_frame.get_untracked().is_some() {
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
                paint(&c, grid, &scatter.points, &scatter.labels);
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
                            " tiles, the test images on top. "
                            {move || match painted_frame.get() {
                                Some((0, Some(step))) => format!("Before training (decoded at step {}): the epoch replay's frame.", thousands(step)),
                                Some((epoch, Some(step))) => format!("After epoch {epoch} (decoded at step {}): the epoch replay's frame.", thousands(step)),
                                Some((epoch, None)) => format!("Epoch {epoch}: no map kept for this frame (or it is on its way)."),
                                None => "Each epoch's map is kept for the epoch replay. Point anywhere to decode that spot (shown under Explore).".to_string(),
                            }}
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
