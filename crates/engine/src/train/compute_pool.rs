//! Where the training steps run when flex has a thread pool.
//!
//! flex splits a large matmul or convolution over rayon's global pool. Called from a thread
//! outside the pool (a binary's main thread, the threaded worker's own thread), every split op
//! is injected into the pool from outside: the caller wakes a sleeping pool thread and then
//! sleeps until the op is done, once per op, dozens of times per step. Run from a thread of the
//! pool, a split op pushes its halves onto that thread's own queue, where the other pool
//! threads, still spinning from the previous op, take them at once. Same kernels, same thread
//! count; on this repository's 2-core machine +27% images/s on the small MLP and +11% on the
//! CNN natively (the large MLP's bigger matmuls: unchanged), about +10% on the MLPs in the
//! threaded browser worker (BENCHMARKS.md, session 18).

/// Runs `steps` on a thread of rayon's global pool and waits for it; without a pool (the
/// single-threaded wasm worker), on the calling thread.
#[cfg(any(not(target_arch = "wasm32"), feature = "rayon"))]
pub(crate) fn on_compute_pool<R: Send>(steps: impl FnOnce() -> R + Send) -> R {
    if rayon::current_thread_index().is_some() {
        return steps();
    }
    rayon::scope(|_| steps())
}

/// Runs `steps` on a thread of rayon's global pool and waits for it; without a pool (the
/// single-threaded wasm worker), on the calling thread.
#[cfg(not(any(not(target_arch = "wasm32"), feature = "rayon")))]
pub(crate) fn on_compute_pool<R>(steps: impl FnOnce() -> R) -> R {
    steps()
}
