//! What SimCLR trains on: a few test images, each beside two random augmentations of itself (a
//! "positive pair"), made with the same policy the worker trains with.

use leptos::prelude::*;
use rand::SeedableRng;
use rand::rngs::StdRng;

use replab_core::augment::Augmentation;
use replab_core::data::bytes_from_unit;
use replab_core::protocol::ImageStrip;
use crate::ui::explore::ExploreState;
use crate::ui::image_grid::strip_view;

/// Images shown, each with its two views.
const SHOWN: usize = 4;

/// Rows of (original, view A, view B) for the first [`SHOWN`] images of `strip`.
fn positive_pairs(strip: &ImageStrip, seed: u64) -> ImageStrip {
    let shape = strip.shape;
    let augmentation = Augmentation::for_images(shape);
    let mut rng = StdRng::seed_from_u64(seed);
    let count = SHOWN.min(strip.count);
    let mut pixels = Vec::with_capacity(count * 3 * shape.len());
    for i in 0..count {
        let original = &strip.pixels[i * shape.len()..(i + 1) * shape.len()];
        let unit: Vec<f32> = original.iter().map(|&b| f32::from(b) / 255.0).collect();
        pixels.extend_from_slice(original);
        pixels.extend(bytes_from_unit(&augmentation.apply(&unit, &mut rng)));
        pixels.extend(bytes_from_unit(&augmentation.apply(&unit, &mut rng)));
    }
    ImageStrip { shape, count: count * 3, pixels }
}

#[component]
pub fn AugmentPreview() -> impl IntoView {
    let explore = expect_context::<ExploreState>();
    let seed = RwSignal::new(1u64);
    let pairs = move || explore.picker.with(|p| p.as_ref().map(|(strip, _)| positive_pairs(strip, seed.get())));
    view! {
        <figure class="augment" data-testid="augment-preview">
            <figcaption>
                "Positive pairs: each image (left) and two random augmentations of it. NT-Xent pulls the two views together and pushes every other image away."
            </figcaption>
            <div class="augment-grid">{move || strip_view(pairs(), "augmented")}</div>
            <button on:click=move |_| seed.update(|s| *s += 1)>"New views"</button>
        </figure>
    }
}
