//! Where the training steps run when flex has a thread pool.
//!
//! flex splits a large matmul or convolution over rayon's global pool. Called from a thread
//! outside the pool (a binary's main thread, the threaded worker's own thread), every split op
//! is injected into the pool from outside: the caller wakes a sleeping pool thread and then
//! sleeps until the op is done, once per op, dozens of times per step. Run from a thread of the
//! pool, a split op pushes its halves onto that thread's own queue, where the other pool
//! threads take them. Same kernels, same thread count; on this repository's 2-core machine +27%
//! images/s on the small MLP and +11% on the CNN natively (the large MLP's bigger matmuls:
//! unchanged), about +10% on the MLPs in the threaded browser worker (BENCHMARKS.md, session 18).
//! The other pool threads are kept awake for the chunk of steps ([`KeptAwake`], session 23), so
//! that they take each half at once instead of being woken for it.

use burn::prelude::Device;

#[cfg(any(not(target_arch = "wasm32"), feature = "rayon"))]
use super::step::is_flex;

/// Runs `steps` on a thread of rayon's global pool when `device` is flex's (the CPU), and waits
/// for it, with the pool's other threads kept busy-waiting for its splits (see [`KeptAwake`]).
/// On any other device (wgpu: its work is the GPU's, and burn's fusion keeps a stream per calling
/// thread), or without a pool (the single-threaded wasm worker), on the calling thread.
#[cfg(any(not(target_arch = "wasm32"), feature = "rayon"))]
pub(crate) fn on_compute_pool(device: &Device, steps: impl FnOnce() + Send) {
    if !is_flex(device) || rayon::current_thread_index().is_some() {
        return steps();
    }
    let Some(awake) = KeptAwake::claim() else {
        // Another caller's steps hold the pool's other threads: split ops wake them as usual.
        return rayon::scope(|_| steps());
    };
    rayon::scope(|s| {
        let runner = rayon::current_thread_index();
        let awake = &awake;
        s.spawn_broadcast(move |_, thread| {
            if Some(thread.index()) != runner {
                awake.help_until_done();
            }
        });
        let _done = awake.done_on_drop();
        steps()
    })
}

#[cfg(any(not(target_arch = "wasm32"), feature = "rayon"))]
use kept_awake::KeptAwake;

#[cfg(any(not(target_arch = "wasm32"), feature = "rayon"))]
mod kept_awake {
    use std::sync::atomic::{AtomicBool, Ordering};

    /// The pool's other threads busy-waiting while one thread runs the steps.
    ///
    /// A pool thread with nothing to do goes to sleep after a few rounds of looking for work,
    /// and a split op must then wake it: a futex wake natively, `memory.atomic.notify` on a Web
    /// Worker in the browser, where the rounds are nearly free (`std::thread::yield_now` does
    /// nothing on wasm32), so a pool thread sleeps again between any two ops. On a small model,
    /// whose split matmuls take a few hundred microseconds, the wake-up then eats much of the
    /// split's gain. Held awake for the chunk of steps, the other threads take each half as soon
    /// as it is pushed (`rayon::yield_now` runs it). The cost: those threads spin through the
    /// steps' serial parts (one chunk, then they sleep as before). BENCHMARKS.md, session 23.
    ///
    /// One caller at a time ([`KeptAwake::claim`]): helpers of two callers could each stop the
    /// other's steps on a thread where they run nested under the other's waiting job, so a
    /// second concurrent caller (tests training side by side) runs without.
    pub(super) struct KeptAwake {
        done: AtomicBool,
    }

    static CLAIMED: AtomicBool = AtomicBool::new(false);

    impl KeptAwake {
        pub(super) fn claim() -> Option<Self> {
            CLAIMED
                .compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed)
                .ok()
                .map(|_| Self { done: false.into() })
        }

        /// Run the pool's work as it appears until the steps are done.
        pub(super) fn help_until_done(&self) {
            while !self.done.load(Ordering::Acquire) {
                if rayon::yield_now() == Some(rayon::Yield::Idle) {
                    std::hint::spin_loop();
                }
            }
        }

        /// Marks the steps done when dropped, also when they panic (the helpers must stop for
        /// the scope to end and pass the panic on).
        pub(super) fn done_on_drop(&self) -> DoneOnDrop<'_> {
            DoneOnDrop(&self.done)
        }
    }

    impl Drop for KeptAwake {
        fn drop(&mut self) {
            CLAIMED.store(false, Ordering::Release);
        }
    }

    pub(super) struct DoneOnDrop<'a>(&'a AtomicBool);

    impl Drop for DoneOnDrop<'_> {
        fn drop(&mut self) {
            self.0.store(true, Ordering::Release);
        }
    }
}

/// Runs `steps` on the calling thread: the single-threaded wasm worker has no pool.
#[cfg(not(any(not(target_arch = "wasm32"), feature = "rayon")))]
pub(crate) fn on_compute_pool(_device: &Device, steps: impl FnOnce()) {
    steps()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use burn::tensor::{Distribution, Tensor};

    /// Matmuls large enough for flex to split (m·n·k ≥ 192³), so the helpers have work to take.
    fn split_matmuls(device: &Device) -> f32 {
        let a = Tensor::<2>::random([256, 512], Distribution::Uniform(0.0, 1.0), device);
        let b = Tensor::<2>::random([512, 256], Distribution::Uniform(0.0, 1.0), device);
        let mut sum = 0.0;
        for _ in 0..5 {
            let mean: f32 = a.clone().matmul(b.clone()).mean().into_scalar();
            sum += mean;
        }
        sum
    }

    #[test]
    fn the_steps_run_on_the_pool() {
        let device = Device::flex();
        let mut sum = 0.0;
        on_compute_pool(&device, || sum = split_matmuls(&device));
        assert!(sum > 0.0);
    }

    #[test]
    fn callers_side_by_side_all_finish() {
        // Two (or more) trainers on the one pool: only one holds the helpers, none waits on the
        // other's. A deadlock here hangs the test.
        let handles: Vec<_> = (0..4)
            .map(|_| {
                std::thread::spawn(|| {
                    let device = Device::flex();
                    let mut sums = Vec::new();
                    for _ in 0..5 {
                        let mut sum = 0.0;
                        on_compute_pool(&device, || sum = split_matmuls(&device));
                        sums.push(sum);
                    }
                    sums
                })
            })
            .collect();
        for h in handles {
            assert!(h.join().expect("a caller panicked").iter().all(|&s| s > 0.0));
        }
    }

    #[test]
    fn a_panic_in_the_steps_reaches_the_caller_and_frees_the_helpers() {
        let device = Device::flex();
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            on_compute_pool(&device, || {
                split_matmuls(&device);
                panic!("a bug in a step");
            })
        }));
        assert!(caught.is_err());
        let mut sum = 0.0;
        on_compute_pool(&device, || sum = split_matmuls(&device));
        assert!(sum > 0.0);
    }
}
