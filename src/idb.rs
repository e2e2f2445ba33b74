//! The browser's IndexedDB, as the lab's stores use it (saved runs, the run in training's
//! checkpoint, full datasets): open a database with its object stores, and wait for a
//! transaction's outcome. In the page and in the training worker alike (both have `indexedDB`).

use idb::{Database, DatabaseEvent, Factory, KeyPath, ObjectStoreParams};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The lab's data database, `replab-data`: the full datasets (`files`, `sets`; see
/// `ui::full_data`) and the finished experiment results (`presets`; `ui::presets`).
/// Version 2 added `presets`.
pub async fn open_data() -> Result<Database, String> {
    open("replab-data", 2, &[("files", None), ("sets", None), ("presets", None)]).await
}

/// The lab's runs database, `replab`: saved runs (`runs`, keyed by their `id`; their
/// `.safetensors` bytes in `weights`) and the run in training's checkpoint (`checkpoints`; see
/// [`crate::kept_checkpoint`]). Version 2 added `checkpoints`.
pub async fn open_runs() -> Result<Database, String> {
    open("replab", 2, &[("runs", Some("id")), ("weights", None), ("checkpoints", None)]).await
}

/// An error of the `idb` crate (or any) as the message the page shows.
pub fn say(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Database `name` at `version`, creating each of `stores` (name, and the key path its records
/// carry, or `None` for out-of-line keys) that does not exist yet.
pub async fn open(name: &str, version: u32, stores: &'static [(&'static str, Option<&'static str>)]) -> Result<Database, String> {
    let factory = Factory::new().map_err(|_| "this browser offers no IndexedDB (private mode?)".to_string())?;
    let mut request = factory.open(name, Some(version)).map_err(say)?;
    request.on_upgrade_needed(move |event| {
        let Ok(db) = event.database() else { return };
        let names = db.store_names();
        for &(store, key) in stores {
            if !names.iter().any(|n| n == store) {
                let mut params = ObjectStoreParams::new();
                if let Some(key) = key {
                    params.key_path(Some(KeyPath::new_single(key)));
                }
                let _ = db.create_object_store(store, params);
            }
        }
    });
    request.await.map_err(say)
}

/// Whether `tx` committed (false: it aborted — a failed write, e.g. a full quota, whose error
/// events bubble up first). Waits on the raw transaction: `idb`'s own future drops its event
/// handlers at the first error, and the abort that follows then calls a dropped closure.
pub async fn committed(tx: idb::Transaction) -> bool {
    let tx: web_sys::IdbTransaction = tx.into();
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let on_abort = resolve.clone();
        // Exactly one of the two fires, once; the other closure is leaked (a few bytes).
        let complete = Closure::once_into_js(move || resolve.call1(&JsValue::NULL, &JsValue::TRUE));
        let abort = Closure::once_into_js(move || on_abort.call1(&JsValue::NULL, &JsValue::FALSE));
        tx.set_oncomplete(Some(complete.unchecked_ref()));
        tx.set_onabort(Some(abort.unchecked_ref()));
    });
    JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()).unwrap_or(false)
}
