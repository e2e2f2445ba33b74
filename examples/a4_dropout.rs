//! A4 over seeds: the MLP autoencoder 784-1000-k-1000-784 (ReLU, sigmoid output, MSE, Adam)
//! with dropout p after each hidden activation (encoder and decoder), for the report's five
//! (k, p) arms, all with the same batch, epochs and learning rate, on the shipped MNIST subset
//! (10,000 training, 2,000 test images). Prints each arm's final train MSE (dropout on, the mean
//! over the last epoch's steps) and test MSE (dropout off), and the wall time.
//!
//! ```text
//! cargo run --release --example a4_dropout -- [--seeds 1,2,3] [--epochs 3] [--batch 128] [--lr 1e-3]
//! ```

use std::time::Instant;

use burn::prelude::*;
use futures_lite::future::block_on;
use replab_core::data::{Dataset, DatasetId};
use replab_engine::train::Progress;
use replab_core::settings::Hyperparams;
use replab_engine::train::Trainer;

fn shipped(id: DatasetId) -> Dataset {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public");
    let files: Vec<Vec<u8>> = id.files().iter().map(|f| std::fs::read(root.join(f)).expect("shipped data")).collect();
    Dataset::from_shipped_files(id, &files).expect("the shipped files parse")
}

/// The report's (k, p) arms.
const CASES: [(usize, f64); 5] = [(300, 0.0), (300, 0.1), (300, 0.3), (500, 0.1), (500, 0.3)];

fn main() {
    let (mut seeds, mut epochs, mut batch, mut lr) = (vec![1u64, 2, 3], 3usize, 128usize, 1e-3f64);
    let raw: Vec<String> = std::env::args().skip(1).collect();
    for pair in raw.chunks(2) {
        let value = pair.get(1).map(String::as_str).unwrap_or_default();
        match pair[0].as_str() {
            "--seeds" => seeds = value.split(',').map(|s| s.parse().expect("a seed")).collect(),
            "--epochs" => epochs = value.parse().expect("epochs"),
            "--batch" => batch = value.parse().expect("batch"),
            "--lr" => lr = value.parse().expect("lr"),
            other => panic!("unknown argument {other}"),
        }
    }
    let device = Device::flex();
    let data = shipped(DatasetId::Mnist);
    println!("A4 on {} training images: batch {batch}, {epochs} epochs, Adam lr {lr:e}", data.train.len());
    println!("| seed | k | p | train MSE | test MSE | test MSE by epoch | s |");
    println!("|---|---|---|---|---|---|---|");
    for &seed in &seeds {
        let started_seed = Instant::now();
        for (k, p) in CASES {
            let hp = Hyperparams { hidden: 1000, latent: k, dropout: p, batch, epochs, lr, seed, ..Hyperparams::default() };
            let started = Instant::now();
            let mut trainer = Trainer::new(&data, hp, &device).expect("valid settings");
            let (mut train_sum, mut train_n, mut train, mut tests) = (0.0f64, 0usize, f64::NAN, Vec::new());
            while !trainer.is_finished() {
                for event in block_on(trainer.advance()).expect("trains") {
                    match event {
                        Progress::Trained { train: m, chunk_steps, .. } => {
                            train_sum += f64::from(m.loss) * chunk_steps as f64;
                            train_n += chunk_steps;
                        }
                        Progress::Evaluated { test, .. } => {
                            train = train_sum / train_n.max(1) as f64;
                            (train_sum, train_n) = (0.0, 0);
                            tests.push(test.loss);
                        }
                    }
                }
            }
            let by_epoch: Vec<String> = tests.iter().map(|t| format!("{t:.5}")).collect();
            println!(
                "| {seed} | {k} | {p} | {train:.5} | {:.5} | {} | {:.1} |",
                tests.last().copied().unwrap_or(f32::NAN),
                by_epoch.join(" "),
                started.elapsed().as_secs_f64()
            );
        }
        println!("| {seed} | all | | | | | {:.1} |", started_seed.elapsed().as_secs_f64());
    }
}
