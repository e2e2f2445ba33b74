//! Downloads of a preset's result: the table as CSV, the chart as PNG (the SVG drawn onto a
//! canvas at twice its size).

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Save `url` as `name` through a temporary link.
fn save(url: &str, name: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(link) = document.create_element("a").map(|e| e.unchecked_into::<web_sys::HtmlAnchorElement>()) else { return };
    link.set_href(url);
    link.set_download(name);
    link.click();
}

/// Offer `text` as a CSV file.
pub fn download_csv(name: &str, text: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    if let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) {
        save(&url, name);
        let _ = web_sys::Url::revoke_object_url(&url);
    }
}

/// Offer the open preset's chart as a PNG.
pub fn download_png(name: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(svg) = document.query_selector("[data-testid=\"preset-chart\"]").ok().flatten() else { return };
    let Ok(serializer) = web_sys::XmlSerializer::new() else { return };
    let Ok(markup) = serializer.serialize_to_string(&svg) else { return };
    let source = format!("data:image/svg+xml;charset=utf-8,{}", String::from(js_sys::encode_uri_component(&markup)));
    let Ok(image) = web_sys::HtmlImageElement::new() else { return };
    let name = name.to_string();
    let loaded = image.clone();
    let onload = Closure::once_into_js(move || {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        let Ok(canvas) = document.create_element("canvas").map(|e| e.unchecked_into::<web_sys::HtmlCanvasElement>()) else { return };
        let (w, h) = (loaded.natural_width() * 2, loaded.natural_height() * 2);
        canvas.set_width(w);
        canvas.set_height(h);
        if let Some(ctx) = crate::ui::canvas2d::context(&canvas) {
            let _ = ctx.draw_image_with_html_image_element_and_dw_and_dh(&loaded, 0.0, 0.0, f64::from(w), f64::from(h));
            if let Ok(url) = canvas.to_data_url_with_type("image/png") {
                save(&url, &name);
            }
        }
    });
    image.set_onload(Some(onload.unchecked_ref()));
    image.set_src(&source);
}
