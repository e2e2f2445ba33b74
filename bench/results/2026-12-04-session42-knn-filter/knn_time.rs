//! Throwaway (session 42): the searches that the dot-product filter changes, timed on the
//! default MLP autoencoder's trained test codes (128-d) and on the test pixels (784-d), shipped
//! MNIST: the held-out k-NN accuracy (the epoch's end; 1,000 queries × 1,000 rows, k = 10) and
//! t-SNE's affinities (`Tsne::new`: 2,000 × 2,000, k = 90). The same file builds on the old tree
//! (HEAD before the change) and the new one: copy it to crates/engine/examples/, then natively
//!   cargo run --release -p replab-engine --example knn_time [public]
//! or for wasm (node's WASI: bench/results/2026-12-02-session35-epoch-end/run-wasi.mjs)
//!   RUSTFLAGS="-C target-feature=+simd128" cargo build --release --target wasm32-wasip1 \
//!     -p replab-engine --example knn_time
//! Prints each figure's median over 5 repetitions and the figures themselves (the accuracy's
//! bits), which must be equal between the trees.
use std::time::Instant;
use burn::prelude::Device;
use replab_core::analysis::{KNN_K, Tsne, TsneConfig, held_out_knn_accuracy};
use replab_core::data::{Dataset, DatasetId};
use replab_core::settings::Hyperparams;
use replab_engine::train::Trainer;

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fn median_ms(mut f: impl FnMut()) -> f64 {
    let mut t: Vec<f64> = (0..5).map(|_| { let s = Instant::now(); f(); s.elapsed().as_secs_f64() * 1e3 }).collect();
    t.sort_by(f64::total_cmp);
    t[2]
}

fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "public".into()));
    let id = DatasetId::Mnist;
    let files: Vec<Vec<u8>> = id.files().iter().map(|f| std::fs::read(root.join(f)).unwrap()).collect();
    let data = Dataset::from_shipped_files(id, &files).unwrap();
    let hp = Hyperparams { batch: 128, epochs: 100, ..Hyperparams::default() };
    let mut trainer = Trainer::new(&data, hp, &Device::flex()).unwrap();
    for _ in 0..200 { block_on(trainer.advance()).unwrap(); }
    let (codes, dim) = block_on(trainer.test_codes()).unwrap();
    let labels = &data.test.labels;
    let pixels: Vec<f32> = data.test.pixels.iter().map(|&p| f32::from(p) / 255.0).collect();
    let config = TsneConfig { perplexity: 30.0, iterations: 1000, seed: 1, ..TsneConfig::default() };
    for (what, points, d) in [("codes", &codes, dim), ("pixels", &pixels, 784)] {
        let mut acc = 0.0;
        let knn = median_ms(|| acc = held_out_knn_accuracy(points, labels, d, KNN_K));
        println!("{what:>6} dim {d:3}: held-out k-NN {knn:7.1} ms (accuracy {acc:.4}, bits {:08x})", acc.to_bits());
    }
    let tsne = median_ms(|| { let _ = Tsne::new(&codes, dim, &config); });
    println!(" codes dim {dim:3}: t-SNE affinities {tsne:7.1} ms");
}
