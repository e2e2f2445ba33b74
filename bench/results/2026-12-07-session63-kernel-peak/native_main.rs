//! Session 63: this core's multiply-add peak with 128-bit vectors (what wasm SIMD128 can use) and
//! with 256-bit ones, one thread: 12 independent chains of fused multiply-adds.
use std::arch::x86_64::*;
use std::time::Instant;

#[target_feature(enable = "fma,avx")]
unsafe fn fma128(iters: usize) -> f32 {
    let x = _mm_set1_ps(std::hint::black_box(0.999));
    let y = _mm_set1_ps(std::hint::black_box(1e-6));
    let mut acc = [_mm_setzero_ps(); 12];
    for (i, a) in acc.iter_mut().enumerate() { *a = _mm_set1_ps(i as f32); }
    for _ in 0..iters { for a in acc.iter_mut() { *a = _mm_fmadd_ps(*a, x, y); } }
    let mut s = acc[0];
    for a in &acc[1..] { s = _mm_add_ps(s, *a); }
    _mm_cvtss_f32(s)
}

#[target_feature(enable = "fma,avx")]
unsafe fn fma256(iters: usize) -> f32 {
    let x = _mm256_set1_ps(std::hint::black_box(0.999));
    let y = _mm256_set1_ps(std::hint::black_box(1e-6));
    let mut acc = [_mm256_setzero_ps(); 12];
    for (i, a) in acc.iter_mut().enumerate() { *a = _mm256_set1_ps(i as f32); }
    for _ in 0..iters { for a in acc.iter_mut() { *a = _mm256_fmadd_ps(*a, x, y); } }
    let mut s = acc[0];
    for a in &acc[1..] { s = _mm256_add_ps(s, *a); }
    _mm256_cvtss_f32(s)
}

fn main() {
    let iters = 200_000_000usize;
    for rep in 0..5 {
        let t = Instant::now();
        let r = unsafe { fma128(iters) };
        let s128 = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let r2 = unsafe { fma256(iters / 2) };
        let s256 = t.elapsed().as_secs_f64();
        println!("rep {rep}: 128-bit {:.1} GFLOP/s, 256-bit {:.1} GFLOP/s ({r} {r2})",
            (iters * 12 * 8) as f64 / s128 / 1e9, (iters / 2 * 12 * 16) as f64 / s256 / 1e9);
    }
}
