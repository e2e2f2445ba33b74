//! The run in training's latest checkpoint, kept in IndexedDB (`replab` / `checkpoints`) so that
//! a reload, a closed or discarded tab or a crashed worker loses at most a minute of it.
//!
//! The worker writes the checkpoint itself ([`put`]): its megabytes (weights, the optimiser's
//! state) never cross to the page, whose frame an epoch-end write used to hold for 20–50 ms
//! (BENCHMARKS.md, session 33). The page adds the curves so far once the worker says the
//! checkpoint is kept ([`put_curves`]; `ui::runs::checkpoint`), reads both back on its next
//! visit ([`read`]) and drops them when the run ends ([`delete`]).

use std::future::IntoFuture;

use idb::TransactionMode;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use crate::idb::{committed, open_runs, say};
use replab_core::checkpoint::Checkpoint;

const STORE: &str = "checkpoints";
/// The worker's record: a [`Stored`].
const CHECKPOINT: &str = "checkpoint";
/// The page's record: the curves up to the checkpoint's step.
const CURVES: &str = "curves";
/// Until session 33 the page kept the checkpoint and its curves as one record under this key;
/// still read, so that a run left unfinished across the update can be resumed.
const LEGACY: &str = "current";

/// What the worker keeps: the checkpoint, and when it was taken.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stored {
    pub checkpoint: Checkpoint,
    /// Milliseconds since 1970 (UTC).
    pub saved_at: f64,
}

/// What [`read`] finds.
pub enum Kept {
    /// The worker's record (a [`Stored`]) and the page's curves, if it wrote them.
    Split { stored: JsValue, curves: Option<JsValue> },
    /// A record from before session 33 (`ui::runs::KeptRun`).
    Legacy(JsValue),
}

/// The worker: keep `checkpoint` as the latest, replacing the one before.
pub async fn put(checkpoint: Checkpoint) -> Result<(), String> {
    let value = serde_wasm_bindgen::to_value(&Stored { checkpoint, saved_at: js_sys::Date::now() }).map_err(say)?;
    put_value(CHECKPOINT, &value).await
}

/// The page: keep the curves that go with the latest checkpoint.
pub async fn put_curves(value: &JsValue) -> Result<(), String> {
    put_value(CURVES, value).await
}

async fn put_value(key: &str, value: &JsValue) -> Result<(), String> {
    let db = open_runs().await?;
    let tx = db.transaction(&[STORE], TransactionMode::ReadWrite).map_err(say)?;
    let _put = tx.object_store(STORE).map_err(say)?.put(value, Some(&JsValue::from_str(key))).map_err(say)?;
    let ok = committed(tx).await;
    db.close();
    if ok { Ok(()) } else { Err("the browser refused to store it (is its storage full?)".into()) }
}

/// The page: what is kept, if anything.
pub async fn read() -> Result<Option<Kept>, String> {
    let db = open_runs().await?;
    let tx = db.transaction(&[STORE], TransactionMode::ReadOnly).map_err(say)?;
    let store = tx.object_store(STORE).map_err(say)?;
    // All three asked for before any is awaited (each future listens from `into_future` on).
    let [stored, curves, legacy] = [CHECKPOINT, CURVES, LEGACY].map(|key| store.get(JsValue::from_str(key)).map(IntoFuture::into_future));
    let (stored, curves, legacy) = (stored.map_err(say)?, curves.map_err(say)?, legacy.map_err(say)?);
    let (stored, curves, legacy) = (stored.await.map_err(say)?, curves.await.map_err(say)?, legacy.await.map_err(say)?);
    db.close();
    Ok(match (stored, legacy) {
        (Some(stored), _) => Some(Kept::Split { stored, curves }),
        (None, Some(legacy)) => Some(Kept::Legacy(legacy)),
        (None, None) => None,
    })
}

/// The page: drop what is kept (the run ended, or another started).
pub async fn delete() -> Result<(), String> {
    let db = open_runs().await?;
    let tx = db.transaction(&[STORE], TransactionMode::ReadWrite).map_err(say)?;
    let store = tx.object_store(STORE).map_err(say)?;
    for key in [CHECKPOINT, CURVES, LEGACY] {
        let _delete = store.delete(JsValue::from_str(key)).map_err(say)?;
    }
    let ok = committed(tx).await;
    db.close();
    if ok { Ok(()) } else { Err("the browser refused the delete".into()) }
}
