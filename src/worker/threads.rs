//! The threaded worker's rayon pool (feature `threads`, built by scripts/build-threads.sh).
//!
//! With the pool, flex splits each large matmul and convolution over Web Workers that share
//! this worker's wasm memory (wasm-bindgen-rayon). The pool must exist before anything asks
//! rayon for threads: rayon's global pool is built once, on first use, and a pool built by
//! accident (one thread, no Web Workers behind it) makes `initThreadPool` fail. So `run()`
//! awaits [`start_pool`] before it announces readiness, i.e. before any tensor is made.
//!
//! The helper threads enter the wasm through `wbg_rayon_start_worker`: wasm-bindgen's start
//! function runs `main` (and so the static constructors) on the first thread only.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Threads in the pool; 0 without one (the single-threaded build, or a pool that failed).
static THREADS: AtomicUsize = AtomicUsize::new(0);

/// Threads in the pool, 0 without one.
pub fn count() -> usize {
    THREADS.load(Ordering::Relaxed)
}

/// The sentence the backend badge adds for the CPU: how many threads train.
pub fn cpu_label() -> String {
    match count() {
        0 => "CPU, 1 thread".into(),
        1 => "CPU, 1 thread (thread pool)".into(),
        n => format!("CPU, {n} threads"),
    }
}

/// Start the pool with one thread per logical core (`navigator.hardwareConcurrency`), or with
/// the `threads=N` of the worker script's query (benchmarks: bench/threads.mjs). On failure
/// training still works, single-threaded (flex then runs everything on this thread).
#[cfg(feature = "threads")]
pub async fn start_pool() -> Result<usize, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
    let cores = scope.navigator().hardware_concurrency();
    let cores = if cores.is_finite() && cores >= 1.0 { cores as usize } else { 1 };
    let asked = super::query_param("threads")
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|n| (1..=64).contains(n));
    let n = asked.unwrap_or(cores);
    JsFuture::from(wasm_bindgen_rayon::init_thread_pool(n))
        .await
        .map_err(|e| format!("{e:?}"))?;
    THREADS.store(n, Ordering::Relaxed);
    Ok(n)
}
