//! The representation-learning lab: an ML core ([`lab`]) that runs natively and in a Web
//! Worker, and a Leptos UI (`ui`, wasm only).

#[cfg(all(target_arch = "wasm32", feature = "ui"))]
pub mod ui;
#[cfg(all(target_arch = "wasm32", feature = "tensor"))]
pub mod worker;
