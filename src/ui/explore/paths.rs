//! Interpolation between two picked images (straight, and spherical for a VAE), the bilinear
//! grid between four corners, and samples from the model's prior.

use leptos::prelude::*;

use super::decode_queue::{Lane, submit};
use super::state::{ExploreState, Picked};
use replab_core::explore::{bilinear_grid, lerp_path, slerp_path};
use replab_core::protocol::{ImageStrip, Request, View};
use crate::ui::image_grid::strip_view;

const GRID: usize = 8;
const SAMPLES: usize = 16;

fn decoded_strip(strip: RwSignal<Option<ImageStrip>>, role: &'static str) -> impl IntoView {
    move || strip_view(strip.get(), role)
}

/// A slot showing which image is A (or B), with the button that sets it to the current image.
#[component]
fn EndPoint(name: &'static str, testid: &'static str, target: RwSignal<Option<Picked>>) -> impl IntoView {
    let explore = expect_context::<ExploreState>();
    view! {
        <button
            data-testid=testid
            prop:disabled=move || explore.start.with(Option::is_none)
            on:click=move |_| target.set(explore.start.get_untracked())
            title="Use the image the sliders start from"
        >
            {move || match target.get() {
                Some(p) => format!("{name} = {}", p.label()),
                None => format!("Set {name} to the current image"),
            }}
        </button>
    }
}

#[component]
pub fn Interpolation() -> impl IntoView {
    let explore = expect_context::<ExploreState>();
    let steps = RwSignal::new(10usize);
    let spherical = RwSignal::new(false);
    let variational = move || explore.space.with(|s| s.as_ref().is_some_and(|s| s.variational));
    Effect::new(move |_| {
        let (Some(a), Some(b)) = (explore.interp_a.get(), explore.interp_b.get()) else { return };
        let n = steps.get();
        let codes = if spherical.get() && variational() { slerp_path(&a.code, &b.code, n) } else { lerp_path(&a.code, &b.code, n) };
        submit(Lane::Decode(View::Interpolation), Request::Decode { view: View::Interpolation, codes });
    });
    view! {
        <div class="row">
            <EndPoint name="A" testid="interp-a" target=explore.interp_a/>
            <EndPoint name="B" testid="interp-b" target=explore.interp_b/>
            <label class="field inline">
                <span>"Steps"</span>
                <input
                    type="number"
                    data-testid="interp-steps"
                    min="2"
                    max="32"
                    prop:value=move || steps.get().to_string()
                    on:change=move |ev| {
                        if let Ok(n) = event_target_value(&ev).parse::<usize>() {
                            steps.set(n.clamp(2, 32));
                        }
                    }
                />
            </label>
            <Show when=variational>
                <label class="check">
                    <input type="checkbox" data-testid="interp-spherical" prop:checked=move || spherical.get() on:change=move |ev| spherical.set(event_target_checked(&ev))/>
                    "spherical path"
                </label>
            </Show>
        </div>
        <Show when=move || explore.interp_a.with(Option::is_none) || explore.interp_b.with(Option::is_none)>
            <p class="hint" data-testid="interp-hint">
                {move || match (explore.interp_a.with(Option::is_some), explore.interp_b.with(Option::is_some)) {
                    (false, false) => "Pick a test image and press Set A, then another and press Set B: the pictures on the way from one to the other appear here.",
                    (true, _) => "Now pick another test image and press Set B.",
                    (false, true) => "Now pick another test image and press Set A.",
                }}
            </p>
        </Show>
        <div class="strip interp" data-testid="interp-strip">{decoded_strip(explore.decoded.interpolation, "interpolation")}</div>
    }
}

#[component]
pub fn CornerGrid() -> impl IntoView {
    let explore = expect_context::<ExploreState>();
    Effect::new(move |_| {
        explore.corners.with(|c| {
            if let [tl, tr, bl, br] = c.as_slice() {
                let codes = bilinear_grid([&tl.code, &tr.code, &bl.code, &br.code], GRID, GRID);
                submit(Lane::Decode(View::Grid), Request::Decode { view: View::Grid, codes });
            }
        })
    });
    let corners = move || {
        explore.corners.with(|c| match c.len() {
            4 => c.iter().map(Picked::label).collect::<Vec<_>>().join(", "),
            3 => "pick 1 more test image (the last four you pick are the corners)".to_string(),
            n => format!("pick {} more test images (the last four you pick are the corners)", 4 - n),
        })
    };
    view! {
        <p class="hint" data-testid="grid-corners">"Corners (top-left, top-right, bottom-left, bottom-right): " {corners}</p>
        <div class="grid-view" data-testid="grid-view">{decoded_strip(explore.decoded.grid, "grid")}</div>
    }
}

#[component]
pub fn Samples() -> impl IntoView {
    let explore = expect_context::<ExploreState>();
    let seed = RwSignal::new(1u64);
    let what = move || {
        explore.space.with(|s| match s {
            Some(s) if s.variational => "Codes drawn from the prior N(0, I) the VAE was trained towards.",
            Some(_) => "Codes drawn from a Gaussian fitted to the test codes (a plain autoencoder has no prior).",
            None => "",
        })
    };
    let sample = move || {
        seed.update(|s| *s += 1);
        submit(Lane::Decode(View::Samples), Request::Sample { count: SAMPLES, seed: seed.get_untracked() });
    };
    // A first set as soon as a model is explorable.
    Effect::new(move |_| {
        if explore.space.with(Option::is_some) {
            sample();
        }
    });
    let more = move |_| sample();
    let previous = move || {
        explore.previous_samples.get().map(|(title, strip)| {
            view! {
                <div class="samples-column">
                    <p class="hint">{format!("The previous run: {title}")}</p>
                    <div class="strip samples" data-testid="samples-previous">{strip_view(Some(strip), "previous sample")}</div>
                </div>
            }
        })
    };
    view! {
        <p class="hint">{what}</p>
        <button data-testid="sample-button" on:click=more>"Sample 16 more"</button>
        <div class="samples-compare">
            <div class="samples-column">
                <p class="hint">{move || explore.model_title.get().map(|t| format!("This run: {t}"))}</p>
                <div class="strip samples" data-testid="samples">{decoded_strip(explore.decoded.samples, "sample")}</div>
            </div>
            {previous}
        </div>
    }
}
