//! Downloads of a preset's result: the table as CSV, the chart as PNG (the SVG drawn onto a
//! canvas at twice its size).

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Offer `text` as a CSV file.
pub fn download_csv(name: &str, text: &str) {
    crate::ui::download::download_text(name, "text/csv", text);
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
                crate::ui::download::save_url(&url, &name);
            }
        }
    });
    image.set_onload(Some(onload.unchecked_ref()));
    image.set_src(&source);
}
