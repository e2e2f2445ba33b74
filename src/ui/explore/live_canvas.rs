//! A canvas that redraws in place whenever its image changes (no element churn while a
//! slider is dragged).

use leptos::html;
use leptos::prelude::*;

use replab_core::protocol::ImageStrip;
use crate::ui::image_grid::draw;

/// Image `index` of `strip`, kept on one canvas.
#[component]
pub fn LiveCanvas(
    /// The strip and which of its images to show (`None`: blank).
    #[prop(into)]
    image: Signal<Option<(ImageStrip, usize)>>,
    testid: &'static str,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] label: &'static str,
) -> impl IntoView {
    let canvas = NodeRef::<html::Canvas>::new();
    Effect::new(move |_| match (canvas.get(), image.get()) {
        (Some(c), Some((strip, index))) => draw(&c, &strip, index),
        // Nothing to show: a zero-size canvas is blank (its CSS box stays).
        (Some(c), None) => c.set_width(0),
        _ => {}
    });
    view! { <canvas node_ref=canvas class=format!("thumb {class}") data-testid=testid aria-label=label></canvas> }
}
