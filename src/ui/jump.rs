//! A jump to a part of the one long page that lands there although panels out of view are not
//! rendered (style.css).

use leptos::prelude::request_animation_frame;

/// Scroll `target` into view with every panel rendered. A panel out of view is not rendered and
/// holds its last rendered height (`content-visibility`, style.css), which is out of date once
/// its content changed while it was away (a model trained, a card run): a jump far down the page
/// computed with those heights lands short once the panels around the target render a few frames
/// later (a person's own scrolling is kept steady by the browser's scroll anchoring; this jump
/// is not). So for the jump the page renders every panel (`html.jumping`), and two frames later
/// goes back to skipping those out of view, each now holding its real height.
pub fn jump_to(target: web_sys::Element) {
    let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else { return };
    let classes = root.class_list();
    let _ = classes.add_1("jumping");
    target.scroll_into_view();
    request_animation_frame(move || {
        request_animation_frame(move || {
            let _ = classes.remove_1("jumping");
        })
    });
}
