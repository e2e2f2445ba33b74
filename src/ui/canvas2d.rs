//! Small helpers for 2-D canvases.

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The canvas's 2-D context (`None` if the browser refuses one).
pub fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

/// The 2-D context of a canvas whose pixels are read back often (the drawing pad after every
/// stroke): kept in memory, so `getImageData` needs no copy from the GPU. The browser heeds the
/// wish only on a canvas's first `getContext`, so such a canvas asks here every time.
pub fn readable_context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"willReadFrequently".into(), &true.into()).ok()?;
    canvas.get_context_with_context_options("2d", &options).ok().flatten()?.dyn_into().ok()
}

/// Put `width × height` RGBA pixels at the canvas's top-left corner, device pixel for device
/// pixel (no transform applies); `false` when the browser refuses the image (a length that is
/// not `width × height × 4`, a zero side).
pub fn put_rgba(ctx: &CanvasRenderingContext2d, rgba: &[u8], width: usize, height: usize) -> bool {
    web_sys::ImageData::new_with_u8_clamped_array_and_sh(wasm_bindgen::Clamped(rgba), width as u32, height as u32)
        .and_then(|image| ctx.put_image_data(&image, 0.0, 0.0))
        .is_ok()
}

/// Device pixels per CSS pixel (at least 1).
pub fn pixel_ratio() -> f64 {
    web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).max(1.0)
}

/// Size the backing store to `width × height` CSS pixels at the screen's pixel ratio (sharp
/// on high-DPI screens) and scale the context to CSS pixels.
pub fn fit_backing_store(canvas: &HtmlCanvasElement, width: f64, height: f64) -> Option<CanvasRenderingContext2d> {
    let ratio = pixel_ratio();
    let (w, h) = ((width * ratio).round() as u32, (height * ratio).round() as u32);
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    let ctx = context(canvas)?;
    ctx.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0).ok()?;
    Some(ctx)
}
