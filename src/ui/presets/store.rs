//! Finished experiment results kept in the browser (IndexedDB `replab-data`, store `presets`,
//! one record per experiment: its latest finished result and when it finished), so that a
//! reload, a closed tab or a discarded background tab loses no result. Results are stored as the
//! JS values the worker's messages carry (`serde_wasm_bindgen`, kept by structured clone), not
//! as JSON, which has no NaN (a figure a run could not measure).

use wasm_bindgen::JsValue;

use replab_core::presets::PresetResult;
use crate::idb::{committed, say};

const PRESETS: &str = "presets";

/// Keep `result` as experiment `result.id`'s latest, replacing an earlier one.
pub async fn put(result: &PresetResult, finished_at: f64) -> Result<(), String> {
    let value = serde_wasm_bindgen::to_value(result).map_err(say)?;
    let db = crate::idb::open_data().await?;
    let tx = db.transaction(&[PRESETS], idb::TransactionMode::ReadWrite).map_err(say)?;
    let row = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&row, &"result".into(), &value);
    let _ = js_sys::Reflect::set(&row, &"finished_at".into(), &finished_at.into());
    let _put = tx.object_store(PRESETS).map_err(say)?.put(&row.into(), Some(&JsValue::from_str(&result.id))).map_err(say)?;
    let ok = committed(tx).await;
    db.close();
    if ok { Ok(()) } else { Err("the browser refused to keep it (is its storage full?)".into()) }
}

/// Every kept result with when it finished; records that no longer read (an older format) are
/// left out, with the count of them.
pub async fn all() -> Result<(Vec<(PresetResult, f64)>, usize), String> {
    let db = crate::idb::open_data().await?;
    let tx = db.transaction(&[PRESETS], idb::TransactionMode::ReadOnly).map_err(say)?;
    let rows = tx.object_store(PRESETS).map_err(say)?.get_all(None, None).map_err(say)?.await.map_err(say)?;
    db.close();
    let mut out = Vec::new();
    let mut unreadable = 0;
    for row in rows {
        let value = js_sys::Reflect::get(&row, &"result".into()).unwrap_or(JsValue::UNDEFINED);
        let at = js_sys::Reflect::get(&row, &"finished_at".into()).ok().and_then(|t| t.as_f64()).unwrap_or(0.0);
        match serde_wasm_bindgen::from_value::<PresetResult>(value) {
            Ok(result) => out.push((result, at)),
            Err(_) => unreadable += 1,
        }
    }
    Ok((out, unreadable))
}
