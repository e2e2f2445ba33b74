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

use burn::prelude::Device;

/// Runs `steps` on a thread of rayon's global pool when `device` is flex's (the CPU), and waits
/// for it. On any other device (wgpu: its work is the GPU's, and burn's fusion keeps a stream per
/// calling thread), or without a pool (the single-threaded wasm worker), on the calling thread.
#[cfg(any(not(target_arch = "wasm32"), feature = "rayon"))]
pub(crate) fn on_compute_pool(device: &Device, steps: impl FnOnce() + Send) {
    let on_flex = matches!(device.clone().inner().as_dispatch(), burn::backend::DispatchDevice::Flex(_));
    if !on_flex || rayon::current_thread_index().is_some() {
        return steps();
    }
    rayon::scope(|_| steps())
}

/// Runs `steps` on the calling thread: the single-threaded wasm worker has no pool.
#[cfg(not(any(not(target_arch = "wasm32"), feature = "rayon")))]
pub(crate) fn on_compute_pool(_device: &Device, steps: impl FnOnce()) {
    steps()
}
