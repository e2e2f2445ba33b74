//! `&present=1`: the presentation view for a projector — large type, the run's progress, loss
//! chart and reconstructions, without the side controls. A `presenting` class on `<html>`
//! switches it (on the root, so `rem` sizes grow too; style.css does the rest); "Exit
//! presentation" or Escape returns to the normal view and drops `present` from the address bar.

use leptos::ev;
use leptos::prelude::*;

use super::state::LabState;
use super::url;

/// Whether the presentation view is on.
#[derive(Clone, Copy)]
pub struct Presentation {
    pub on: RwSignal<bool>,
}

impl Presentation {
    /// `on`: what the link asked for.
    pub fn new(on: bool) -> Self {
        Self { on: RwSignal::new(on) }
    }
}

/// `present-exit` (shown only while presenting), and what keeps `<html>`'s class and the
/// address bar in step with [`Presentation`].
#[component]
pub fn PresentationMode() -> impl IntoView {
    let state = expect_context::<LabState>();
    let presentation = expect_context::<Presentation>();
    // Sync with the outside world: the body's class and the address bar.
    Effect::new(move |_| {
        let on = presentation.on.get();
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.class_list().toggle_with_force("presenting", on);
        }
        url::set_present(on, &state.settings.get_untracked());
    });
    let escape = window_event_listener(ev::keydown, move |e| {
        if e.key() == "Escape" && presentation.on.get_untracked() {
            presentation.on.set(false);
        }
    });
    on_cleanup(move || escape.remove());
    view! {
        <Show when=move || presentation.on.get()>
            <button
                class="present-exit"
                data-testid="present-exit"
                title="Back to the lab with its controls (Esc)"
                on:click=move |_| presentation.on.set(false)
            >
                "Exit presentation"
            </button>
        </Show>
    }
}
