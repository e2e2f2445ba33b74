//! Runs every preset natively on the CPU backend at a given size and prints each result
//! table as Markdown, with the verdict the card shows on each claim (verdicts over seeds:
//! examples/reproduce.rs):
//!   cargo run --release --example presets_report -- default [--seed N] [--doc FILE] [ids…]
//! (seed 42 unless given, the tab's own; `make reproduce` runs seeds 1, 2, 3). With `--doc`,
//! each preset's table also replaces the text between `<!-- presets_report:ID:begin -->` and
//! `<!-- presets_report:ID:end -->` in FILE (docs/experiments.md), written as each preset ends.

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

fn markdown(result: &PresetResult) -> String {
    let mut table = "| metric | lab | reported | verdict |\n|---|---|---|---|".to_string();
    for r in &result.rows {
        let lab = match (&r.lab_text, r.lab, r.lab_spread) {
            (Some(t), _, _) => t.clone(),
            (None, Some(v), Some(sd)) => format!("{} ± {}", r.unit.format(v), r.unit.format(sd)),
            (None, Some(v), None) => r.unit.format(v),
            _ => "–".into(),
        };
        let verdict = r.verdict.as_ref().map_or("–", |v| v.kind.key());
        table.push_str(&format!("\n| {} | {lab} | {} | {verdict} |", r.label, r.reported));
    }
    let mut parts = vec![table];
    if !result.params.is_empty() {
        parts.push(result.params.iter().map(|(name, n)| format!("- parameters, {name}: {n}")).collect::<Vec<_>>().join("\n"));
    }
    parts.extend(result.notes.iter().cloned());
    parts.join("\n\n") + "\n"
}

/// `doc` with the text between preset `id`'s markers replaced by `block`; `None` when the doc
/// has no such markers.
fn spliced(doc: &str, id: &str, block: &str) -> Option<String> {
    let (begin, end) = (format!("<!-- presets_report:{id}:begin -->"), format!("<!-- presets_report:{id}:end -->"));
    let a = doc.find(&begin)? + begin.len();
    let b = a + doc[a..].find(&end)?;
    Some(format!("{}\n{block}{}", &doc[..a], &doc[b..]))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let size = args.next().and_then(|s| PresetSize::from_key(&s)).unwrap_or(PresetSize::Default);
    let mut seed = 42;
    let mut only: Vec<String> = Vec::new();
    let mut doc: Option<String> = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seed" => seed = args.next().and_then(|s| s.parse().ok()).expect("--seed N"),
            "--doc" => doc = Some(args.next().expect("--doc FILE")),
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
        let result = run.result();
        let table = markdown(&result);
        let took = format!("{} of {} models, {:.0} s natively", result.finished_jobs, result.total_jobs, started.elapsed().as_secs_f64());
        println!("### {}\n\n{table}\n({took})\n", preset.title);
        if let Some(path) = &doc {
            let text = std::fs::read_to_string(path).expect("read the --doc file");
            let day = std::process::Command::new("date").arg("+%Y-%m-%d").output().map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string()).unwrap_or_default();
            let block = format!("{table}\n*{took} on the CPU backend; {} size, seed {seed} ({day}).*\n", size.key());
            match spliced(&text, preset.id, &block) {
                Some(updated) => std::fs::write(path, updated).expect("write the --doc file"),
                None => eprintln!("{path}: no presets_report:{} markers, left as it was", preset.id),
            }
        }
    }
}
