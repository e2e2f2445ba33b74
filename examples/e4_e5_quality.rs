//! E4 vs E5 in numbers: trains E4's conv autoencoder and E5's conv VAE on the shipped
//! Fashion-MNIST subset (10,000 training, 2,000 test images), decodes 64 prior samples from each
//! (VAE: N(0, I); autoencoder: a Gaussian fitted to its test codes, as the lab's explore view
//! does) and prints, per seed:
//!
//! - sample quality: the share of samples a reference CNN (trained once on the same subset)
//!   puts in one class with probability ≥ 0.9, and the mean per-pixel variance across them;
//! - traversal smoothness: the largest step between adjacent decoded frames over the path's
//!   length (1/steps = even, 1 = one jump), averaged over the rows of E4/E5's 8×8 corner grid
//!   (test images of T-shirt, Trouser, Sneaker, Ankle boot) and over 16-step straight lines
//!   between 20 random pairs of test images.
//!
//! The autoencoder's samples are also drawn from N(0, I) (its quality columns only), to show how
//! much its sample quality owes to the fitted Gaussian.
//!
//! ```text
//! cargo run --release --example e4_e5_quality -- [--seeds 1,2,3] [--epochs 5] [--batch 32]
//!     [--vae-lr 2e-4] [--ae-lr 2e-4] [--beta 1] [--ref-epochs 10] [--ref-model mlpclassifier|cnn] [--only vae|ae] [--png DIR]
//! ```
//!
//! The finding (the report's E4/E5) holds when, for every seed, the VAE's confident share is
//! above the autoencoder's and its step shares are below the autoencoder's.

use std::time::Instant;

use burn::prelude::*;
use futures_lite::future::block_on;
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::RngExt;
use replab_core::analysis::{mean_largest_step_share, sample_quality};
use replab_core::data::{Dataset, DatasetId};
use replab_core::explore::{Gaussian, bilinear_grid, lerp_path};
use replab_engine::explore::Explorer;
use replab_engine::model::{Autoencoder, LabModel};
use replab_engine::train::Progress;
use replab_core::settings::{Hyperparams, ModelKind};
use replab_engine::train::{Trainer, judge, read_floats, reference_hyperparams, train_reference_classifier};

fn shipped(id: DatasetId) -> Dataset {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public");
    let files: Vec<Vec<u8>> = id.files().iter().map(|f| std::fs::read(root.join(f)).expect("shipped data")).collect();
    Dataset::from_shipped_files(id, &files).expect("the shipped files parse")
}

struct Args {
    seeds: Vec<u64>,
    epochs: usize,
    batch: usize,
    vae_lr: f64,
    ae_lr: f64,
    beta: f64,
    ref_epochs: usize,
    ref_model: ModelKind,
    only: Option<String>,
    /// Write the samples and the corner grid as PNGs here.
    png: Option<String>,
}

fn args() -> Args {
    let mut a = Args { seeds: vec![1, 2, 3], epochs: 5, batch: 32, vae_lr: 2e-4, ae_lr: 2e-4, beta: 1.0, ref_epochs: 10, ref_model: ModelKind::MlpClassifier, only: None, png: None };
    let raw: Vec<String> = std::env::args().skip(1).collect();
    for pair in raw.chunks(2) {
        let (key, value) = (pair[0].as_str(), pair.get(1).map(String::as_str).unwrap_or_default());
        match key {
            "--seeds" => a.seeds = value.split(',').map(|s| s.parse().expect("a seed")).collect(),
            "--epochs" => a.epochs = value.parse().expect("epochs"),
            "--batch" => a.batch = value.parse().expect("batch"),
            "--vae-lr" => a.vae_lr = value.parse().expect("lr"),
            "--ae-lr" => a.ae_lr = value.parse().expect("lr"),
            "--beta" => a.beta = value.parse().expect("beta"),
            "--ref-epochs" => a.ref_epochs = value.parse().expect("epochs"),
            "--ref-model" => a.ref_model = ModelKind::from_key(value).expect("cnn or mlpclassifier"),
            "--png" => a.png = Some(value.to_string()),
            "--only" => a.only = Some(value.to_string()),
            other => panic!("unknown argument {other}"),
        }
    }
    a
}

/// Decoded pictures of `codes` (`n × latent`), values in (0, 1), `n × pixels`.
fn decode(ae: &Autoencoder, codes: &[f32], device: &Device) -> Vec<f32> {
    let latent = ae.latent();
    let n = codes.len() / latent;
    let codes = Tensor::<2>::from_data(TensorData::new(codes.to_vec(), [n, latent]), device);
    block_on(read_floats(ae.decode(codes).flatten(0, 3))).expect("decoded")
}

fn images_tensor(pixels: Vec<f32>, n: usize, device: &Device) -> Tensor<4> {
    Tensor::from_data(TensorData::new(pixels, [n, 1, 28, 28]), device)
}

struct Trained {
    ae: Autoencoder,
    test_mse: f32,
    kl: Option<f32>,
    seconds: f64,
    steps: usize,
}

fn train(data: &Dataset, hp: Hyperparams, device: &Device) -> Trained {
    let started = Instant::now();
    let mut trainer = Trainer::new(data, hp, device).expect("valid settings");
    let (mut test_mse, mut kl) = (f32::NAN, None);
    while !trainer.is_finished() {
        for event in block_on(trainer.advance()).expect("trains") {
            if let Progress::Evaluated { test, .. } = event {
                test_mse = test.loss;
                kl = test.kl;
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let steps = trainer.step();
    let Some(ae) = trainer.model().valid().autoencoder().cloned() else { panic!("an autoencoder") };
    Trained { ae, test_mse, kl, seconds, steps }
}

/// The first test image of each label.
fn first_of(data: &Dataset, labels: &[u8]) -> Vec<usize> {
    labels.iter().map(|l| data.test.labels.iter().position(|x| x == l).expect("every class in the test split")).collect()
}

const SAMPLES: usize = 64;

/// An 8-bit grey PNG of `images` (`n × 28·28`, values in [0, 1]) tiled `columns` wide.
fn write_png(path: &str, images: &[f32], columns: usize) {
    use std::io::Write;
    let n = images.len() / PIXELS;
    let rows = n.div_ceil(columns);
    let (w, h) = (columns * 29 + 1, rows * 29 + 1);
    let mut raw = Vec::with_capacity((w + 1) * h);
    for y in 0..h {
        raw.push(0u8);
        for x in 0..w {
            let (cx, cy, px, py) = (x / 29, y / 29, x % 29, y % 29);
            let i = cy * columns + cx;
            let v = if px == 0 || py == 0 || i >= n { 128 } else { (images[i * PIXELS + (py - 1) * 28 + px - 1].clamp(0.0, 1.0) * 255.0) as u8 };
            raw.push(v);
        }
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(&raw).expect("compressed");
    let idat = z.finish().expect("compressed");
    let chunk = |out: &mut Vec<u8>, kind: &[u8], data: &[u8]| {
        out.extend((data.len() as u32).to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend(kind);
        out.extend(data);
        out.extend(crc.sum().to_be_bytes());
    };
    let mut png = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    let mut ihdr = Vec::new();
    ihdr.extend((w as u32).to_be_bytes());
    ihdr.extend((h as u32).to_be_bytes());
    ihdr.extend([8, 0, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(&mut png, b"IDAT", &idat);
    chunk(&mut png, b"IEND", &[]);
    std::fs::write(path, png).expect("written");
}
const PIXELS: usize = 28 * 28;

fn main() {
    let args = args();
    let device = Device::flex();
    let data = shipped(DatasetId::FashionMnist);

    let started = Instant::now();
    let (reference, accuracy) = block_on(train_reference_classifier(&data, reference_hyperparams(args.ref_model, args.ref_epochs, 7), &device)).expect("trains");
    println!("reference {}: {} epochs, test accuracy {:.4}, {:.1} s", args.ref_model.label(), args.ref_epochs, accuracy, started.elapsed().as_secs_f64());
    let probabilities = |pixels: Vec<f32>, n: usize| -> Vec<f32> {
        block_on(judge(&reference, &images_tensor(pixels, n, &device))).expect("classified").expect("a classifier").probabilities
    };
    let real: Vec<f32> = data.test.slice(0..SAMPLES).unit_pixels();
    let q = sample_quality(&probabilities(real.clone(), SAMPLES), 10, &real, PIXELS);
    println!("real test images (first {SAMPLES}): confident share {:.3}, pixel variance {:.4}", q.confident_share, q.pixel_variance);
    let _: &LabModel = &reference;

    let corners = first_of(&data, &[0, 1, 7, 9]);
    let arms: Vec<(&str, ModelKind, f64)> = [("VAE", ModelKind::ConvVae, args.vae_lr), ("AE", ModelKind::ConvAe, args.ae_lr)]
        .into_iter()
        .filter(|(name, _, _)| args.only.as_deref().is_none_or(|o| o.eq_ignore_ascii_case(name)))
        .collect();
    println!(
        "\nsettings: d 44, batch {}, epochs {}, VAE lr {:e}, AE lr {:e}, beta {}",
        args.batch, args.epochs, args.vae_lr, args.ae_lr, args.beta
    );
    println!("| seed | model | steps | train s | test MSE | KL | confident share | pixel variance | grid step share | line step share |");
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for &seed in &args.seeds {
        let mut total = 0.0;
        for &(name, model, lr) in &arms {
            let hp = Hyperparams { model, latent: 44, lr, batch: args.batch, epochs: args.epochs, beta: args.beta, seed, ..Hyperparams::default() };
            let t = train(&data, hp, &device);
            total += t.seconds;
            let (explorer, _) = block_on(Explorer::new(t.ae.clone(), &data)).expect("explorer");
            let samples = decode(&t.ae, &explorer.sample(SAMPLES, seed), &device);
            let q = sample_quality(&probabilities(samples.clone(), SAMPLES), 10, &samples, PIXELS);
            let code = |i: usize| explorer.test_code(i).expect("a test code");
            let grid = bilinear_grid([&code(corners[0]), &code(corners[1]), &code(corners[2]), &code(corners[3])], 8, 8);
            let grid_share = mean_largest_step_share(&decode(&t.ae, &grid, &device), PIXELS, 8).unwrap_or(f64::NAN);
            let mut rng = StdRng::seed_from_u64(100 + seed);
            let mut lines = Vec::new();
            for _ in 0..20 {
                let (a, b) = (rng.random_range(0..data.test.len()), rng.random_range(0..data.test.len()));
                lines.extend(lerp_path(&code(a), &code(b), 16));
            }
            if let Some(dir) = &args.png {
                std::fs::create_dir_all(dir).expect("a folder");
                write_png(&format!("{dir}/{name}-seed{seed}-samples.png"), &samples, 8);
                write_png(&format!("{dir}/{name}-seed{seed}-grid.png"), &decode(&t.ae, &grid, &device), 8);
            }
            let line_share = mean_largest_step_share(&decode(&t.ae, &lines, &device), PIXELS, 16).unwrap_or(f64::NAN);
            // The autoencoder's samples from N(0, I) as well (what a report without a fitted
            // prior may have drawn): the same model, another sampler.
            let standard = (model == ModelKind::ConvAe).then(|| {
                let codes = Gaussian::standard(44).sample(SAMPLES, &mut StdRng::seed_from_u64(seed));
                let images = decode(&t.ae, &codes, &device);
                sample_quality(&probabilities(images.clone(), SAMPLES), 10, &images, PIXELS)
            });
            println!(
                "| {seed} | {name} | {} | {:.1} | {:.4} | {} | {:.3} | {:.4} | {:.3} | {:.3} |",
                t.steps,
                t.seconds,
                t.test_mse,
                t.kl.map_or("–".into(), |k| format!("{k:.1}")),
                q.confident_share,
                q.pixel_variance,
                grid_share,
                line_share
            );
            if let Some(q) = standard {
                println!("| {seed} | AE, N(0, I) samples | | | | | {:.3} | {:.4} | | |", q.confident_share, q.pixel_variance);
            }
        }
        println!("| {seed} | both | | {total:.1} | | | | | | |");
    }
}
