//! What each layer does with an image — every layer's activations from the input side to the
//! output (`activation-layer`, one per layer, `data-name` its name): a convolution's maps one
//! tile each, a layer of units one square of cells; black is the layer's lowest value (a
//! silent ReLU unit), white its highest. Shown for the drawing (`activation-maps`, redrawn
//! with each stroke) and for the picked test image (`picked-activation-maps`).

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
    // (the page narrows it to its column). A layer of units (one square) is drawn about as
    // large as the output image beside it: a 64-unit layer's 8 × 8 square was 32 px wide
    // beside the 84 px output; the tiles of a convolution's many maps stay smaller.
    let (columns, side) = (MOSAIC_COLUMNS.min(picture.count.max(1)), picture.shape.height.max(1));
    let mosaic_width = columns * (picture.shape.width + 1) - 1;
    let scale = if picture.count <= 1 { (72 / side).clamp(3, 16) } else { (36 / side).clamp(3, 12) };
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

/// `layers`, one picture each, in a container with `data-testid` `testid`.
#[component]
fn LayerMaps(layers: Signal<Option<Vec<Activation>>>, testid: &'static str) -> impl IntoView {
    view! {
        <div class="layer-maps" data-testid=testid>
            {move || layers.get().map(|layers| {
                layers.into_iter().map(|layer| view! { <LayerPicture layer=layer/> }).collect_view()
            })}
        </div>
    }
}

/// Every layer's response to the drawing.
#[component]
pub fn DrawingLayers() -> impl IntoView {
    let explore = expect_context::<ExploreState>();
    let layers = Signal::derive(move || explore.drawn.with(|d| d.as_ref().map(|d| d.layers.clone())));
    view! { <LayerMaps layers testid="activation-maps"/> }
}

/// Every layer's response to the test image picked last, under a heading that names it.
#[component]
pub fn PickedLayers() -> impl IntoView {
    let explore = expect_context::<ExploreState>();
    let layers = Signal::derive(move || explore.picked_layers.with(|p| p.as_ref().map(|(_, layers)| layers.clone())));
    let label = move || {
        let index = explore.picked_layers.with(|p| p.as_ref().map(|(i, _)| *i))?;
        let label = explore.picker.with(|p| p.as_ref().and_then(|(_, labels)| labels.get(index).copied()));
        Some(match label {
            Some(label) => format!("test image #{index} (label {label})"),
            None => format!("test image #{index}"),
        })
    };
    view! {
        <Show when=move || explore.picked_layers.with(Option::is_some)>
            <h3>"Inside the network"</h3>
            <p class="hint">
                {move || format!("Each layer’s response to {}, from the input side to the output: black is the layer’s lowest value (a silent unit), white its highest. Pick another test image to compare.", label().unwrap_or_default())}
            </p>
            <LayerMaps layers testid="picked-activation-maps"/>
        </Show>
    }
}
