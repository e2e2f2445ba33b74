//! Downloading one file of a full dataset with progress, and checking it against the host's
//! manifest (its size and SHA-256).

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStreamDefaultReader, Response};

use super::OfferedFile;

fn describe(e: wasm_bindgen::JsValue) -> String {
    e.as_string()
        .or_else(|| Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string()))
        .unwrap_or_else(|| "the network request failed".into())
}

/// `url`'s body, calling `progress(bytes so far)` after each chunk that arrives.
pub async fn fetch_with_progress(url: &str, mut progress: impl FnMut(u64)) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response: Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| format!("could not download {url}: {}", describe(e)))?
        .unchecked_into();
    if !response.ok() {
        return Err(format!("could not download {url}: HTTP {}", response.status()));
    }
    let body = response.body().ok_or_else(|| format!("{url} came with no body"))?;
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut bytes = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(|e| format!("the download of {url} broke off: {}", describe(e)))?;
        if Reflect::get(&chunk, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true) {
            break;
        }
        let value: Uint8Array = Reflect::get(&chunk, &"value".into()).map_err(describe)?.unchecked_into();
        let start = bytes.len();
        bytes.resize(start + value.length() as usize, 0);
        value.copy_to(&mut bytes[start..]);
        progress(bytes.len() as u64);
    }
    Ok(bytes)
}

/// The SHA-256 of `bytes` as lowercase hex (the browser's Web Crypto).
pub async fn sha256_hex(bytes: &[u8]) -> Result<String, String> {
    let crypto = web_sys::window().ok_or("no window")?.crypto().map_err(describe)?;
    let data = Uint8Array::from(bytes);
    let promise = crypto.subtle().digest_with_str_and_buffer_source("SHA-256", &data).map_err(describe)?;
    let digest = JsFuture::from(promise).await.map_err(describe)?;
    Ok(Uint8Array::new(&digest).to_vec().iter().map(|b| format!("{b:02x}")).collect())
}

/// Whether `bytes` are `file` as the manifest describes it; the reason when not.
pub async fn check(file: &OfferedFile, bytes: &[u8]) -> Result<(), String> {
    if bytes.len() as u64 != file.bytes {
        return Err(format!("{} arrived with {} bytes instead of {} (a broken download): try again", file.path, bytes.len(), file.bytes));
    }
    if sha256_hex(bytes).await? != file.sha256 {
        return Err(format!("{} does not match its checksum (a corrupted download): try again", file.path));
    }
    Ok(())
}
