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

// ---- micro-kernels alone (session 63): gemm's x3x4 and hand-written tiles, packed operands in L1.

/// gemm-f32's own 3 × 4 kernel (12 rows × 4 columns), `k` deep, `iters` times: rhs packed
/// (`rhs_cs` = 1, as gemm leaves it when it packs) or as an unpacked strided view (`rhs_cs` = k).
#[no_mangle]
pub extern "C" fn gemm_x3x4(k: usize, iters: usize, packed: u32) -> f32 {
    let lhs = vec![0.5f32; 12 * k];
    let rhs = vec![0.25f32; 4 * k];
    let mut dst = vec![0f32; 12 * 4];
    let (rhs_rs, rhs_cs) = if packed != 0 { (4isize, 1isize) } else { (1, k as isize) };
    for _ in 0..iters {
        unsafe {
            gemm_f32::microkernel::simd128::f32::x3x4(
                12, 4, k, dst.as_mut_ptr(), lhs.as_ptr(), rhs.as_ptr(), 12, 1, 12, rhs_rs, rhs_cs,
                0.0, 1.0, 0, false, false, false, lhs.as_ptr(),
            );
        }
    }
    dst[0] + dst[47]
}

/// An MR × NR (in vectors × columns) kernel on packed operands: lhs MR vectors a step, rhs NR
/// values a step, broadcast from fixed offsets. `U` steps unrolled.
#[inline(always)]
unsafe fn hand<const MR: usize, const NR: usize, const U: usize>(k: usize, lhs: *const f32, rhs: *const f32, dst: *mut f32) {
    let mut acc = [[f32x4_splat(0.0); MR]; NR];
    let mut l = lhs;
    let mut r = rhs;
    for _ in 0..k / U {
        for u in 0..U {
            let mut a = [f32x4_splat(0.0); MR];
            for i in 0..MR {
                a[i] = v128_load(l.add((u * MR + i) * 4) as *const v128);
            }
            for j in 0..NR {
                let b = v128_load32_splat(r.add(u * NR + j) as *const u32);
                for i in 0..MR {
                    acc[j][i] = f32x4_relaxed_madd(a[i], b, acc[j][i]);
                }
            }
        }
        l = l.add(U * MR * 4);
        r = r.add(U * NR);
    }
    for j in 0..NR {
        for i in 0..MR {
            v128_store(dst.add((j * MR + i) * 4) as *mut v128, acc[j][i]);
        }
    }
}

macro_rules! hand_kernel {
    ($name:ident, $mr:literal, $nr:literal, $u:literal) => {
        #[no_mangle]
        #[target_feature(enable = "simd128,relaxed-simd")]
        pub extern "C" fn $name(k: usize, iters: usize) -> f32 {
            let lhs = vec![0.5f32; $mr * 4 * k];
            let rhs = vec![0.25f32; $nr * k];
            let mut dst = vec![0f32; $mr * 4 * $nr];
            for _ in 0..iters {
                unsafe { hand::<$mr, $nr, $u>(k, lhs.as_ptr(), rhs.as_ptr(), dst.as_mut_ptr()) };
                core::hint::black_box(&mut dst);
            }
            dst[0] + dst[$mr * 4 * $nr - 1]
        }
    };
}
hand_kernel!(hand_3x4_u1, 3, 4, 1);
hand_kernel!(hand_3x4_u2, 3, 4, 2);
hand_kernel!(hand_2x6_u1, 2, 6, 1);
hand_kernel!(hand_2x5_u1, 2, 5, 1);
hand_kernel!(hand_2x4_u1, 2, 4, 1);
hand_kernel!(hand_3x3_u1, 3, 3, 1);
hand_kernel!(hand_4x3_u1, 4, 3, 1);
hand_kernel!(hand_2x6_u2, 2, 6, 2);

macro_rules! gemm_kernel {
    ($name:ident, $f:ident, $mr:literal, $nr:literal) => {
        /// gemm-f32's own kernel `$f`, rhs packed or strided (see `gemm_x3x4`).
        #[no_mangle]
        pub extern "C" fn $name(k: usize, iters: usize, packed: u32) -> f32 {
            let lhs = vec![0.5f32; $mr * 4 * k];
            let rhs = vec![0.25f32; $nr * k];
            let mut dst = vec![0f32; $mr * 4 * $nr];
            let (rhs_rs, rhs_cs) = if packed != 0 { ($nr as isize, 1isize) } else { (1, k as isize) };
            for _ in 0..iters {
                unsafe {
                    gemm_f32::microkernel::simd128::f32::$f(
                        $mr * 4, $nr, k, dst.as_mut_ptr(), lhs.as_ptr(), rhs.as_ptr(), $mr * 4, 1, $mr * 4, rhs_rs, rhs_cs,
                        0.0, 1.0, 0, false, false, false, lhs.as_ptr(),
                    );
                }
            }
            dst[0] + dst[$mr * 4 * $nr - 1]
        }
    };
}
gemm_kernel!(gemm_x3x3, x3x3, 3, 3);
gemm_kernel!(gemm_x2x4, x2x4, 2, 4);
hand_kernel!(hand_3x3_u2, 3, 3, 2);
hand_kernel!(hand_2x4_u2, 2, 4, 2);
hand_kernel!(hand_4x2_u1, 4, 2, 1);
hand_kernel!(hand_3x3_u4, 3, 3, 4);

/// Session 63 check: gemm on pseudo-random data of any shape (row-major, read_dst = false as
/// flex calls it, and transposed rhs), the output's bits folded into one number.
#[no_mangle]
pub extern "C" fn check(m: usize, k: usize, n: usize, seed: u32, transposed: u32) -> u32 {
    let mut s = seed.wrapping_mul(2654435761).wrapping_add(1);
    let mut next = || { s ^= s << 13; s ^= s >> 17; s ^= s << 5; (s as f32 / u32::MAX as f32) - 0.5 };
    let a: Vec<f32> = (0..m * k).map(|_| next()).collect();
    let b: Vec<f32> = (0..k * n).map(|_| next()).collect();
    let mut c = vec![f32::NAN; m * n];
    // transposed: b holds n x k row-major, read as its k x n transpose (rs 1, cs k).
    let (b_cs, b_rs) = if transposed != 0 { (k as isize, 1isize) } else { (1, n as isize) };
    unsafe {
        gemm(m, n, k, c.as_mut_ptr(), 1, n as isize, false, a.as_ptr(), 1, k as isize, b.as_ptr(), b_cs, b_rs, 0.0, 1.0, false, false, false, Parallelism::None);
    }
    c.iter().fold(0u32, |h, v| h.rotate_left(5) ^ v.to_bits())
}
