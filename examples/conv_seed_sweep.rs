//! How often the conv autoencoder trains well across seeds (a collapsed run predicts the mean
//! image: test MSE ≈ 0.10 on MNIST). `cargo run --release --example conv_seed_sweep [epochs]`.

use burn::prelude::Device;
use futures_lite::future::block_on;
use replab_core::data::{Dataset, DatasetId};
use replab_engine::train::Progress;
use replab_core::settings::{Hyperparams, ModelKind};
use replab_engine::train::Trainer;

fn shipped(id: DatasetId) -> Dataset {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public");
    let files: Vec<Vec<u8>> = id.files().iter().map(|f| std::fs::read(root.join(f)).unwrap()).collect();
    Dataset::from_shipped_files(id, &files).unwrap()
}

fn main() {
    let epochs = std::env::args().nth(1).map_or(1, |a| a.parse().unwrap());
    let data = shipped(DatasetId::Mnist);
    for seed in 1..=12 {
        let hp = Hyperparams { model: ModelKind::ConvAe, latent: 32, epochs, seed, ..Hyperparams::default() };
        let mut trainer = Trainer::new(&data, hp, &Device::flex()).unwrap();
        let mut last = f32::NAN;
        while !trainer.is_finished() {
            for e in block_on(trainer.advance()).unwrap() {
                if let Progress::Evaluated { test, .. } = e {
                    last = test.loss;
                }
            }
        }
        println!("seed {seed}: test MSE {last:.4}");
    }
}
