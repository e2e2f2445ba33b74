//! Your own photo of a handwritten digit (`photo-input`; `photo-camera` opens a phone's camera,
//! `camera-live` a laptop's, see `camera.rs`):
//! decoded by the browser, scaled to at most [`LONGEST`] pixels, turned into pad ink by
//! `replab_core::explore::ink_from_photo` (paper and ink told apart, uneven light taken out,
//! specks dropped), and put on the drawing pad, where MNIST's preprocessing and the model take
//! it like a drawing. Nothing is uploaded or kept: the photo lives in the tab until Clear.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CanvasRenderingContext2d, File, HtmlCanvasElement, HtmlVideoElement, ImageBitmap};

use crate::ui::canvas2d::{context, put_rgba};
use replab_core::explore::ink_from_photo;

/// The longer side a photo is scaled to before its ink is found: plenty for a 28×28 digit, and
/// a few milliseconds of work whatever the camera's resolution.
const LONGEST: f64 = 400.0;
/// Files larger than this are refused before they are decoded.
const MAX_BYTES: f64 = 40e6;

/// The ink of a photo: values in `[0, 1]`, `width × height`.
pub struct PhotoInk {
    pub ink: Vec<f32>,
    pub width: usize,
    pub height: usize,
}

/// Decode `file` and find its ink, or say in a sentence why not.
pub async fn ink_of(file: &File) -> Result<PhotoInk, String> {
    let name = file.name();
    if file.size() > MAX_BYTES {
        return Err(format!("{name} is {:.0} MB: a photo of up to 40 MB is read. The pad is unchanged.", file.size() / 1e6));
    }
    let window = web_sys::window().ok_or("no window")?;
    let promise = window.create_image_bitmap_with_blob(file).map_err(|e| format!("{e:?}"))?;
    let bitmap: ImageBitmap = match JsFuture::from(promise).await {
        Ok(value) => value.unchecked_into(),
        Err(_) => return Err(format!("{name} is not an image this browser can read (PNG, JPEG, WebP, GIF…). The pad is unchanged.")),
    };
    let (w, h) = (f64::from(bitmap.width()), f64::from(bitmap.height()));
    if w < 1.0 || h < 1.0 {
        return Err(format!("{name} holds an empty image. The pad is unchanged."));
    }
    let ink = ink_of_picture(w, h, &name, |ctx, dw, dh| ctx.draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, dw, dh));
    bitmap.close();
    ink
}

/// The ink of the picture a live camera shows now (`video` playing its stream).
pub fn ink_of_frame(video: &HtmlVideoElement) -> Result<PhotoInk, String> {
    let (w, h) = (f64::from(video.video_width()), f64::from(video.video_height()));
    if w < 1.0 || h < 1.0 {
        return Err("The camera had no picture yet: open it again and wait for the picture before taking the photo. The pad is unchanged.".into());
    }
    ink_of_picture(w, h, "the camera's picture", |ctx, dw, dh| ctx.draw_image_with_html_video_element_and_dw_and_dh(video, 0.0, 0.0, dw, dh))
}

/// A `w × h` picture, drawn by `draw` scaled to at most [`LONGEST`] pixels, turned into ink;
/// `name` says which picture in a message.
fn ink_of_picture(
    w: f64,
    h: f64,
    name: &str,
    draw: impl FnOnce(&CanvasRenderingContext2d, f64, f64) -> Result<(), JsValue>,
) -> Result<PhotoInk, String> {
    let scale = (LONGEST / w.max(h)).min(1.0);
    let (width, height) = (((w * scale).round() as usize).max(1), ((h * scale).round() as usize).max(1));
    let canvas = scratch_canvas(width, height).ok_or("no canvas")?;
    let ctx = context(&canvas).ok_or("no 2-D context")?;
    draw(&ctx, width as f64, height as f64).map_err(|e| format!("{e:?}"))?;
    let rgba = ctx.get_image_data(0.0, 0.0, width as f64, height as f64).map_err(|e| format!("{e:?}"))?.data().0;
    let ink = ink_from_photo(&rgba, width, height);
    if ink.iter().all(|&v| v == 0.0) {
        return Err(format!("No writing was found in {name}: photograph a digit written dark on light paper (or light on a dark board), filling most of the picture."));
    }
    Ok(PhotoInk { ink, width, height })
}

/// Paint `photo`'s ink (as the pen's colour, its strength as opacity) centred on the pad,
/// fitted into its `side × side` CSS pixels.
pub fn paint_ink(ctx: &web_sys::CanvasRenderingContext2d, photo: &PhotoInk, side: f64) {
    let Some(canvas) = scratch_canvas(photo.width, photo.height) else { return };
    let Some(scratch) = context(&canvas) else { return };
    let rgba: Vec<u8> = photo.ink.iter().flat_map(|&v| [17, 17, 17, (v * 255.0).round() as u8]).collect();
    if !put_rgba(&scratch, &rgba, photo.width, photo.height) {
        return;
    }
    let scale = side / photo.width.max(photo.height) as f64;
    let (w, h) = (photo.width as f64 * scale, photo.height as f64 * scale);
    ctx.draw_image_with_html_canvas_element_and_dw_and_dh(&canvas, (side - w) / 2.0, (side - h) / 2.0, w, h).ok();
}

fn scratch_canvas(width: usize, height: usize) -> Option<HtmlCanvasElement> {
    let canvas: HtmlCanvasElement = web_sys::window()?.document()?.create_element("canvas").ok()?.unchecked_into();
    canvas.set_width(width as u32);
    canvas.set_height(height as u32);
    Some(canvas)
}
