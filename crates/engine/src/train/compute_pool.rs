//! Where the training steps run when flex has a thread pool.
//!
//! flex splits a large matmul or convolution over rayon's global pool. Called from a thread
//! outside the pool (a binary's main thread, the threaded worker's own thread), every split op
//! is injected into the pool from outside: the caller wakes a sleeping pool thread and then
//! sleeps until the op is done, once per op, dozens of times per step. Run from a thread of the
//! pool, a split op pushes its halves onto that thread's own queue, where the other pool
//! threads, still spinning from the previous op, take them at once. On this repository's 2-core
//! machine that is +9-23% natively per training step (BENCHMARKS.md, session 18), with nothing
//! else changed: same kernels, same thread count.

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
