//! `image-picker`: test images to start from; a click encodes the image with the model.

use leptos::prelude::*;

use super::state::ExploreState;
use replab_core::protocol::Request;
use crate::ui::image_grid::{StripImage, placeholders};

/// Skeleton tiles while the test images load.
const PICKER_SKELETON: usize = 24;
use crate::ui::worker_link::send;

/// Pick the test image `index` to explore from (its code arrives as `Event::Encoded`).
pub fn choose(explore: ExploreState, index: usize) {
    explore.awaiting_code.set(Some(index));
    send(Request::Encode { index });
}

#[component]
pub fn ImagePicker() -> impl IntoView {
    let explore = expect_context::<ExploreState>();
    let selected = move || explore.start.with(|s| s.as_ref().and_then(|p| p.index));
    let images = move || {
        let Some((strip, labels)) = explore.picker.get() else {
            // The test images are on their way with the dataset.
            return placeholders(PICKER_SKELETON, true).into_any();
        };
        (0..strip.count)
            .map(|i| {
                let strip = strip.clone();
                let label = labels[i];
                view! {
                    <button
                        class="pick"
                        class:selected=move || selected() == Some(i)
                        prop:disabled=move || explore.space.with(Option::is_none)
                        data-index=i
                        title=format!("test image #{i} (label {label})")
                        on:click=move |_| choose(explore, i)
                    >
                        <StripImage strip=strip index=i role="test image"/>
                    </button>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="picker" data-testid="image-picker" role="group" aria-label="Test images to explore from">
            {images}
        </div>
    }
}
