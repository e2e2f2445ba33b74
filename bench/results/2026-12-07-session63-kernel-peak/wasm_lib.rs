//! Session 63: gemm's relaxed SIMD128 kernel (the lab's patched gemm-f32) against the fastest
//! the browser's wasm can multiply-add, one thread.
use core::arch::wasm32::*;
use gemm::{gemm, Parallelism};

/// `iters` products m × k by k × n, as flex calls gemm (row-major, read_dst = false).
#[no_mangle]
pub extern "C" fn run(m: usize, k: usize, n: usize, iters: usize) -> f32 {
    let a = vec![0.5f32; m * k];
    let b = vec![0.25f32; k * n];
    let mut c = vec![0f32; m * n];
    for _ in 0..iters {
        unsafe {
            gemm(m, n, k, c.as_mut_ptr(), 1, n as isize, false, a.as_ptr(), 1, k as isize, b.as_ptr(), 1, n as isize, 0.0, 1.0, false, false, false, Parallelism::None);
        }
    }
    c[0] + c[m * n - 1]
}

macro_rules! peak {
    ($name:ident, $feat:literal, $op:expr) => {
        /// `iters` rounds of 12 independent 4-lane multiply-adds (8 flops each):
        /// enough independent chains to cover the latency of two pipes.
        #[no_mangle]
        #[target_feature(enable = $feat)]
        pub extern "C" fn $name(iters: usize) -> f32 {
            let x = f32x4_splat(core::hint::black_box(0.999_f32));
            let y = f32x4_splat(core::hint::black_box(1e-6_f32));
            let mut acc = [f32x4_splat(0.0); 12];
            for (i, a) in acc.iter_mut().enumerate() {
                *a = f32x4_splat(i as f32);
            }
            for _ in 0..iters {
                for a in acc.iter_mut() {
                    *a = $op(*a, x, y);
                }
            }
            let mut s = acc[0];
            for a in &acc[1..] {
                s = f32x4_add(s, *a);
            }
            f32x4_extract_lane::<0>(s)
        }
    };
}
peak!(peak_relaxed_madd, "relaxed-simd", |a, x, y| f32x4_relaxed_madd(a, x, y));
peak!(peak_mul_add, "simd128", |a, x, y| f32x4_add(f32x4_mul(a, x), y));
