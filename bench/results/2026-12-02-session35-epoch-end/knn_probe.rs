//! Throwaway (session 35): the held-out k-NN of the default MLP autoencoder's test codes, the
//! pruned search against the brute force it replaced. Copy to examples/, then
//! `cargo run --release --example knn_probe`. (Its brute force is a copy of the old code; in wasm
//! the copy ran 2-3x slower than the old code itself, so the wasm comparison is the old build.)
use std::time::Instant;
use burn::prelude::Device;
use futures_lite::future::block_on;
use replab_core::analysis::{KNN_K, held_out_knn_accuracy};
use replab_core::data::{Dataset, DatasetId};
use replab_core::settings::Hyperparams;
use replab_engine::train::Trainer;

fn brute(points: &[f32], labels: &[u8], dim: usize, k: usize) -> f32 {
    let d2 = |a: &[f32], b: &[f32]| {
        let mut acc = [0.0f32; 8];
        let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
        let tail: f32 = ca.remainder().iter().zip(cb.remainder()).map(|(x, y)| (x - y) * (x - y)).sum();
        for (x, y) in ca.zip(cb) { for k in 0..8 { let d = x[k] - y[k]; acc[k] += d * d; } }
        ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7])) + tail
    };
    let rows: Vec<&[f32]> = points.chunks_exact(dim).collect();
    let (mut correct, mut total) = (0, 0);
    let mut scratch = Vec::new();
    for q in (1..rows.len()).step_by(2) {
        scratch.clear();
        for r in (0..rows.len()).step_by(2) { let d = d2(rows[q], rows[r]); scratch.push((if d.is_nan() { f32::INFINITY } else { d }, r / 2)); }
        let by = |a: &(f32, usize), b: &(f32, usize)| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1));
        scratch.select_nth_unstable_by(k - 1, by);
        scratch[..k].sort_unstable_by(by);
        let mut votes = [0usize; 256];
        for n in &scratch[..k] { votes[labels[2 * n.1] as usize] += 1; }
        let most = *votes.iter().max().unwrap();
        let label = scratch[..k].iter().map(|n| labels[2 * n.1]).find(|&l| votes[l as usize] == most).unwrap();
        correct += usize::from(label == labels[q]);
        total += 1;
    }
    correct as f32 / total as f32
}

fn main() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("public");
    for id in [DatasetId::Mnist, DatasetId::FashionMnist] {
        let files: Vec<Vec<u8>> = id.files().iter().map(|f| std::fs::read(root.join(f)).unwrap()).collect();
        let data = Dataset::from_shipped_files(id, &files).unwrap();
        let hp = Hyperparams { batch: 128, epochs: 100, ..Hyperparams::default() };
        let mut trainer = Trainer::new(&data, hp, &Device::flex()).unwrap();
        for round in 0..3 {
            for _ in 0..if round == 0 { 2 } else { 40 } { block_on(trainer.advance()).unwrap(); }
            let (codes, dim) = block_on(trainer.test_codes()).unwrap();
            let labels = &data.test.labels;
            let pixels: Vec<f32> = data.test.pixels.iter().map(|&p| f32::from(p) / 255.0).collect();
            for (what, points, d) in [("codes", &codes, dim), ("pixels", &pixels, 784)] {
                let t = Instant::now(); let old = brute(points, labels, d, KNN_K); let t_old = t.elapsed().as_secs_f64() * 1e3;
                let t = Instant::now(); let new = held_out_knn_accuracy(points, labels, d, KNN_K); let t_new = t.elapsed().as_secs_f64() * 1e3;
                assert_eq!(old.to_bits(), new.to_bits());
                println!("{id:?} step {:5} {what:>6} dim {d:3}: acc {new:.4}  brute {t_old:6.1} ms  pruned {t_new:6.1} ms  ({:.2}x)", trainer.step(), t_old / t_new);
            }
        }
    }
}
