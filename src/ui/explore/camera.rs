//! A live camera (`camera-live`), for a laptop's webcam: only when clicked does the page ask the
//! browser for the camera (`getUserMedia`); its picture then shows in the page (`camera-video`)
//! until **Take photo** (`camera-take`) — the frame goes through the same ink finder as a photo
//! file (`photo::ink_of_frame`) — or **Cancel** (`camera-cancel`). The camera is switched off as
//! soon as either is pressed, and when the pad goes away; no frame leaves the tab or is kept. A
//! refused, missing or busy camera is said in a sentence (through `on_photo`, shown as
//! `photo-error`) and nothing else changes. Phones open their own camera app instead (the file
//! input with `capture`, `photo-camera`), so the style sheet shows this button on fine pointers
//! only.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{DomException, MediaStream, MediaStreamConstraints, MediaStreamTrack};

use super::photo::{PhotoInk, ink_of_frame};

/// Why the camera did not start, in a sentence for the page.
fn refusal(error: &JsValue) -> String {
    let name = error.dyn_ref::<DomException>().map(DomException::name).unwrap_or_default();
    match name.as_str() {
        "NotAllowedError" | "SecurityError" => {
            "The camera was not allowed: allow it for this page in the browser's site settings, or use Photo… with a picture file. The pad is unchanged."
        }
        "NotFoundError" | "OverconstrainedError" => "No camera was found on this device: use Photo… with a picture file. The pad is unchanged.",
        "NotReadableError" | "AbortError" => "The camera could not be started (another program may be using it). The pad is unchanged.",
        _ => "The camera could not be started in this browser: use Photo… with a picture file. The pad is unchanged.",
    }
    .to_string()
}

/// Switch every track of `stream` off (the camera's light goes out).
fn stop(stream: &MediaStream) {
    for track in stream.get_tracks().iter() {
        if let Ok(track) = track.dyn_into::<MediaStreamTrack>() {
            track.stop();
        }
    }
}

/// Ask for the camera (the back one where there are two, as a phone's photo of paper wants).
async fn open_camera() -> Result<MediaStream, JsValue> {
    let media = web_sys::window().ok_or(JsValue::NULL)?.navigator().media_devices()?;
    let constraints = MediaStreamConstraints::new();
    let video = js_sys::Object::new();
    js_sys::Reflect::set(&video, &"facingMode".into(), &"environment".into())?;
    constraints.set_video(&video);
    constraints.set_audio(&JsValue::FALSE);
    let stream = JsFuture::from(media.get_user_media_with_constraints(&constraints)?).await?;
    Ok(stream.unchecked_into())
}

#[component]
pub fn LiveCamera(#[prop(into)] on_photo: Callback<Result<PhotoInk, String>>) -> impl IntoView {
    let available = web_sys::window().is_some_and(|w| w.navigator().media_devices().is_ok());
    let stream = StoredValue::new_local(None::<MediaStream>);
    let (starting, open) = (RwSignal::new(false), RwSignal::new(false));
    let video = NodeRef::<html::Video>::new();
    let close = move || {
        stream.update_value(|s| {
            if let Some(s) = s.take() {
                stop(&s);
            }
        });
        open.set(false);
    };
    on_cleanup(move || {
        stream.try_update_value(|s| {
            if let Some(s) = s.take() {
                stop(&s);
            }
        });
    });
    let start = move |_| {
        if starting.get_untracked() || open.get_untracked() {
            return;
        }
        starting.set(true);
        wasm_bindgen_futures::spawn_local(async move {
            let result = open_camera().await;
            starting.set(false);
            match result {
                Ok(s) => {
                    stream.set_value(Some(s));
                    open.set(true);
                }
                Err(e) => on_photo.run(Err(refusal(&e))),
            }
        });
    };
    // The video element exists once the view is open: give it the stream.
    Effect::new(move |_| {
        let Some(v) = video.get() else { return };
        stream.with_value(|s| {
            v.set_muted(true);
            v.set_src_object(s.as_ref());
            let _ = v.play();
        });
    });
    let take = move |_| {
        let Some(v) = video.get_untracked() else { return };
        let result = ink_of_frame(&v);
        close();
        on_photo.run(result);
    };
    view! {
        <Show when=move || available>
            <button
                class="camera-live"
                data-testid="camera-live"
                title="Take a photo of a digit written on paper with this computer's camera: nothing is recorded or sent"
                disabled=move || starting.get() || open.get()
                on:click=start
            >
                "Camera"
            </button>
        </Show>
        <Show when=move || open.get()>
            <div class="camera-view" role="group" aria-label="Camera">
                <video node_ref=video data-testid="camera-video" autoplay=true playsinline=true></video>
                <div class="row">
                    <button data-testid="camera-take" on:click=take>"Take photo"</button>
                    <button data-testid="camera-cancel" on:click=move |_| close()>"Cancel"</button>
                </div>
                <p class="hint">"Hold the paper so the digit fills most of the picture. Nothing is recorded or sent; the camera goes off when you take the photo or cancel."</p>
            </div>
        </Show>
    }
}
