//! Saved runs in the browser's IndexedDB (database `replab`, [`crate::idb::open_runs`]): the
//! run's description in the `runs` store, its `.safetensors` bytes in `weights`, both written in
//! one transaction, so a failed write (a full quota) leaves no half-saved run and never touches
//! earlier ones.

use idb::{Database, TransactionMode};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::record::SavedRun;
use crate::idb::{committed, say};

const RUNS: &str = "runs";
const WEIGHTS: &str = "weights";
/// The key of the last finished run that was replaced without being saved (one at a time: the
/// next one takes its place).
const REPLACED: &str = "replaced";

async fn open() -> Result<Database, String> {
    crate::idb::open_runs().await
}

/// `{id, json}`: the record as the `runs` store keeps it.
fn row_of(run: &SavedRun) -> JsValue {
    let row = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&row, &"id".into(), &run.id.as_str().into());
    let _ = js_sys::Reflect::set(&row, &"json".into(), &run.to_json().into());
    row.into()
}

fn run_of(row: &JsValue) -> Option<SavedRun> {
    let json = js_sys::Reflect::get(row, &"json".into()).ok()?.as_string()?;
    SavedRun::from_json(&json).ok()
}

/// Write a run and its weights, all or nothing.
pub async fn put(run: &SavedRun, weights: &[u8]) -> Result<(), String> {
    let db = open().await?;
    let tx = db.transaction(&[RUNS, WEIGHTS], TransactionMode::ReadWrite).map_err(say)?;
    let bytes: JsValue = js_sys::Uint8Array::from(weights).into();
    let key = JsValue::from_str(&run.id);
    let _weights = tx.object_store(WEIGHTS).map_err(say)?.put(&bytes, Some(&key)).map_err(say)?;
    let _run = tx.object_store(RUNS).map_err(say)?.put(&row_of(run), None).map_err(say)?;
    let ok = committed(tx).await;
    db.close();
    if ok { Ok(()) } else { Err("the browser refused to store it (is its storage full?)".into()) }
}

/// Keep `run` and its weights as the replaced run (under [`REPLACED`], whatever its id),
/// in place of the one kept before.
pub async fn put_replaced(run: &SavedRun, weights: &[u8]) -> Result<(), String> {
    put(&SavedRun { id: REPLACED.into(), ..run.clone() }, weights).await
}

/// Make the replaced run the saved run `run` (its new id and name): its record and weights
/// move in one transaction, so it is in one place or the other.
pub async fn adopt_replaced(run: &SavedRun) -> Result<(), String> {
    let db = open().await?;
    let tx = db.transaction(&[RUNS, WEIGHTS], TransactionMode::ReadWrite).map_err(say)?;
    let weights = tx.object_store(WEIGHTS).map_err(say)?;
    let Some(bytes) = weights.get(JsValue::from_str(REPLACED)).map_err(say)?.await.map_err(say)? else {
        db.close();
        return Err(GONE.into());
    };
    let _weights = weights.put(&bytes, Some(&JsValue::from_str(&run.id))).map_err(say)?;
    let _old_weights = weights.delete(JsValue::from_str(REPLACED)).map_err(say)?;
    let runs = tx.object_store(RUNS).map_err(say)?;
    let _run = runs.put(&row_of(run), None).map_err(say)?;
    let _old_run = runs.delete(JsValue::from_str(REPLACED)).map_err(say)?;
    let ok = committed(tx).await;
    db.close();
    if ok { Ok(()) } else { Err("the browser refused to store it (is its storage full?)".into()) }
}

/// Replace a run's description (a rename), keeping its weights. A run that is no longer
/// stored (another tab deleted it) is not written back without its weights.
pub async fn update(run: &SavedRun) -> Result<(), String> {
    let db = open().await?;
    let tx = db.transaction(&[RUNS], TransactionMode::ReadWrite).map_err(say)?;
    let store = tx.object_store(RUNS).map_err(say)?;
    let present = store.get(JsValue::from_str(&run.id)).map_err(say)?.await.map_err(say)?.is_some();
    if !present {
        db.close();
        return Err(GONE.into());
    }
    let _run = store.put(&row_of(run), None).map_err(say)?;
    let ok = committed(tx).await;
    db.close();
    if ok { Ok(()) } else { Err("the browser refused the write".into()) }
}

/// What acting on a run that is no longer stored says.
pub const GONE: &str = "it is no longer in this browser (deleted in another tab?)";

/// What the store holds.
pub struct Stored {
    /// The saved runs, newest first.
    pub runs: Vec<SavedRun>,
    /// The ids of records that do not read (damaged, or from a format this version does not
    /// know): listed so they can be deleted.
    pub unreadable: Vec<String>,
    /// The last run replaced unsaved, if one is kept.
    pub replaced: Option<SavedRun>,
}

/// Everything the store holds.
pub async fn list() -> Result<Stored, String> {
    let db = open().await?;
    let tx = db.transaction(&[RUNS], TransactionMode::ReadOnly).map_err(say)?;
    let rows = tx.object_store(RUNS).map_err(say)?.get_all(None, None).map_err(say)?.await.map_err(say)?;
    db.close();
    let (mut runs, mut unreadable, mut replaced) = (Vec::new(), Vec::new(), None);
    for row in &rows {
        match run_of(row) {
            Some(run) if run.id == REPLACED => replaced = Some(run),
            Some(run) => runs.push(run),
            None => unreadable.push(
                js_sys::Reflect::get(row, &"id".into()).ok().and_then(|id| id.as_string()).unwrap_or_default(),
            ),
        }
    }
    runs.sort_by(|a, b| b.saved_at.total_cmp(&a.saved_at));
    Ok(Stored { runs, unreadable, replaced })
}

/// A run's `.safetensors` bytes.
pub async fn weights(id: &str) -> Result<Vec<u8>, String> {
    let db = open().await?;
    let tx = db.transaction(&[WEIGHTS], TransactionMode::ReadOnly).map_err(say)?;
    let value = tx.object_store(WEIGHTS).map_err(say)?.get(JsValue::from_str(id)).map_err(say)?.await.map_err(say)?;
    db.close();
    let bytes = value.ok_or_else(|| format!("its weights are missing: {GONE}"))?;
    Ok(bytes.dyn_into::<js_sys::Uint8Array>().map_err(|_| "its weights are unreadable".to_string())?.to_vec())
}

/// Remove a run and its weights.
pub async fn delete(id: &str) -> Result<(), String> {
    let db = open().await?;
    let tx = db.transaction(&[RUNS, WEIGHTS], TransactionMode::ReadWrite).map_err(say)?;
    let _run = tx.object_store(RUNS).map_err(say)?.delete(JsValue::from_str(id)).map_err(say)?;
    let _weights = tx.object_store(WEIGHTS).map_err(say)?.delete(JsValue::from_str(id)).map_err(say)?;
    let ok = committed(tx).await;
    db.close();
    if ok { Ok(()) } else { Err("the browser refused the delete".into()) }
}

/// Bytes used and available to this site (`navigator.storage.estimate()`).
pub async fn usage() -> Option<(f64, f64)> {
    let storage = web_sys::window()?.navigator().storage();
    let estimate = JsFuture::from(storage.estimate().ok()?).await.ok()?;
    let field = |name: &str| js_sys::Reflect::get(&estimate, &name.into()).ok().and_then(|v| v.as_f64());
    Some((field("usage")?, field("quota")?))
}

/// Ask the browser to keep this site's storage until the visitor clears it (Safari otherwise
/// evicts it after 7 days without a visit; others under storage pressure). `Some(granted)`, or
/// `None` where the browser has no such request.
pub async fn persist() -> Option<bool> {
    let storage = web_sys::window()?.navigator().storage();
    JsFuture::from(storage.persist().ok()?).await.ok()?.as_bool()
}
