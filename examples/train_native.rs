//! Native training throughput of the lab's trainer (the same code the worker runs).
//!
//! `cargo run --example train_native` (CPU, flex; dependencies are optimised in the dev
//! profile), and with `--features gpu` also native wgpu
//! (Vulkan; Mesa lavapipe on a machine without a GPU). Prints one JSON line per row.

use std::time::Instant;

use burn::prelude::Device;
use futures_lite::future::block_on;
use replab::lab::data::{Dataset, DatasetId};
use replab::lab::settings::{Hyperparams, ModelKind};
use replab::lab::train::Trainer;

fn shipped(id: DatasetId) -> Dataset {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public");
    let files: Vec<Vec<u8>> = id.files().iter().map(|f| std::fs::read(root.join(f)).unwrap()).collect();
    Dataset::from_shipped_files(id, &files).unwrap()
}

/// Images per second over `measured` readback chunks, after `warmup` chunks.
fn throughput(data: &Dataset, hp: &Hyperparams, device: &Device, warmup: usize, measured: usize) -> (f64, f64) {
    let mut trainer = Trainer::new(data, hp.clone(), device).expect("valid settings");
    for _ in 0..warmup {
        block_on(trainer.advance()).unwrap();
    }
    let start_step = trainer.step();
    let t = Instant::now();
    for _ in 0..measured {
        block_on(trainer.advance()).unwrap();
    }
    let seconds = t.elapsed().as_secs_f64();
    let images = ((trainer.step() - start_step) * hp.batch) as f64;
    (images / seconds, seconds)
}

/// Forward + backward FLOPs per image (6 × the forward multiply-adds of the matmuls and
/// convolutions).
fn flops_per_image(hp: &Hyperparams, input: usize) -> f64 {
    let macs = match hp.model {
        // 3×3 convs 3→32 at 32², 32→64 at 16², 64→128 at 8², then FC 2048→256→10.
        ModelKind::Cnn => 32 * 32 * 32 * 27 + 16 * 16 * 64 * 288 + 8 * 8 * 128 * 576 + 2048 * 256 + 256 * 10,
        _ => input * hp.hidden + hp.hidden * hp.latent + hp.latent * hp.hidden + hp.hidden * input,
    };
    6.0 * macs as f64
}

/// The CPU backend, and native wgpu when built with `--features gpu` and an adapter exists.
fn devices() -> Vec<(&'static str, Device)> {
    let cpu = ("native-cpu-flex", Device::flex());
    #[cfg(feature = "gpu")]
    match Device::wgpu_options().init() {
        Ok(gpu) => return vec![cpu, ("native-wgpu", gpu)],
        Err(e) => eprintln!("no native wgpu device: {e}"),
    }
    vec![cpu]
}

fn main() {
    let (mnist, cifar) = (shipped(DatasetId::Mnist), shipped(DatasetId::Cifar10));
    let devices = devices();
    let models = [
        ("mlp-ae-784-256-128", &mnist, Hyperparams { epochs: 100, ..Hyperparams::default() }, 8),
        ("mlp-ae-784-1000-300", &mnist, Hyperparams { hidden: 1000, latent: 300, epochs: 100, ..Hyperparams::default() }, 8),
        ("cifar-cnn-32-64-128", &cifar, Hyperparams { model: ModelKind::Cnn, batch: 64, epochs: 100, ..Hyperparams::default() }, 2),
    ];
    for (backend, device) in &devices {
        for (model, data, hp, chunks) in &models {
            let input = data.train.shape.len();
            let mut runs: Vec<f64> = (0..3).map(|_| throughput(data, hp, device, 1, *chunks).0).collect();
            runs.sort_by(|a, b| a.partial_cmp(b).unwrap());
            let median = runs[1];
            println!(
                "{{\"backend\":\"{backend}\",\"model\":\"{model}\",\"batch\":{},\"images_per_s\":{median:.1},\"gflops\":{:.2},\"runs\":{runs:?}}}",
                hp.batch,
                median * flops_per_image(hp, input) / 1e9
            );
        }
    }
}
