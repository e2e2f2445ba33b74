//! Runs every preset natively on the CPU backend at a given size and prints each result
//! table as Markdown (docs/experiments.md's tables came from here; verdicts: examples/reproduce.rs):
//!   cargo run --release --example presets_report -- default [--seed N] [ids…]
//! (seed 42 unless given; `make reproduce` runs seeds 1, 2, 3).

use std::time::Instant;

use burn::prelude::Device;
use futures_lite::future::block_on;
use replab_core::data::{Dataset, DatasetId};
use replab_core::presets::{PresetResult, presets, PresetSize};
use replab_engine::presets::PresetRun;
use replab_core::search::Sampler;

fn shipped(id: DatasetId) -> Dataset {
    let files: Vec<Vec<u8>> = id
        .files()
        .iter()
        .map(|f| std::fs::read(format!("{}/public/{f}", env!("CARGO_MANIFEST_DIR"))).expect("shipped data"))
        .collect();
    Dataset::from_shipped_files(id, &files).expect("the shipped files parse")
}

fn markdown(result: &PresetResult, seconds: f64) -> String {
    let mut out = "| metric | lab | reported |\n|---|---|---|\n".to_string();
    for r in &result.rows {
        let lab = match (&r.lab_text, r.lab, r.lab_spread) {
            (Some(t), _, _) => t.clone(),
            (None, Some(v), Some(sd)) => format!("{} ± {}", r.unit.format(v), r.unit.format(sd)),
            (None, Some(v), None) => r.unit.format(v),
            _ => "–".into(),
        };
        out.push_str(&format!("| {} | {lab} | {} |\n", r.label, r.reported));
    }
    for (name, n) in &result.params {
        out.push_str(&format!("\nparameters, {name}: {n}"));
    }
    for note in &result.notes {
        out.push_str(&format!("\n\n{note}"));
    }
    out.push_str(&format!("\n\n({} of {} models, {seconds:.0} s natively)\n", result.finished_jobs, result.total_jobs));
    out
}

fn main() {
    let mut args = std::env::args().skip(1);
    let size = args.next().and_then(|s| PresetSize::from_key(&s)).unwrap_or(PresetSize::Default);
    let mut seed = 42;
    let mut only: Vec<String> = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seed" => seed = args.next().and_then(|s| s.parse().ok()).expect("--seed N"),
            _ => only.push(arg),
        }
    }
    let device = Device::flex();
    for preset in presets().into_iter().filter(|p| only.is_empty() || only.iter().any(|o| o == p.id)) {
        let data = shipped(preset.dataset);
        let started = Instant::now();
        let mut run = PresetRun::new(preset, size, Sampler::Tpe, seed, &data, &device);
        while !run.is_finished() {
            block_on(run.advance()).expect("the preset runs");
        }
        println!("### {}\n\n{}", preset.title, markdown(&run.result(), started.elapsed().as_secs_f64()));
    }
}
