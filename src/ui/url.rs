//! The settings in the address bar, so the current experiment is always a shareable link.

use replab_core::link::{LinkExtras, link_query, read_extras};
use replab_core::settings::Settings;

/// Settings from the page's query, with warnings about values that were ignored.
pub fn settings_from_location() -> (Settings, Vec<String>) {
    let query = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    Settings::from_query(&query)
}

thread_local! {
    /// The open preset, kept in the link beside the settings (`&preset=a1`).
    static PRESET: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    /// The presentation view is on, kept in the link (`&present=1`).
    static PRESENT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// What the page's link asks for beside the settings (preset, autorun, present), with
/// warnings about values that were ignored.
pub fn extras_from_location() -> (LinkExtras, Vec<String>) {
    let query = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    read_extras(&query)
}

/// This page's address without its query: what every link of the lab starts with.
pub fn page_url() -> String {
    let location = web_sys::window().map(|w| w.location());
    let part = |f: fn(&web_sys::Location) -> Result<String, wasm_bindgen::JsValue>| {
        location.as_ref().and_then(|l| f(l).ok()).unwrap_or_default()
    };
    format!("{}{}", part(web_sys::Location::origin), part(web_sys::Location::pathname))
}

/// An absolute link to this page that opens `settings` with `extras`.
pub fn share_url(settings: &Settings, extras: &LinkExtras) -> String {
    format!("{}?{}", page_url(), link_query(settings, extras))
}

/// Keep `&present=1` (or not) in the address bar from now on.
pub fn set_present(on: bool, settings: &Settings) {
    PRESENT.with(|p| p.set(on));
    write_location(settings);
}

/// Keep `id` (or no preset) in the address bar from now on.
pub fn set_preset(id: Option<&str>, settings: &Settings) {
    PRESET.with(|p| *p.borrow_mut() = id.map(str::to_string));
    write_location(settings);
}

/// Replace the query with `settings` and the open preset (no new history entry).
pub fn write_location(settings: &Settings) {
    let Some(window) = web_sys::window() else { return };
    let path = window.location().pathname().unwrap_or_default();
    let preset = PRESET.with(|p| p.borrow().as_ref().map(|id| format!("&preset={id}")).unwrap_or_default());
    let present = if PRESENT.with(|p| p.get()) { "&present=1" } else { "" };
    // The fragment (the part of the page a link opens at) is kept.
    let hash = window.location().hash().unwrap_or_default();
    let url = format!("{path}?{}{preset}{present}{hash}", settings.to_query());
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}
