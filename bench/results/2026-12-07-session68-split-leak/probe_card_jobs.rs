//! Probe (session 68): a card's per-model times natively, to find why the threaded worker's
//! card classifiers are slow. Prints each model's seconds.
use std::time::Instant;
use futures_lite::future::block_on;
use burn::prelude::Device;
use replab_core::data::Dataset;
use replab_core::presets::{preset, PresetSize};
use replab_engine::presets::{PresetRun, PresetUpdate};
use replab_core::search::Sampler;

fn main() {
    let id = std::env::args().nth(1).unwrap_or("c1".into());
    let p = preset(&id).unwrap();
    let files: Vec<Vec<u8>> = p.dataset.files().iter().map(|f| std::fs::read(format!("{}/public/{f}", env!("CARGO_MANIFEST_DIR"))).unwrap()).collect();
    let data = Dataset::from_shipped_files(p.dataset, &files).unwrap();
    let device = Device::flex();
    let mut run = PresetRun::new(p, PresetSize::Default, Sampler::Random, 42, &data, &device);
    let start = Instant::now();
    let mut job = usize::MAX;
    let mut t = Instant::now();
    let mut label = String::new();
    while !run.is_finished() {
        for u in block_on(run.advance()).unwrap() {
            if let PresetUpdate::Progress { job: j, label: l, .. } = u {
                if j != job {
                    if job != usize::MAX { println!("{label}: {:.2} s", t.elapsed().as_secs_f64()); }
                    job = j; label = l; t = Instant::now();
                }
            }
        }
    }
    println!("{label}: {:.2} s", t.elapsed().as_secs_f64());
    println!("total {:.2} s", start.elapsed().as_secs_f64());
}
