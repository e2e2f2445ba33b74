//! The training worker: owns the device, the dataset and the trainer, and talks to the page
//! only through [`Request`] and [`Event`] messages. Training runs in chunks; between chunks
//! the worker yields to its event loop so Pause and Stop arrive promptly.

mod analysis;
mod calibration;
mod checkpoints;
mod device;
mod fetch;
#[cfg(feature = "relaxed-simd")]
mod gemm_tile;
mod mailbox;
mod messages;
mod model_file;
mod preset;
mod session;
mod snapshot_clock;
pub mod threads;
mod yield_now;

use futures_channel::mpsc::TryRecvError;
use futures_lite::StreamExt;
use wasm_bindgen::prelude::*;
use web_sys::DedicatedWorkerGlobalScope;

use replab_core::protocol::Event;

/// The value of `name` in the worker script's query, if it has one (test and benchmark settings:
/// `threads=N`, `kernels=12x4`). Through reflection: web-sys's WorkerLocation feature would
/// rebuild web-sys for both bins.
#[cfg(any(feature = "threads", feature = "relaxed-simd"))]
pub(crate) fn query_param(name: &str) -> Option<String> {
    let search = js_sys::Reflect::get(&js_sys::global(), &"location".into())
        .and_then(|l| js_sys::Reflect::get(&l, &"search".into()))
        .ok()?
        .as_string()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get(name)
}

/// Send one event to the page.
pub fn post(event: &Event) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    match serde_wasm_bindgen::to_value(event) {
        Ok(value) => {
            if let Err(e) = scope.post_message(&value) {
                web_sys::console::error_2(&"worker: postMessage failed".into(), &e);
            }
        }
        Err(e) => web_sys::console::error_1(&format!("worker: cannot encode {event:?}: {e}").into()),
    }
}

/// Report a panic to the page as well as to the console: after a panic the worker's state
/// cannot be trusted, and the page should say so instead of waiting forever.
fn report_panics() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        post(&Event::Crashed { message: info.to_string() });
    }));
}

// wasm-ld links a bin as a "command" and, unless the module runs its static constructors
// itself, re-runs all of them at the top of *every* export, i.e. on every call from JS into the
// wasm (each message, each promise callback, each externref slot). burn's IR registers
// thousands of constructors (inventory), so that cost ~10 ms per call: slider decodes took
// 30–90 ms instead of ~1 ms. Calling them once in [`main`] turns the wrapping off (see
// inventory's docs).
#[cfg(target_arch = "wasm32")]
unsafe extern "C" {
    fn __wasm_call_ctors();
}

/// Entry point of both worker bins (`worker`: WebGPU and the CPU; `worker_cpu`: the CPU only, a
/// smaller download): run the static constructors once, listen, then announce readiness.
pub fn main() {
    #[cfg(target_arch = "wasm32")]
    // SAFETY: called once, first, before anything reads a constructed static.
    unsafe {
        __wasm_call_ctors()
    };
    run();
}

fn run() {
    report_panics();
    let mut requests = mailbox::listen();
    wasm_bindgen_futures::spawn_local(async move {
        // The threaded build: the pool first, before any tensor (see `threads`). Requests that
        // arrive meanwhile wait in the mailbox.
        #[cfg(feature = "threads")]
        if let Err(e) = threads::start_pool().await {
            web_sys::console::warn_2(&"worker: no thread pool, training on one thread:".into(), &e.into());
        }
        let mut session = session::Session::default();
        post(&Event::WorkerReady);
        loop {
            let request = if session.has_work() {
                match requests.try_recv() {
                    Ok(r) => Some(r),
                    Err(TryRecvError::Empty) => None,
                    Err(TryRecvError::Closed) => return,
                }
            } else {
                match requests.next().await {
                    Some(r) => Some(r),
                    None => return,
                }
            };
            match request {
                Some(r) => session.handle(r).await,
                None => {
                    session.work_chunk().await;
                    // Let the event loop deliver any waiting message before the next chunk.
                    yield_now::yield_now().await;
                }
            }
        }
    });
}
