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
    let grad_device = device.clone().autodiff();
    let layers = [(3usize, 32usize, 32usize), (32, 64, 16), (64, 128, 8)];
    for (i, &(cin, cout, side)) in layers.iter().enumerate() {
        let wanted = |name: &str| only.is_empty() || only.split(',').any(|o| o == name);
        let conv: Conv2d = Conv2dConfig::new([cin, cout], [3, 3]).with_padding(PaddingConfig2d::Explicit(1, 1, 1, 1)).init(&grad_device);
        let x = Tensor::<4>::random([batch, cin, side, side], Distribution::Normal(0.0, 1.0), &grad_device);
        if wanted(&format!("conv{}", i + 1)) {
        let flops = 2.0 * (batch * cout * side * side * cin * 9) as f64;
        let gf = |ms: f64| flops / ms / 1e6;
        let plain = conv.valid();
        let xp = x.clone().inner();
        let fwd = time(reps, || {
            let _ = plain.forward(xp.clone()).into_data();
        });
        // Gradients: x with and without its own gradient (the first layer's input needs none).
        let xr = Tensor::<4>::from_inner(xp.clone()).require_grad();
        let both = time(reps, || {
            let y = conv.forward(xr.clone());
            let g: Gradients = y.sum().backward();
            let _ = conv.weight.grad(&g).map(|t| t.into_data());
        });
        let x_const = Tensor::<4>::from_inner(xp.clone());
        let weight_only = time(reps, || {
            let y = conv.forward(x_const.clone());
            let g: Gradients = y.sum().backward();
            let _ = conv.weight.grad(&g).map(|t| t.into_data());
        });
        println!(
            "conv{} {}→{} {}×{}: forward {:.2} ms ({:.1} GFLOP/s); forward+backward with x grad {:.2} ms, weight grad only {:.2} ms",
            i + 1, cin, cout, side, side, fwd, gf(fwd), both, weight_only
        );
        }
        if !wanted(&format!("pool{}", i + 1)) {
            continue;
        }
        let pool: MaxPool2d = MaxPool2dConfig::new([2, 2]).with_strides([2, 2]).init();
        let maps = Tensor::<4>::random([batch, cout, side, side], Distribution::Normal(0.0, 1.0), &device);
        let pool_fwd = time(reps, || {
            let _ = pool.forward(maps.clone()).into_data();
        });
        let maps_g = Tensor::<4>::from_inner(maps.clone()).require_grad();
        let pool_both = time(reps, || {
            let y = pool.forward(maps_g.clone());
            let g: Gradients = y.sum().backward();
            let _ = maps_g.grad(&g).map(|t| t.into_data());
        });
        println!("pool{} {}×{}×{}: forward {:.2} ms, forward+backward {:.2} ms", i + 1, cout, side, side, pool_fwd, pool_both);
    }
}
