//! Dates as the visitor reads them.

use wasm_bindgen::JsValue;

/// A moment (ms since the epoch) in the browser's language and time zone, with the month named
/// where the language names it ("4 Dec 2026, 21:46" in en-GB, "Dec 4, 2026, 9:46 PM" in
/// en-US), so that nobody reads 4/12 as 12 April.
pub fn local_date_time(ms: f64) -> String {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    let date = js_sys::Date::new(&JsValue::from_f64(ms));
    String::from(date.to_locale_string("default", &options))
}
