//! Offering bytes or text to the user as a file download.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Save `url` as `name` through a temporary link.
pub fn save_url(url: &str, name: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(link) = document.create_element("a").map(|e| e.unchecked_into::<web_sys::HtmlAnchorElement>()) else { return };
    link.set_href(url);
    link.set_download(name);
    link.click();
}

/// Offer `part` (a string or a byte array) as the file `name` of MIME type `mime`.
fn save_blob(part: &JsValue, mime: &str, name: &str) {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&js_sys::Array::of1(part), &options) else { return };
    if let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) {
        save_url(&url, name);
        let _ = web_sys::Url::revoke_object_url(&url);
    }
}

pub fn download_text(name: &str, mime: &str, text: &str) {
    save_blob(&JsValue::from_str(text), mime, name);
}

pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) {
    save_blob(&js_sys::Uint8Array::from(bytes).into(), mime, name);
}
