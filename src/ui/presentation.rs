//! `&present=1`: the presentation view for a projector — large type, the run's progress, loss
//! chart, reconstructions and embedding, without the side controls, the runs and the Explore
//! and Draw parts (and the section bar's links to them); the experiments' gallery while no card
//! is open, an open card alone. A `presenting` class on `<html>`
//! switches it (on the root, so `rem` sizes grow too; style.css does the rest); "Exit
//! presentation" or Escape returns to the normal view and drops `present` from the address bar.
//! While presenting, a QR code of the run's link (`present-qr`) lets a room open the same run
//! (its settings and open card; no autorun, no presentation) on their phones.

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
            <RoomLink/>
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

/// The link a room opens from the projector: this page with the current settings and open card,
/// without autorun or the presentation view.
fn room_link(state: LabState) -> String {
    let (mut extras, _) = url::extras_from_location();
    extras.autorun = false;
    extras.present = false;
    state.settings.with(|settings| url::share_url(settings, &extras))
}

/// `text` as a QR code in SVG (medium error correction, a quiet zone); empty if it does not
/// fit in a QR code.
fn qr_svg(text: &str) -> String {
    match qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M) {
        Ok(code) => code
            .render::<qrcode::render::svg::Color<'_>>()
            .min_dimensions(240, 240)
            .dark_color(qrcode::render::svg::Color("#000000"))
            .light_color(qrcode::render::svg::Color("#ffffff"))
            .quiet_zone(true)
            .build(),
        Err(_) => String::new(),
    }
}

/// `present-qr`: the room's way in, in a corner of the presentation view.
#[component]
fn RoomLink() -> impl IntoView {
    let state = expect_context::<LabState>();
    let link = Memo::new(move |_| room_link(state));
    view! {
        <figure class="present-qr" data-testid="present-qr" data-link=move || link.get()>
            <div class="qr" role="img" aria-label="QR code of this run's link" inner_html=move || qr_svg(&link.get())></div>
            <figcaption>"Scan to open this run on your phone"</figcaption>
        </figure>
    }
}
