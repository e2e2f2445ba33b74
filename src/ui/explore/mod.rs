//! The explore views: pick an image, move along its code with sliders, interpolate, sample,
//! and draw a digit. Every view works with whichever trained autoencoder the worker holds.

mod camera;
pub mod decode_queue;
mod draw_pad;
mod layers;
mod live_canvas;
mod paths;
mod photo;
mod picker;
mod prediction;
mod sliders;
mod state;
mod units;

use leptos::prelude::*;

pub use draw_pad::DrawPanel;
pub use live_canvas::LiveCanvas;
pub use state::{DrawResult, ExploreState, Picked};

use crate::ui::state::LabState;

/// The latent-space views, once a trained autoencoder exists.
#[component]
pub fn ExplorePanel() -> impl IntoView {
    let state = expect_context::<LabState>();
    let explore = expect_context::<ExploreState>();
    let classifier = move || state.plan.get().is_some_and(|p| !p.model.is_autoencoder());
    let waiting = move || {
        if classifier() {
            "A classifier has no decoder: train an autoencoder or a VAE to explore its latent space."
        } else {
            "Train an autoencoder (or press Stop during training): its latent space opens here."
        }
    };
    view! {
        <section class="panel explore" aria-labelledby="explore-title">
            <h2 id="explore-title">"Explore the latent space"</h2>
            // The picker is built when the dataset arrives, not when a run ends (48 canvases in
            // one task at the end of training showed up as a ~60 ms main-thread task).
            <p class="hint">
                {move || if explore.space.with(Option::is_some) { "Click a test image to start from its code." } else { waiting() }}
            </p>
            <picker::ImagePicker/>
            <Show when=move || explore.space.with(Option::is_some)>
                <sliders::Sliders/>
                <h3>"Interpolate"</h3>
                <paths::Interpolation/>
                <h3>"Four corners"</h3>
                <paths::CornerGrid/>
                <h3>"Sample new images"</h3>
                <paths::Samples/>
                <h3>"What each code unit draws"</h3>
                <units::CodeUnits/>
                <layers::PickedLayers/>
            </Show>
        </section>
        <section class="panel draw-panel" id="draw" aria-labelledby="draw-title">
            <h2 id="draw-title">"Draw a digit"</h2>
            <DrawPanel shape=Signal::derive(move || state.data.get().map(|d| d.shape))/>
        </section>
    }
}

impl ExploreState {
    /// The worker's answers to the explorer's requests: the code space, encodings, decodings,
    /// a drawing's reconstruction, the picker's test images.
    pub fn on_event(&self, event: replab_core::protocol::Event) {
        use replab_core::protocol::Event;
        use decode_queue::{Lane, answered};
        let explore = *self;
        match event {
            Event::LatentReady { space } => {
                let again = explore.start.get_untracked().and_then(|p| p.index).unwrap_or(0);
                explore.clear();
                explore.space.set(Some(space));
                // Start from the same test image as before (or the first), encoded by the new model.
                picker::choose(explore, again);
            }
            Event::Encoded { index, code, layers } if explore.awaiting_code.get_untracked() == Some(index) => {
                explore.awaiting_code.set(None);
                explore.picked_layers.set(Some((index, layers)));
                explore.pick(Picked { index: Some(index), code });
            }
            Event::Decoded { view: replab_core::protocol::View::Map, images } => {
                // Empty: the worker had no model to decode it with (a failed run restarting).
                if images.count > 0 {
                    explore.map.set(Some(images));
                }
                answered(Lane::Decode(replab_core::protocol::View::Map));
            }
            Event::Decoded { view: replab_core::protocol::View::Units, images } => {
                explore.units.set(Some(replab_core::explore::unit_pictures(&images)));
                answered(Lane::Decode(replab_core::protocol::View::Units));
            }
            Event::Decoded { view, images } => {
                if let Some(slot) = explore.decoded.of(view) {
                    slot.set(Some(images));
                }
                answered(Lane::Decode(view));
            }
            Event::Drawn { code, reconstruction, error, unusual, neighbours, neighbour_labels, probabilities, layers, .. } => {
                explore.drawn.set(Some(DrawResult { code, reconstruction, error, unusual, neighbours, neighbour_labels, probabilities, layers }));
                answered(Lane::Draw);
            }
            Event::Classified { probabilities } => {
                explore.classified.set(Some(probabilities));
                answered(Lane::Draw);
            }
            Event::TestImages { start: 0, images, labels } => explore.picker.set(Some((images, labels))),
            _ => {}
        }
    }
}
