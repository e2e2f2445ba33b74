//! The patched matmul routine choice (patches/cubek-matmul: the naive routine first, which the
//! worker turns on for a software WebGPU adapter) computes what the tiled routines and the CPU
//! compute, in every layout training produces: plain, either operand transposed (the backward
//! pass's `xᵀ·dy` and `dy·Wᵀ`), batched, and sizes that do not fill a tile.
//!
//! Needs a native wgpu adapter (Vulkan/Metal/DX12; Mesa's lavapipe on a machine without a GPU)
//! and `--features gpu`, so it is not part of `make test`:
//!   cargo test --features gpu --test gpu_matmul
#![cfg(feature = "gpu")]

use burn::prelude::*;

/// `len` numbers in [-1, 1) from a fixed linear congruential sequence.
fn numbers(len: usize, seed: u64) -> Vec<f32> {
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    (0..len)
        .map(|_| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((state >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
        })
        .collect()
}

fn tensor<const D: usize>(values: &[f32], shape: [usize; D], device: &Device) -> Tensor<D> {
    Tensor::<D>::from_data(TensorData::new(values.to_vec(), shape), device)
}

fn values<const D: usize>(t: Tensor<D>) -> Vec<f32> {
    t.into_data().try_into_vec::<f32>().expect("f32 values")
}

#[test]
fn the_naive_routine_matches_the_tiled_ones_and_the_cpu_in_every_layout() {
    let gpu = match Device::wgpu_options().init() {
        Ok(device) => device,
        Err(e) => {
            eprintln!("no native wgpu adapter ({e}): nothing to check");
            return;
        }
    };
    let cpu = Device::flex();
    // (m, k, n): the MLP autoencoder's layers at batch 128, odd sizes, a rank-1 inner dimension.
    for (m, k, n) in [(128, 784, 256), (128, 256, 784), (37, 53, 29), (64, 1, 9), (1, 300, 1000)] {
        let a = numbers(m * k, 1 + m as u64);
        let b = numbers(k * n, 2 + n as u64);
        // The CPU's products, in the same four layouts: a·b, (aᵀ)ᵀ·b, a·(bᵀ)ᵀ, and batched.
        let expected = values(tensor(&a, [m, k], &cpu).matmul(tensor(&b, [k, n], &cpu)));
        for naive in [false, true] {
            cubek_matmul::strategy::set_prefer_naive(naive);
            let plain = tensor(&a, [m, k], &gpu).matmul(tensor(&b, [k, n], &gpu));
            // The same products from operands stored transposed (strided views, as autodiff makes).
            let a_t = tensor(&values(tensor(&a, [m, k], &cpu).transpose()), [k, m], &gpu).transpose();
            let b_t = tensor(&values(tensor(&b, [k, n], &cpu).transpose()), [n, k], &gpu).transpose();
            let lhs_transposed = a_t.matmul(tensor(&b, [k, n], &gpu));
            let rhs_transposed = tensor(&a, [m, k], &gpu).matmul(b_t);
            let batched = tensor(&[a.clone(), a.clone()].concat(), [2, m, k], &gpu).matmul(tensor(&[b.clone(), b.clone()].concat(), [2, k, n], &gpu));
            let batched = values(batched);
            let cases = [
                ("a·b", values(plain)),
                ("aᵀᵀ·b", values(lhs_transposed)),
                ("a·bᵀᵀ", values(rhs_transposed)),
                ("batch 0", batched[..m * n].to_vec()),
                ("batch 1", batched[m * n..].to_vec()),
            ];
            for (layout, got) in cases {
                assert_eq!(got.len(), expected.len());
                // Sums of k products of numbers in [-1, 1): f32 rounding grows like √k.
                let tolerance = 1e-5 * (k as f32).sqrt() * 8.0;
                let worst = got.iter().zip(&expected).map(|(g, e)| (g - e).abs()).fold(0.0f32, f32::max);
                assert!(worst <= tolerance, "{m}×{k}×{n} {layout}, naive {naive}: largest difference {worst} > {tolerance}");
            }
        }
    }
    cubek_matmul::strategy::set_prefer_naive(false);
}
