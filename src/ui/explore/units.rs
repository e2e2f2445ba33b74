//! What each code unit draws (`code-unit-images`): for each unit of the code (the first 64), the
//! decoder's picture with that unit at its 99th percentile over the test codes minus the picture
//! at its 1st, every other unit at the mean code — grey where it changes nothing, white where
//! raising the unit adds ink, black where it takes ink away. Decoded by the worker once per
//! model, shown as one mosaic like the first layer's filters.

use leptos::html;
use leptos::prelude::*;

use super::decode_queue::{Lane, submit};
use super::state::ExploreState;
use crate::ui::filters::paint_mosaic;
use replab_core::protocol::{Request, View};

#[component]
pub fn CodeUnits() -> impl IntoView {
    let explore = expect_context::<ExploreState>();
    let canvas = NodeRef::<html::Canvas>::new();
    // A new model's units are decoded once.
    Effect::new(move |_| {
        let Some(codes) = explore.space.with(|s| s.as_ref().map(|s| s.unit_codes())) else { return };
        if !codes.is_empty() {
            submit(Lane::Decode(View::Units), Request::Decode { view: View::Units, codes });
        }
    });
    let pictures = explore.units;
    Effect::new(move |_| {
        let Some(c) = canvas.get() else { return };
        pictures.with(|p| {
            if let Some(strip) = p {
                paint_mosaic(&c, strip);
            }
        });
    });
    let count = move || pictures.with(|p| p.as_ref().map_or(0, |s| s.count));
    let caption = move || {
        let latent = explore.space.with(|s| s.as_ref().map_or(0, |s| s.latent));
        let shown = if count() < latent { format!("the first {} of {latent} code units", count()) } else { format!("each of the {latent} code units") };
        format!("What {shown} draws: the decoding with the unit high minus with it low (1st to 99th percentile of the test codes), the others at their mean; white adds ink, black takes it away, grey changes nothing.")
    };
    view! {
        <Show when=move || pictures.with(Option::is_some)>
            <canvas node_ref=canvas class="filters-mosaic" data-testid="code-unit-images" data-count=count role="img" aria-label=caption></canvas>
            <p class="hint">{caption}</p>
        </Show>
    }
}
