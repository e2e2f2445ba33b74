//! `activation-maps`: what each layer does with the drawing — every layer's activations from
//! the input side to the output (`activation-layer`, one per layer, `data-name` its name): a
//! convolution's maps one tile each, a layer of units one square of cells; black is the
//! layer's lowest value (a silent ReLU unit), white its highest. Redrawn with each stroke.

use leptos::html;
use leptos::prelude::*;

use super::ExploreState;
use crate::ui::filters::{MOSAIC_COLUMNS, paint_mosaic};
use replab_core::protocol::Activation;

/// One layer's picture and caption.
#[component]
fn LayerPicture(layer: Activation) -> impl IntoView {
    let canvas = NodeRef::<html::Canvas>::new();
    let picture = layer.picture();
    // Shown at a whole multiple of its pixels: small maps larger, so a 3 × 3 map is still seen
    // (the page narrows it to its column).
    let (columns, side) = (MOSAIC_COLUMNS.min(picture.count.max(1)), picture.shape.height.max(1));
    let mosaic_width = columns * (picture.shape.width + 1) - 1;
    let scale = (36 / side).clamp(3, 12);
    let width = format!("width: {}px", mosaic_width * scale);
    // Sync with the outside world: paint once the canvas is in the page.
    Effect::new(move |_| {
        if let Some(c) = canvas.get() {
            paint_mosaic(&c, &picture);
        }
    });
    let caption = format!("{} · {}", layer.name, layer.describe());
    view! {
        <figure class="layer" data-testid="activation-layer" data-name=layer.name.clone()>
            <canvas node_ref=canvas class="layer-picture" style=width role="img" aria-label=format!("activations of {caption}")></canvas>
            <figcaption>{caption}</figcaption>
        </figure>
    }
}

#[component]
pub fn LayerMaps() -> impl IntoView {
    let explore = expect_context::<ExploreState>();
    view! {
        <div class="layer-maps" data-testid="activation-maps">
            {move || explore.drawn.with(|d| d.as_ref().map(|d| d.layers.clone())).map(|layers| {
                layers.into_iter().map(|layer| view! { <LayerPicture layer=layer/> }).collect_view()
            })}
        </div>
    }
}
