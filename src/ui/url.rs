//! The settings in the address bar, so the current experiment is always a shareable link.

use crate::lab::settings::Settings;

/// Settings from the page's query, with warnings about values that were ignored.
pub fn settings_from_location() -> (Settings, Vec<String>) {
    let query = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    Settings::from_query(&query)
}

/// Replace the query with `settings` (no new history entry).
pub fn write_location(settings: &Settings) {
    let Some(window) = web_sys::window() else { return };
    let path = window.location().pathname().unwrap_or_default();
    let url = format!("{path}?{}", settings.to_query());
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}
