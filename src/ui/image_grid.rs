//! Test images beside their reconstructions, drawn on canvases.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::CanvasRenderingContext2d;

use super::canvas2d::put_rgba;
use super::state::LabState;
use replab_core::analysis::{one_picture_note, reconstruction_spread_share};
use replab_core::protocol::ImageStrip;

/// Draw image `index` of `strip` onto `canvas` at its native size (CSS scales it up).
pub fn draw(canvas: &web_sys::HtmlCanvasElement, strip: &ImageStrip, index: usize) {
    let (w, h) = (strip.shape.width as u32, strip.shape.height as u32);
    canvas.set_width(w);
    canvas.set_height(h);
    let Some(ctx) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    put_rgba(&ctx, &strip.rgba(index), w as usize, h as usize);
}

/// One image of a strip.
#[component]
pub fn StripImage(
    strip: ImageStrip,
    index: usize,
    /// `data-role` and the accessible name's first word.
    #[prop(into)]
    role: String,
    /// Extra CSS classes beside `thumb`.
    #[prop(optional, into)]
    class: String,
) -> impl IntoView {
    let canvas = NodeRef::<html::Canvas>::new();
    Effect::new(move |_| {
        if let Some(c) = canvas.get() {
            draw(&c, &strip, index);
        }
    });
    view! { <canvas node_ref=canvas class=format!("thumb {class}") data-role=role.clone() aria-label=format!("{role} {index}")></canvas> }
}

/// A row of canvases for a strip (nothing until it exists).
pub fn strip_view(strip: Option<ImageStrip>, role: &'static str) -> impl IntoView {
    strip.map(|s| {
        (0..s.count)
            .map(|i| view! { <StripImage strip=s.clone() index=i role=role/> })
            .collect_view()
    })
}

/// Stand-ins for `count` images not there yet: grey tiles that shimmer while they load
/// (`loading`: the skeleton of what comes), dashed empty frames while they wait for a model.
pub fn placeholders(count: usize, loading: bool) -> impl IntoView {
    (0..count).map(|_| view! { <div class="thumb placeholder" class:skeleton=loading aria-hidden="true"></div> }).collect_view()
}

/// Images shown in the first rows before a dataset arrives.
const SHOWN: usize = 16;

/// `recon-grid`: the first test images, then their reconstructions (refreshed each epoch), and a
/// note (`recon-one-picture`) when the reconstructions are about one picture for every input.
/// A classifier has no reconstructions: `answers` (the images, each with the class it reads in
/// it) take the grid's place.
#[component]
pub fn ReconGrid(answers: ViewFn) -> impl IntoView {
    let state = expect_context::<LabState>();
    let classifier = move || state.plan.with(|p| p.as_ref().is_some_and(|p| p.model.is_classifier()));
    // Once per strip of reconstructions: the epoch is re-announced with every redraw of a run's
    // figures (five a second), which should not compare 16 images pairwise again.
    let share = Memo::new(move |_| state.originals.with(|o| state.reconstructions.with(|r| reconstruction_spread_share(o.as_ref()?, r.as_ref()?))));
    let one_picture = move || {
        let share = share.get()?;
        let epoch = state.epoch.get();
        let text = state.trained_with.with(|hp| one_picture_note(share, hp.as_ref()?, epoch))?;
        Some(view! { <p class="note recon-note" data-testid="recon-one-picture" role="note">{text}</p> })
    };
    view! {
        <figure class="recon">
            <figcaption>
                {move || if classifier() {
                    "Test images and the class the classifier reads in each (red: wrong), once the run ends"
                } else {
                    "Test images above their reconstructions, refreshed every epoch"
                }}
            </figcaption>
            <div class="recon-grid" data-testid="recon-grid">
                <Show when=move || !classifier() fallback=move || answers.run()>
                    <div class="strip originals">
                        {move || match state.originals.get() {
                            Some(strip) => strip_view(Some(strip), "original").into_any(),
                            None => placeholders(SHOWN, true).into_any(),
                        }}
                    </div>
                    <div class="strip reconstructions">
                        {move || match state.reconstructions.get() {
                            Some(strip) => strip_view(Some(strip), "reconstruction").into_any(),
                            None => {
                                let (count, loading) = state.originals.with(|o| o.as_ref().map_or((SHOWN, true), |s| (s.count, false)));
                                placeholders(count, loading).into_any()
                            }
                        }}
                    </div>
                </Show>
            </div>
            {one_picture}
        </figure>
    }
}
