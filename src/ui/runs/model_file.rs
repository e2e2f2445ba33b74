//! `export-safetensors` and `import-safetensors`: the current model to and from a file that
//! PyTorch reads (see the snippet in docs/model-files.md).

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;

use super::download_config;
use replab_core::protocol::{ExportPurpose, Request, RunEnd};
use super::RunsState;
use crate::ui::state::RunPhase;
use crate::ui::worker_link::send;

/// Read a picked `.safetensors` file and ask the worker to load it.
fn import(runs: RunsState, file: web_sys::File) {
    let state = runs.lab;
    if let Some(message) = replab_core::data::refused_by_size(&file.name(), file.size()) {
        return state.error.set(Some(format!("{message} The current model is unchanged.")));
    }
    wasm_bindgen_futures::spawn_local(async move {
        match JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => send(Request::ImportModel {
                name: file.name(),
                bytes: js_sys::Uint8Array::new(&buffer).to_vec(),
                fallback: state.settings.get_untracked().hp,
            }),
            Err(e) => state.error.set(Some(format!("Could not read {}: {e:?}", file.name()))),
        }
    });
}

#[component]
pub fn ModelFileButtons() -> impl IntoView {
    let runs = expect_context::<RunsState>();
    let state = runs.lab;
    let has_model = move || matches!(state.run.get(), RunPhase::Ended(ref end) if !matches!(end, RunEnd::Failed { .. }));
    let on_pick = move |e: ev::Event| {
        let Some(input) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
        if let Some(file) = input.files().and_then(|l| l.get(0)) {
            import(runs, file);
        }
        input.set_value("");
    };
    view! {
        <div class="model-file">
            <button
                data-testid="export-safetensors"
                title="Download the weights with PyTorch parameter names; the config is in the file's metadata"
                prop:disabled=move || !has_model() || state.busy()
                on:click=move |_| send(Request::ExportModel { purpose: ExportPurpose::Download })
            >
                "Export .safetensors"
            </button>
            <Show when=move || runs.last_card.with(Option::is_some)>
                <button
                    class="link"
                    data-testid="export-config"
                    on:click=move |_| runs.last_card.with_untracked(|c| c.iter().for_each(download_config))
                >
                    "config.json"
                </button>
            </Show>
            <label class="button-like">
                "Import .safetensors"
                <input
                    type="file"
                    accept=".safetensors"
                    class="visually-hidden"
                    data-testid="import-safetensors"
                    prop:disabled=move || state.busy()
                    on:change=on_pick
                />
            </label>
        </div>
    }
}
