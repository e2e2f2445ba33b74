//! The representation-learning lab: an ML core ([`lab`]) that runs natively and in a Web
//! Worker, and a Leptos UI (`ui`, wasm only).

pub mod lab;
#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod worker;
