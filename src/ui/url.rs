//! The settings in the address bar, so the current experiment is always a shareable link.

use crate::lab::settings::Settings;

/// Settings from the page's query, with warnings about values that were ignored.
pub fn settings_from_location() -> (Settings, Vec<String>) {
    let query = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    Settings::from_query(&query)
}

thread_local! {
    /// The open preset, kept in the link beside the settings (`&preset=a1`).
    static PRESET: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// One value of the page's query (`?preset=a1` → `query_value("preset")`).
pub fn query_value(key: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get(key)
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
    let url = format!("{path}?{}{preset}", settings.to_query());
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}
