//! Download the shipped dataset files (relative to the worker script, so any sub-path works).

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Response, WorkerGlobalScope};

fn describe(e: JsValue) -> String {
    e.as_string()
        .or_else(|| e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())))
        .unwrap_or_else(|| format!("{e:?}"))
}

/// The bytes at `url`, or a sentence saying why not.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let scope: WorkerGlobalScope = js_sys::global().unchecked_into();
    let response: Response = JsFuture::from(scope.fetch_with_str(url))
        .await
        .map_err(|e| format!("could not download {url}: {}", describe(e)))?
        .unchecked_into();
    if !response.ok() {
        return Err(format!("could not download {url}: HTTP {}", response.status()));
    }
    let buffer = response.array_buffer().map_err(|e| format!("could not read {url}: {}", describe(e)))?;
    let buffer = JsFuture::from(buffer).await.map_err(|e| format!("could not read {url}: {}", describe(e)))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
