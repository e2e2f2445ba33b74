//! Throwaway (session 34): native time of each part of an epoch's end for the default MLP AE. Copy to
//! examples/ and `cargo run --release --example epoch_end_parts` to repeat.
use std::time::Instant;
use burn::prelude::Device;
use futures_lite::future::block_on;
use replab_core::analysis::{CodeView, Projection};
use replab_core::data::{Dataset, DatasetId};
use replab_core::explore::first_layer_filters;
use replab_core::settings::Hyperparams;
use replab_engine::export::weights_of;
use replab_engine::train::Trainer;

fn main() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("public");
    let id = DatasetId::Mnist;
    let files: Vec<Vec<u8>> = id.files().iter().map(|f| std::fs::read(root.join(f)).unwrap()).collect();
    let data = Dataset::from_shipped_files(id, &files).unwrap();
    let hp = Hyperparams { batch: 128, epochs: 100, ..Hyperparams::default() };
    let device = Device::flex();
    let mut trainer = Trainer::new(&data, hp, &device).unwrap();
    for _ in 0..5 { block_on(trainer.advance()).unwrap(); }
    let time = |name: &str, t: Instant| println!("{name:>22}: {:7.1} ms", t.elapsed().as_secs_f64() * 1e3);
    for _ in 0..3 {
        let t = Instant::now(); for _ in 0..10 { block_on(trainer.advance()).unwrap(); } println!("{:>22}: {:7.1} ms", "10 chunks / 10", t.elapsed().as_secs_f64() * 1e2);
        let t = Instant::now(); let _ = block_on(trainer.evaluate()).unwrap(); time("evaluate", t);
        let t = Instant::now(); let (codes, dim) = block_on(trainer.test_codes()).unwrap(); time("test_codes", t);
        let t = Instant::now(); let mut view = CodeView::new(codes, dim, data.test.labels.clone(), 0, 0); time("CodeView::new (knn)", t);
        let t = Instant::now(); let _ = view.scatter(Projection::Pca); time("scatter Pca (+knn 2d)", t);
        let t = Instant::now(); let w = block_on(weights_of(trainer.model())).unwrap(); let _ = first_layer_filters(&w, data.train.shape); time("filters", t);
        let t = Instant::now(); let c = block_on(trainer.checkpoint(&data, true)).unwrap(); time("checkpoint", t);
        println!("{:>22}: {} + {} + {} bytes", "checkpoint size", c.weights.len(), c.optimizer.len(), c.best.as_ref().map_or(0, |b| b.weights.len()));
    }
}
