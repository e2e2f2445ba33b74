//! Probe (session 68): does something left alive make split steps slow?
use std::time::Instant;
use futures_lite::future::block_on;
use burn::prelude::Device;
use replab_core::data::{Dataset, DatasetId};
use replab_core::settings::{Hyperparams, ModelKind};
use replab_engine::train::Trainer;

fn train(data: &Dataset, hp: &Hyperparams, device: &Device, label: &str) -> Trainer {
    let mut t = Trainer::new(data, hp.clone(), device).unwrap();
    let split = t.split_batches(std::env::var("PROBE_SPLIT").is_ok());
    if std::env::var("PROBE_EVAL").is_ok() { block_on(t.evaluate()).unwrap(); }
    let start = Instant::now();
    while !t.is_finished() { block_on(t.advance()).unwrap(); }
    println!("{label} (split {split}): {:.2} s", start.elapsed().as_secs_f64());
    t
}

fn main() {
    let mode = std::env::args().nth(1).unwrap_or("page".into());
    let id = DatasetId::Mnist;
    let files: Vec<Vec<u8>> = id.files().iter().map(|f| std::fs::read(format!("{}/public/{f}", env!("CARGO_MANIFEST_DIR"))).unwrap()).collect();
    let data = Dataset::from_shipped_files(id, &files).unwrap();
    let device = Device::flex();
    let ae = Hyperparams { hidden: 256, latent: 64, epochs: 5, ..Hyperparams::default() };
    let clf = Hyperparams { model: ModelKind::MlpClassifier, batch: 64, epochs: 10, ..ae.clone() };
    match mode.as_str() {
        "page" => { train(&data, &clf, &device, "classifier"); train(&data, &clf, &device, "classifier again"); }
        "keep" => {
            let kept = train(&data, &ae, &device, "autoencoder");
            let model = kept.model().clone();
            drop(kept);
            train(&data, &clf, &device, "classifier, ae model kept");
            train(&data, &clf, &device, "classifier again");
            drop(model);
            train(&data, &clf, &device, "classifier, ae model dropped");
        }
        "drop" => {
            drop(train(&data, &ae, &device, "autoencoder"));
            train(&data, &clf, &device, "classifier, ae dropped");
        }
        _ => panic!(),
    }
}
