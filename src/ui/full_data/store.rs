//! Full datasets kept in the browser's IndexedDB (database `replab-data`, apart from the saved
//! runs): each file's bytes in `files` under `<dataset key>/<n>`, and the set's description in
//! `sets` under the dataset key, all written in one transaction, so a full disk leaves nothing
//! half-stored.

use idb::{Database, TransactionMode};
use wasm_bindgen::{JsCast, JsValue};

use replab_core::data::DatasetId;
use crate::idb::{committed, say};

const FILES: &str = "files";
const SETS: &str = "sets";

async fn open() -> Result<Database, String> {
    crate::idb::open_data().await
}

fn file_key(id: DatasetId, index: usize) -> JsValue {
    JsValue::from_str(&format!("{}/{index}", id.key()))
}

/// Keep `files` as the full `id`, replacing an earlier copy; all or nothing.
pub async fn put(id: DatasetId, files: &[Vec<u8>]) -> Result<(), String> {
    let db = open().await?;
    let tx = db.transaction(&[FILES, SETS], TransactionMode::ReadWrite).map_err(say)?;
    let store = tx.object_store(FILES).map_err(say)?;
    for (i, bytes) in files.iter().enumerate() {
        let _put = store.put(&js_sys::Uint8Array::from(bytes.as_slice()).into(), Some(&file_key(id, i))).map_err(say)?;
    }
    let total: usize = files.iter().map(Vec::len).sum();
    let set = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&set, &"files".into(), &(files.len() as f64).into());
    let _ = js_sys::Reflect::set(&set, &"bytes".into(), &(total as f64).into());
    let _ = js_sys::Reflect::set(&set, &"stored_at".into(), &js_sys::Date::now().into());
    let _set = tx.object_store(SETS).map_err(say)?.put(&set.into(), Some(&JsValue::from_str(id.key()))).map_err(say)?;
    let ok = committed(tx).await;
    db.close();
    if ok { Ok(()) } else { Err("the browser refused to keep it (is its storage full?)".into()) }
}

/// The stored full `id`'s bytes in all, or `None` when it is not stored.
pub async fn stored_bytes(id: DatasetId) -> Result<Option<u64>, String> {
    let db = open().await?;
    let tx = db.transaction(&[SETS], TransactionMode::ReadOnly).map_err(say)?;
    let set = tx.object_store(SETS).map_err(say)?.get(JsValue::from_str(id.key())).map_err(say)?.await.map_err(say)?;
    db.close();
    Ok(set.and_then(|s| js_sys::Reflect::get(&s, &"bytes".into()).ok()).and_then(|b| b.as_f64()).map(|b| b as u64))
}

/// The stored full `id`'s files, in order; an error when it is missing or incomplete.
pub async fn files(id: DatasetId) -> Result<Vec<Vec<u8>>, String> {
    let db = open().await?;
    let tx = db.transaction(&[FILES, SETS], TransactionMode::ReadOnly).map_err(say)?;
    let set = tx.object_store(SETS).map_err(say)?.get(JsValue::from_str(id.key())).map_err(say)?.await.map_err(say)?;
    let count = set
        .and_then(|s| js_sys::Reflect::get(&s, &"files".into()).ok())
        .and_then(|n| n.as_f64())
        .ok_or_else(|| format!("the full {} is not stored in this browser", id.title()))? as usize;
    let store = tx.object_store(FILES).map_err(say)?;
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let value = store.get(file_key(id, i)).map_err(say)?.await.map_err(say)?;
        let bytes = value
            .and_then(|v| v.dyn_into::<js_sys::Uint8Array>().ok())
            .ok_or_else(|| format!("file {} of the stored full {} is missing: download it again", i + 1, id.title()))?;
        out.push(bytes.to_vec());
    }
    db.close();
    Ok(out)
}

/// Remove the stored full `id`.
pub async fn forget(id: DatasetId, files: usize) -> Result<(), String> {
    let db = open().await?;
    let tx = db.transaction(&[FILES, SETS], TransactionMode::ReadWrite).map_err(say)?;
    let store = tx.object_store(FILES).map_err(say)?;
    for i in 0..files {
        let _delete = store.delete(file_key(id, i)).map_err(say)?;
    }
    let _set = tx.object_store(SETS).map_err(say)?.delete(JsValue::from_str(id.key())).map_err(say)?;
    let ok = committed(tx).await;
    db.close();
    if ok { Ok(()) } else { Err("the browser refused the delete".into()) }
}
