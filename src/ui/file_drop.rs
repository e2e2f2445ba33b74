//! Loading the user's own data files: a file picker, or files dropped anywhere on the page.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{FileList, HtmlInputElement};

use super::state::LabState;
use super::worker_link::send;
use replab_core::data::refused_by_size;
use replab_core::protocol::{Request, UserFile};

fn files_of(list: &FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Read `files` and hand them to the worker to parse.
fn load(state: LabState, files: Vec<web_sys::File>) {
    if files.is_empty() {
        return;
    }
    if state.busy_now() {
        state.error.set(Some("Stop the current run before loading other data.".into()));
        return;
    }
    if let Some(message) = files.iter().find_map(|f| refused_by_size(&f.name(), f.size())) {
        state.error.set(Some(format!("{message} Nothing was loaded; the data loaded before stays.")));
        return;
    }
    state.loading.set(true);
    wasm_bindgen_futures::spawn_local(async move {
        let mut out = Vec::with_capacity(files.len());
        for file in files {
            match JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => out.push(UserFile { name: file.name(), bytes: js_sys::Uint8Array::new(&buffer).to_vec() }),
                Err(e) => {
                    state.loading.set(false);
                    state.error.set(Some(format!("could not read {}: {e:?}", file.name())));
                    return;
                }
            }
        }
        send(Request::LoadFiles { files: out });
    });
}

/// `<input type=file>` for IDX or CIFAR-10 files (`data-file-input`).
#[component]
pub fn FilePicker() -> impl IntoView {
    let state = expect_context::<LabState>();
    let on_change = move |e: ev::Event| {
        let Some(input) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
        if let Some(list) = input.files() {
            load(state, files_of(&list));
        }
        // Picking the same files again should load them again.
        input.set_value("");
    };
    view! {
        <label class="field file">
            <span>"Your own files"</span>
            <input type="file" multiple data-testid="data-file-input" on:change=on_change prop:disabled=move || state.busy()/>
        </label>
        <p class="hint">
            "IDX image + label files (e.g. the full 60k MNIST, gzip or raw), CIFAR-10 .bin batches, "
            "or the whole cifar-10-binary.tar.gz. "
            "Or drop them anywhere on the page."
        </p>
    }
}

/// Accept files dropped anywhere on the page, with an overlay while dragging.
#[component]
pub fn DropTarget() -> impl IntoView {
    let state = expect_context::<LabState>();
    let dragging = RwSignal::new(false);
    let over = window_event_listener(ev::dragover, move |e| {
        e.prevent_default();
        dragging.set(true);
    });
    let leave = window_event_listener(ev::dragleave, move |e| {
        if e.related_target().is_none() {
            dragging.set(false);
        }
    });
    let drop = window_event_listener(ev::drop, move |e| {
        e.prevent_default();
        dragging.set(false);
        if let Some(list) = e.data_transfer().and_then(|d| d.files()) {
            load(state, files_of(&list));
        }
    });
    on_cleanup(move || {
        over.remove();
        leave.remove();
        drop.remove();
    });
    view! {
        <Show when=move || dragging.get()>
            <div class="drop-overlay">"Drop IDX or CIFAR-10 files to load them"</div>
        </Show>
    }
}
