//! Native training throughput of the lab's trainer (the same code the worker runs).
//!
//! ```text
//! cargo run --release --example train_native -- [--model NAME] [--reps N] [--seconds S]
//!     [--warmup-steps N] [--min-chunks N] [--device cpu|wgpu] [--batch N] [--split-batches]
//! cargo run --release --example train_native --features gpu -- --calibrate [--model NAME] [--reps N]
//! ```
//!
//! `--calibrate` runs, per model and repetition, what `backend=auto` runs in the worker on a
//! hardware adapter: [`measure_throughput`] on native wgpu and then on the CPU with the worker's
//! budget, and prints both figures, the backend [`Calibration::chosen`] picks and the wall time the
//! calibration took (the first repetition includes the GPU's kernel compilation, as a page's first
//! calibration does).
//!
//! `--model` is one of `mlp-ae-784-256-128`, `mlp-ae-784-1000-300`, `cifar-cnn-32-64-128`
//! (default: these three), or D3's and D4's CIFAR MLP autoencoders, `cifar-mlp-ae-3072-128-32`
//! and `cifar-tied-ae-3072-128-32` (plain and weight-tied, with D4's own settings).
//! `bench/native.mjs` runs one model and one repetition per process, so that the lab and
//! PyTorch can be interleaved. `--device wgpu` needs `--features gpu` (native
//! wgpu: Vulkan, Mesa lavapipe on a machine without a GPU).
//!
//! Each run builds the real `Trainer` on the shipped subsets (MNIST; CIFAR-10 for the CNN) and
//! calls `advance()` (one readback chunk of 10 steps, fewer at an epoch's end) until the warm-up
//! steps are done, then until `--seconds` of chunk time and `--min-chunks` chunks are counted.
//! Images/s = Σ chunk_steps × batch / Σ chunk_seconds, from the trainer's own
//! [`Progress::Trained`] figures: the steps and the loss readback, not the epoch-end evaluation.
//! The wall-clock rate over the same chunks (evaluations included) is printed beside it.
//!
//! Flex splits its matmuls and convolutions with rayon's global pool: its size is
//! `RAYON_NUM_THREADS` when set, else the number of cores (rayon's own rule), printed as
//! `threads`. `--batch` replaces each model's batch (128 for the MLPs, 64 for the CNN: the
//! benchmark's), e.g. to see the pool at a small batch. `--split-batches` takes each step's batch
//! as two halves on two threads, as the threaded browser worker does ([`Trainer::split_batches`];
//! `"split"` in the output says whether the model's steps did). Prints one JSON line per run.

use std::time::Instant;

use burn::prelude::Device;
use futures_lite::future::block_on;
use replab_core::data::{Dataset, DatasetId};
use replab_engine::train::Progress;
use replab_core::presets::{PresetSize, experiment};
use replab_core::settings::{Hyperparams, ModelKind};
use replab_core::backend::Calibration;
use replab_engine::train::{BUDGET_PER_BACKEND, Trainer, measure_throughput};

/// The repository root: `CARGO_MANIFEST_DIR` when cargo runs the example, else the current
/// directory (a copied binary run from a checkout, as on a GPU machine).
fn root() -> std::path::PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR").map(Into::into).unwrap_or_else(|| std::env::current_dir().expect("a current directory"))
}

fn shipped(id: DatasetId) -> Dataset {
    let root = root().join("public");
    let files: Vec<Vec<u8>> = id.files().iter().map(|f| std::fs::read(root.join(f)).unwrap()).collect();
    Dataset::from_shipped_files(id, &files).unwrap()
}

/// The threads rayon's global pool starts with (rayon-core's rule: `RAYON_NUM_THREADS` when it
/// is a positive number, else the available parallelism).
fn rayon_threads() -> usize {
    std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1))
}

struct Measured {
    images_per_s: f64,
    wall_images_per_s: f64,
    steps: usize,
    chunks: usize,
    seconds: f64,
    warmup_steps: usize,
    /// Whether the steps took their batch as two halves.
    split: bool,
}

/// Throughput from the trainer's chunk figures after `warmup_steps` steps (at least 2 chunks).
fn throughput(data: &Dataset, hp: &Hyperparams, device: &Device, warmup_steps: usize, seconds: f64, min_chunks: usize, split: bool) -> Measured {
    let mut trainer = Trainer::new(data, hp.clone(), device).expect("valid settings");
    let split = trainer.split_batches(split);
    let chunk = |trainer: &mut Trainer| -> (usize, f64) {
        let events = block_on(trainer.advance()).expect("training runs");
        events
            .iter()
            .find_map(|e| match e {
                Progress::Trained { chunk_steps, chunk_seconds, .. } => Some((*chunk_steps, *chunk_seconds as f64)),
                _ => None,
            })
            .expect("every chunk reports its loss")
    };
    let (mut warm_steps, mut warm_chunks) = (0, 0);
    while warm_chunks < 2 || warm_steps < warmup_steps {
        warm_steps += chunk(&mut trainer).0;
        warm_chunks += 1;
    }
    let (mut steps, mut chunks, mut busy) = (0, 0, 0.0);
    let wall = Instant::now();
    while chunks < min_chunks || busy < seconds {
        let (s, t) = chunk(&mut trainer);
        steps += s;
        busy += t;
        chunks += 1;
    }
    let wall = wall.elapsed().as_secs_f64();
    let images = (steps * hp.batch) as f64;
    Measured { images_per_s: images / busy, wall_images_per_s: images / wall, steps, chunks, seconds: busy, warmup_steps: warm_steps, split }
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

/// The CPU backend, or native wgpu when built with `--features gpu` and an adapter exists.
fn device(name: &str) -> (&'static str, Device) {
    match name {
        "cpu" => ("native-cpu-flex", Device::flex()),
        #[cfg(feature = "gpu")]
        "wgpu" => match Device::wgpu_options().init() {
            Ok(gpu) => ("native-wgpu", gpu),
            Err(e) => {
                eprintln!("no native wgpu device: {e}");
                std::process::exit(2);
            }
        },
        other => {
            eprintln!("unknown --device {other} (cpu, or wgpu with --features gpu)");
            std::process::exit(2);
        }
    }
}

struct Args {
    models: Vec<String>,
    reps: usize,
    seconds: Option<f64>,
    warmup_steps: usize,
    min_chunks: usize,
    device: String,
    calibrate: bool,
    batch: Option<usize>,
    split_batches: bool,
}

fn args() -> Args {
    let mut a = Args { models: Vec::new(), reps: 1, seconds: None, warmup_steps: 20, min_chunks: 3, device: "cpu".into(), calibrate: false, batch: None, split_batches: false };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--model" => a.models.push(value()),
            "--reps" => a.reps = value().parse().expect("--reps N"),
            "--seconds" => a.seconds = Some(value().parse().expect("--seconds S")),
            "--warmup-steps" => a.warmup_steps = value().parse().expect("--warmup-steps N"),
            "--min-chunks" => a.min_chunks = value().parse().expect("--min-chunks N"),
            "--device" => a.device = value(),
            "--calibrate" => a.calibrate = true,
            "--batch" => a.batch = Some(value().parse().expect("--batch N")),
            "--split-batches" => a.split_batches = true,
            other => panic!("unknown argument {other}"),
        }
    }
    a
}

const MODELS: [&str; 3] = ["mlp-ae-784-256-128", "mlp-ae-784-1000-300", "cifar-cnn-32-64-128"];
/// Run only when named: D3's and D4's autoencoders (the speed claim of D4).
const CARD_MODELS: [&str; 2] = ["cifar-mlp-ae-3072-128-32", "cifar-tied-ae-3072-128-32"];

fn main() {
    let args = args();
    let models: Vec<&str> = if args.models.is_empty() {
        MODELS.to_vec()
    } else {
        args.models
            .iter()
            .map(|m| {
                MODELS.into_iter().chain(CARD_MODELS).find(|k| *k == m.as_str()).unwrap_or_else(|| panic!("unknown model {m}; one of {MODELS:?} or {CARD_MODELS:?}"))
            })
            .collect()
    };
    let (backend, device) = device(if args.calibrate { "wgpu" } else { &args.device });
    let threads = rayon_threads();
    let (mut mnist, mut cifar) = (None, None);
    for model in models {
        let (data, hp, default_seconds) = match model {
            "mlp-ae-784-256-128" => {
                (mnist.get_or_insert_with(|| shipped(DatasetId::Mnist)), Hyperparams { epochs: 100, ..Hyperparams::default() }, 8.0)
            }
            "mlp-ae-784-1000-300" => (
                mnist.get_or_insert_with(|| shipped(DatasetId::Mnist)),
                Hyperparams { hidden: 1000, latent: 300, epochs: 100, ..Hyperparams::default() },
                8.0,
            ),
            "cifar-mlp-ae-3072-128-32" | "cifar-tied-ae-3072-128-32" => {
                // The card's own settings for its job ("plain" or "tied"), run for longer.
                let label = if model.contains("tied") { "tied" } else { "plain" };
                let jobs = experiment("d4").expect("the D4 card").jobs(PresetSize::Default);
                let job = jobs.into_iter().find(|j| j.label == label).expect("D4 trains a plain and a tied autoencoder");
                (cifar.get_or_insert_with(|| shipped(DatasetId::Cifar10)), Hyperparams { epochs: 100, ..job.hp }, 8.0)
            }
            _ => (
                cifar.get_or_insert_with(|| shipped(DatasetId::Cifar10)),
                Hyperparams { model: ModelKind::Cnn, batch: 64, epochs: 100, ..Hyperparams::default() },
                15.0,
            ),
        };
        let hp = Hyperparams { batch: args.batch.unwrap_or(hp.batch), ..hp };
        let input = data.train.shape.len();
        if args.calibrate {
            for rep in 0..args.reps {
                calibrate(model, data, &hp, &device, rep);
            }
            continue;
        }
        for rep in 0..args.reps {
            let m = throughput(data, &hp, &device, args.warmup_steps, args.seconds.unwrap_or(default_seconds), args.min_chunks, args.split_batches);
            println!(
                "{{\"impl\":\"lab-native\",\"backend\":\"{backend}\",\"autotune\":{},\"model\":\"{model}\",\"batch\":{},\"rep\":{rep},\"threads\":{threads},\"images_per_s\":{:.2},\"wall_images_per_s\":{:.2},\"gflops\":{:.3},\"steps\":{},\"chunks\":{},\"seconds\":{:.4},\"warmup_steps\":{},\"split\":{}}}",
                cfg!(feature = "autotune"),
                hp.batch,
                m.images_per_s,
                m.wall_images_per_s,
                m.images_per_s * flops_per_image(&hp, input) / 1e9,
                m.steps,
                m.chunks,
                m.seconds,
                m.warmup_steps,
                m.split,
            );
        }
    }
}

/// One calibration as the worker runs it (GPU first, then the CPU), printed as a JSON line.
fn calibrate(model: &str, data: &Dataset, hp: &Hyperparams, gpu: &Device, rep: usize) {
    let start = Instant::now();
    let gpu_images_per_s = block_on(measure_throughput(data, hp, gpu, BUDGET_PER_BACKEND)).expect("the GPU trains");
    let gpu_seconds = start.elapsed().as_secs_f64();
    let cpu_images_per_s = block_on(measure_throughput(data, hp, &Device::flex(), BUDGET_PER_BACKEND)).expect("the CPU trains");
    let seconds = start.elapsed().as_secs_f64();
    let c = Calibration { gpu_images_per_s, cpu_images_per_s };
    println!(
        "{{\"impl\":\"lab-native-calibration\",\"model\":\"{model}\",\"batch\":{},\"rep\":{rep},\"threads\":{},\"gpu_images_per_s\":{gpu_images_per_s:.1},\"cpu_images_per_s\":{cpu_images_per_s:.1},\"chosen\":\"{:?}\",\"speedup\":{:.2},\"gpu_seconds\":{gpu_seconds:.3},\"seconds\":{seconds:.3}}}",
        hp.batch,
        rayon_threads(),
        c.chosen(),
        c.speedup(),
    );
}
