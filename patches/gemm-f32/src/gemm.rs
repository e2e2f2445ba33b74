pub mod f32 {
    type T = f32;

    #[cfg(not(all(target_arch = "wasm32", feature = "relaxed-simd")))]
    gemm_common::gemm_def!(f32, 2);

    #[cfg(all(target_arch = "wasm32", feature = "relaxed-simd"))]
    pub use relaxed_wasm::*;

    /// The lab's patch: `gemm_common::gemm_def!(f32, 2)` as it expands on wasm32, with a second
    /// set of SIMD128 kernels (`crate::microkernel::simd128_narrow`) that [`use_wasm_tile`]
    /// switches to. Until it is called, gemm's own set runs, as without the patch.
    #[cfg(all(target_arch = "wasm32", feature = "relaxed-simd"))]
    mod relaxed_wasm {
        use super::T;
        use core::sync::atomic::{AtomicPtr, Ordering};

        type GemmTy = unsafe fn(
            usize,
            usize,
            usize,
            *mut T,
            isize,
            isize,
            bool,
            *const T,
            isize,
            isize,
            *const T,
            isize,
            isize,
            T,
            T,
            bool,
            bool,
            bool,
            gemm_common::Parallelism,
        );

        /// Which set of SIMD128 kernels gemm's products run.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum WasmTile {
            /// gemm's own: twelve rows by four columns, unrolled by two.
            Wide,
            /// Twelve rows by three columns, not unrolled.
            Narrow,
        }

        impl WasmTile {
            fn gemm_fn(self) -> GemmTy {
                if !gemm_common::feature_detected!("simd128") {
                    return scalar::gemm_basic;
                }
                match self {
                    WasmTile::Wide => simd128::gemm_basic,
                    WasmTile::Narrow => simd128_narrow::gemm_basic,
                }
            }
        }

        static GEMM_PTR: AtomicPtr<()> = AtomicPtr::new(core::ptr::null_mut());

        /// Every product from now on (on every thread: the choice is one static) runs `tile`.
        pub fn use_wasm_tile(tile: WasmTile) {
            GEMM_PTR.store(tile.gemm_fn() as *mut (), Ordering::Relaxed);
        }

        /// `dst = lhs · rhs` (m × k by k × n, row-major, on this thread) with `tile`'s kernels,
        /// whatever [`use_wasm_tile`] chose: for timing the two sets against each other.
        ///
        /// # Panics
        /// If a slice's length is not its matrix's size.
        pub fn product_with(tile: WasmTile, m: usize, k: usize, n: usize, lhs: &[T], rhs: &[T], dst: &mut [T]) {
            assert!(lhs.len() == m * k && rhs.len() == k * n && dst.len() == m * n, "matrix sizes");
            // SAFETY: the three slices hold the row-major matrices the strides describe, and
            // `dst` is not read (read_dst = false).
            unsafe {
                tile.gemm_fn()(
                    m, n, k, dst.as_mut_ptr(), 1, n as isize, false, lhs.as_ptr(), 1, k as isize, rhs.as_ptr(), 1,
                    n as isize, 0.0, 1.0, false, false, false, gemm_common::Parallelism::None,
                )
            }
        }

        #[inline(always)]
        pub fn get_gemm_fn() -> GemmTy {
            let mut gemm_fn = GEMM_PTR.load(Ordering::Relaxed);
            if gemm_fn.is_null() {
                gemm_fn = WasmTile::Wide.gemm_fn() as *mut ();
                GEMM_PTR.store(gemm_fn, Ordering::Relaxed);
            }
            // SAFETY: only `GemmTy` pointers are stored.
            unsafe { core::mem::transmute(gemm_fn) }
        }

        gemm_common::__inject_mod!(scalar, f32, 1, Scalar, false);
        gemm_common::__inject_mod!(simd128, f32, 4, Scalar, false);
        gemm_common::__inject_mod!(simd128_narrow, f32, 4, Scalar, false);
    }
}
