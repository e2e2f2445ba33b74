//! Throwaway (session 35): each part of an epoch's end for the default MLP autoencoder, built for
//! wasm32-wasip1 with +simd128 and run in node's WASI, so that the split is the wasm one. Copy to
//! crates/engine/examples/, then
//!   RUSTFLAGS="-C target-feature=+simd128" cargo build --release --target wasm32-wasip1 \
//!     -p replab-engine --example epoch_end_wasi
//!   node run-wasi.mjs <target>/wasm32-wasip1/release/examples/epoch_end_wasi.wasm
use std::time::Instant;
use burn::prelude::Device;
use replab_core::analysis::{CodeView, Projection};
use replab_core::data::{Dataset, DatasetId};
use replab_core::explore::first_layer_filters;
use replab_core::settings::Hyperparams;
use replab_engine::export::weights_of;
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

fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "public".into()));
    let id = DatasetId::Mnist;
    let files: Vec<Vec<u8>> = id.files().iter().map(|f| std::fs::read(root.join(f)).unwrap()).collect();
    let data = Dataset::from_shipped_files(id, &files).unwrap();
    let hp = Hyperparams { batch: 128, epochs: 100, ..Hyperparams::default() };
    let mut trainer = Trainer::new(&data, hp, &Device::flex()).unwrap();
    for _ in 0..5 { block_on(trainer.advance()).unwrap(); }
    let time = |name: &str, t: Instant| println!("{name:>22}: {:7.1} ms", t.elapsed().as_secs_f64() * 1e3);
    for _ in 0..3 {
        let t = Instant::now();
        for _ in 0..10 { block_on(trainer.advance()).unwrap(); }
        println!("{:>22}: {:7.1} ms (step {})", "a chunk (10 / 10)", t.elapsed().as_secs_f64() * 1e2, trainer.step());
        let t = Instant::now(); let _ = block_on(trainer.evaluate()).unwrap(); time("evaluate", t);
        let t = Instant::now(); let (codes, dim) = block_on(trainer.test_codes()).unwrap(); time("test_codes", t);
        let t = Instant::now(); let mut view = CodeView::new(codes, dim, data.test.labels.clone(), 0, 0); time("CodeView::new (knn)", t);
        let t = Instant::now(); let _ = view.scatter(Projection::Pca); time("scatter Pca (+knn 2d)", t);
        let t = Instant::now(); let w = block_on(weights_of(trainer.model())).unwrap(); let _ = first_layer_filters(&w, data.train.shape); time("filters", t);
        let t = Instant::now(); let _ = block_on(trainer.checkpoint(&data, true)).unwrap(); time("checkpoint", t);
    }
}
