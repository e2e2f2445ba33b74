//! Times the CIFAR CNN's layer operations one by one on the CPU (flex): each convolution's
//! forward pass, its input and weight gradients, and the 2 × 2 max-pool forward and backward, at
//! the benchmark's batch of 64 (the model `cifar-cnn-32-64-128` of `train_native`).
//!
//! ```text
//! cargo run --release --example conv_ops -- [--reps N] [--batch N] [--only conv1,pool1,…]
//! ```
//!
//! Prints one line per operation: its median milliseconds over the repetitions and GFLOP/s for
//! the convolutions (2 × multiply-adds). Flex splits work over rayon's global pool
//! (`RAYON_NUM_THREADS`, else the cores).

use std::time::Instant;

use burn::tensor::Gradients;
use burn::nn::conv::{Conv2d, Conv2dConfig};
use burn::nn::pool::{MaxPool2d, MaxPool2dConfig};
use burn::nn::PaddingConfig2d;
use burn::prelude::*;
use burn::tensor::Distribution;

fn time<F: FnMut()>(reps: usize, mut f: F) -> f64 {
    f();
    let mut ms: Vec<f64> = (0..reps)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    ms[ms.len() / 2]
}

fn main() {
    let mut reps = 20;
    let mut batch = 64;
    let mut only = String::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let value = args.next().expect("a value after each flag");
        if a == "--only" {
            only = value;
            continue;
        }
        let v = value.parse().expect("a number after --reps and --batch");
        match a.as_str() {
            "--reps" => reps = v,
            "--batch" => batch = v,
            other => panic!("unknown flag {other}"),
        }
    }
    let device = Device::flex();
    let wanted = |name: &str| only.is_empty() || only.split(',').any(|o| o == name);
    let layers = [(3usize, 32usize, 32usize), (32, 64, 16), (64, 128, 8)];
    for (i, &(cin, cout, side)) in layers.iter().enumerate() {
        if wanted(&format!("conv{}", i + 1)) {
            conv_row(i + 1, [batch, cin, cout, side], reps, &device);
        }
        if wanted(&format!("pool{}", i + 1)) {
            pool_row(i + 1, [batch, cout, side], reps, &device);
        }
    }
}

/// Milliseconds of `forward`, `sum`, `backward` and reading the gradient `grad` picks.
fn backward_ms<F, G>(reps: usize, forward: F, grad: G) -> f64
where
    F: Fn() -> Tensor<4>,
    G: Fn(&Gradients) -> Option<Tensor<4>>,
{
    time(reps, || {
        let g = forward().sum().backward();
        let _ = grad(&g).map(|t| t.into_data());
    })
}

/// One 3 × 3 same-padded convolution of `cin → cout` channels on `side × side` maps.
fn conv_row(n: usize, [batch, cin, cout, side]: [usize; 4], reps: usize, device: &Device) {
    let grad_device = device.clone().autodiff();
    let conv: Conv2d = Conv2dConfig::new([cin, cout], [3, 3]).with_padding(PaddingConfig2d::Explicit(1, 1, 1, 1)).init(&grad_device);
    let x = Tensor::<4>::random([batch, cin, side, side], Distribution::Normal(0.0, 1.0), device);
    let flops = 2.0 * (batch * cout * side * side * cin * 9) as f64;
    let plain = conv.valid();
    let fwd = time(reps, || {
        let _ = plain.forward(x.clone()).into_data();
    });
    // Gradients: x with and without its own gradient (the first layer's input needs none).
    let x_grad = Tensor::<4>::from_inner(x.clone()).require_grad();
    let both = backward_ms(reps, || conv.forward(x_grad.clone()), |g| conv.weight.grad(g));
    let x_const = Tensor::<4>::from_inner(x);
    let weight_only = backward_ms(reps, || conv.forward(x_const.clone()), |g| conv.weight.grad(g));
    println!(
        "conv{n} {cin}→{cout} {side}×{side}: forward {fwd:.2} ms ({:.1} GFLOP/s); forward+backward with x grad {both:.2} ms, weight grad only {weight_only:.2} ms",
        flops / fwd / 1e6
    );
}

/// One 2 × 2 max-pool (stride 2) of `channels` maps of `side × side`.
fn pool_row(n: usize, [batch, channels, side]: [usize; 3], reps: usize, device: &Device) {
    let pool: MaxPool2d = MaxPool2dConfig::new([2, 2]).with_strides([2, 2]).init();
    let maps = Tensor::<4>::random([batch, channels, side, side], Distribution::Normal(0.0, 1.0), device);
    let fwd = time(reps, || {
        let _ = pool.forward(maps.clone()).into_data();
    });
    let maps_grad = Tensor::<4>::from_inner(maps).require_grad();
    let both = backward_ms(reps, || pool.forward(maps_grad.clone()), |g| maps_grad.grad(g));
    println!("pool{n} {channels}×{side}×{side}: forward {fwd:.2} ms, forward+backward {both:.2} ms");
}
