//! The representation-learning lab: an ML core ([`lab`]) that runs natively and in a Web
//! Worker, and a Leptos UI (`ui`, wasm only).

#[cfg(all(target_arch = "wasm32", feature = "ui"))]
pub mod ui;
#[cfg(all(target_arch = "wasm32", feature = "tensor"))]
pub mod worker;
/// IndexedDB as the page and the worker both use it.
#[cfg(target_arch = "wasm32")]
pub mod idb;
/// The run in training's checkpoint in IndexedDB: the worker writes it, the page reads it.
#[cfg(target_arch = "wasm32")]
pub mod kept_checkpoint;
