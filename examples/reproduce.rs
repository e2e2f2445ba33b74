//! Reproduces the reports' experiments natively with the lab's own experiment code, over
//! several seeds, and writes the verdict of every claim:
//!
//!   cargo run --release --example reproduce -- [--size quick|default|full] [--backend cpu|wgpu]
//!       [--seeds 1,2,3] [--add-seeds] [a1 b3 …]
//!   cargo run --example reproduce -- --report-only     (only regenerate the Markdown)
//!
//! Prints the verdict table and keeps, per size, `docs/reproduction/<size>.json` (the runs'
//! figures, per claim and seed, and the wall time; experiments not run now keep their earlier
//! entries), then regenerates `REPRODUCTION.md` from every size's file. `--add-seeds` adds the
//! seeds not yet recorded to an experiment's record (each saved once it has run; the card's
//! claims must not have changed since) instead of replacing it: a full-size run of an hour a seed
//! can grow seed by seed. `--backend wgpu` needs
//! `--features gpu` (Vulkan, Metal or DX12: a GPU server can run the full-size CIFAR rows).

use std::collections::BTreeMap;
use std::time::Instant;

use burn::prelude::Device;
use futures_lite::future::block_on;
use replab_core::data::{Dataset, DatasetId};
use replab_core::presets::record::{self, ClaimRecord, ExperimentRecord, FULL_CIFAR_TRAIN};
use replab_core::presets::verdict::{self, VerdictKind};
use replab_core::presets::{PresetResult, PresetSize, presets};
use replab_engine::presets::PresetRun;
use replab_core::search::Sampler;

/// The repository the command runs in: `cargo run` says so at run time (the binary may have
/// been built from another clone sharing the target directory), else where it was built.
fn root() -> String {
    std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string())
}

fn shipped(id: DatasetId) -> Dataset {
    let files: Vec<Vec<u8>> = id
        .files()
        .iter()
        .map(|f| std::fs::read(format!("{}/public/{f}", root())).expect("shipped data"))
        .collect();
    Dataset::from_shipped_files(id, &files).expect("the shipped files parse")
}

/// Where the full datasets are kept: `FULL_DATA`, default ~/.cache/replab/full-data.
fn full_data_dir() -> String {
    std::env::var("FULL_DATA").unwrap_or_else(|_| format!("{}/.cache/replab/full-data", std::env::var("HOME").unwrap_or_default()))
}

/// The official CIFAR-10 binary archive, where a full-size run looks for it.
fn cifar_archive_path() -> String {
    format!("{}/cifar10/cifar-10-binary.tar.gz", full_data_dir())
}

/// The data an experiment runs on: at the full size, the full MNIST or Fashion-MNIST that
/// `scripts/full-data.sh` keeps (60,000 training and 10,000 test images), and CIFAR-10 from the
/// official archive where one was put at [`cifar_archive_path`] (none is reachable from this
/// machine: there the shipped subset stands in, and the record says how many images it had);
/// otherwise the shipped subset.
fn dataset(id: DatasetId, size: PresetSize) -> Dataset {
    if size != PresetSize::Full {
        return shipped(id);
    }
    if id == DatasetId::Cifar10 {
        let path = cifar_archive_path();
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("{path}: no official CIFAR-10 archive there; the shipped subset stands in");
            return shipped(id);
        };
        let (train, test) = replab_core::data::parse_cifar_archive(&path, &bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
        return Dataset::new(id, train, test).unwrap_or_else(|e| panic!("{path}: {e}"));
    }
    let dir = full_data_dir();
    let files: Vec<Vec<u8>> = id
        .files()
        .iter()
        .map(|f| {
            // The shipped path's folder and name: data/fashion-mnist/… → <dir>/fashion-mnist/…
            let path = format!("{dir}/{}", f.strip_prefix("data/").unwrap_or(f));
            std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e} (run scripts/full-data.sh for the full datasets)"))
        })
        .collect();
    Dataset::from_shipped_files(id, &files).expect("the full files parse")
}

fn device(name: &str) -> Device {
    match name {
        "cpu" => Device::flex(),
        #[cfg(feature = "gpu")]
        "wgpu" => Device::wgpu_options().init().unwrap_or_else(|e| {
            eprintln!("no native wgpu device: {e}");
            std::process::exit(2)
        }),
        other => {
            eprintln!("unknown --backend {other} (cpu, or wgpu with --features gpu)");
            std::process::exit(2)
        }
    }
}

fn lab_text(row: &replab_core::presets::ResultRow) -> String {
    match (&row.lab_text, row.lab, row.lab_spread) {
        (Some(t), _, _) => t.clone(),
        (None, Some(v), Some(sd)) => format!("{} ± {}", row.unit.format(v), row.unit.format(sd)),
        (None, Some(v), None) => row.unit.format(v),
        _ => "–".into(),
    }
}

/// `old` with the seeds of `new` added after its own (`--add-seeds`): the same experiment, size,
/// backend and data, and the same claims in the same order, else the reason they cannot be
/// joined (then run every seed again).
fn merge(old: &ExperimentRecord, new: ExperimentRecord) -> Result<ExperimentRecord, String> {
    same_setup(old, &new.backend, new.train_images, new.test_images)?;
    let metrics = |r: &ExperimentRecord| r.claims.iter().map(|c| c.metric.clone()).collect::<Vec<_>>();
    if metrics(old) != metrics(&new) {
        return Err(format!("the card's claims changed since the recorded run: {:?} now {:?}", metrics(old), metrics(&new)));
    }
    let mut out = old.clone();
    out.title = new.title;
    out.seeds.extend(new.seeds);
    out.seconds.extend(new.seconds);
    for (claim, added) in out.claims.iter_mut().zip(new.claims) {
        claim.label = added.label;
        claim.lab.extend(added.lab);
        claim.values.extend(added.values);
        claim.verdicts.extend(added.verdicts);
    }
    Ok(out)
}

/// Whether seeds run on `backend` with these image counts can join `old`'s (`--add-seeds`): a
/// record that kept no counts (0/0, from before they were kept) cannot.
fn same_setup(old: &ExperimentRecord, backend: &str, train_images: usize, test_images: usize) -> Result<(), String> {
    if (old.backend.as_str(), old.train_images, old.test_images) == (backend, train_images, test_images) {
        return Ok(());
    }
    Err(format!("recorded on {} with {}/{} images, now {backend} with {train_images}/{test_images}", old.backend, old.train_images, old.test_images))
}

/// The experiment's record from each seed's result.
fn record(id: &str, title: &str, backend: &str, seeds: &[u64], runs: &[(PresetResult, f64)]) -> ExperimentRecord {
    let first = &runs[0].0;
    let claims = first
        .rows
        .iter()
        .filter(|r| r.reported != "–")
        .map(|row| {
            let same = |result: &PresetResult| result.rows.iter().find(|r| r.metric == row.metric).cloned();
            let rows: Vec<_> = runs.iter().map(|(r, _)| same(r)).collect();
            ClaimRecord {
                metric: row.metric.clone(),
                label: row.label.clone(),
                reported: row.reported.clone(),
                lab: rows.iter().map(|r| r.as_ref().map_or("–".into(), lab_text)).collect(),
                values: rows.iter().map(|r| r.as_ref().and_then(|r| r.lab).filter(|v| v.is_finite())).collect(),
                verdicts: rows.iter().map(|r| r.as_ref().and_then(|r| r.verdict.as_ref()).map(|v| v.kind)).collect(),
            }
        })
        .collect();
    ExperimentRecord {
        id: id.into(),
        title: title.into(),
        seeds: seeds.to_vec(),
        backend: backend.into(),
        seconds: runs.iter().map(|r| r.1).collect(),
        train_images: 0,
        test_images: 0,
        claims,
    }
}

const SIZES: [&str; 3] = ["quick", "default", "full"];

fn json_path(size: &str) -> String {
    format!("{}/docs/reproduction/{size}.json", root())
}

fn load(size: &str) -> BTreeMap<String, ExperimentRecord> {
    std::fs::read_to_string(json_path(size)).map(|json| record::parse(&json)).unwrap_or_default()
}

/// REPRODUCTION.md from every size's records.
fn markdown(by_size: &[(String, BTreeMap<String, ExperimentRecord>)]) -> String {
    let mut out = String::from(
        "# Reproduction: every claim of every experiment, with the lab's verdict\n\n\
         Generated by `cargo run --release --example reproduce -- --size <size> --seeds 1,2,3 [ids…]` (natively, the \
         same experiment code the browser runs; `docs/reproduction/<size>.json` holds the figures per seed). Do not \
         edit by hand.\n\n\
         A verdict is computed from each seed's run: a reported number is *reproduced* within 1.25× (losses), 1.1× \
         (counts) or 2 points (accuracies) and *close* within 2×, 1.5× or 7 points (a search's picks, E2: \
         *reproduced* within 2×, *close* within 4×); an ordering or direction is \
         *reproduced* when every pair is in the claimed order, *close* when most are, *far* when fewer are and \
         *reversed* when none is. The lab's figure is the mean over the seeds with its range. What each experiment \
         does differently from its report (data size, epochs, architecture) is on its card in the lab; how A4's and \
         E4/E5's settings and E4/E5's measures were found is in docs/findings-e4-e5-a4.md, and the rules for D1's \
         words and B5's intermediates, and A1's batch at the default size, each declared before it was run, in \
         docs/findings-d1.md, docs/findings-b5.md and docs/findings-a1.md. Wall times are native \
         (`make reproduce` builds the release profile; CPU backend) and include every other job the machine ran at the time: upper bounds.\n\n",
    );
    let mut counts: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    for preset in presets() {
        let records: Vec<(&String, &ExperimentRecord)> = by_size.iter().filter_map(|(size, m)| m.get(preset.id).map(|r| (size, r))).collect();
        out.push_str(&format!("## {}\n\n", preset.title));
        if records.is_empty() {
            out.push_str("Not run yet.\n\n");
            continue;
        }
        let sizes: Vec<&String> = records.iter().map(|(s, _)| *s).collect();
        out.push_str("| claim | reported |");
        for s in &sizes {
            out.push_str(&format!(" lab, {s} | verdict, {s} |"));
        }
        out.push_str("\n|---|---|");
        out.push_str(&"---|---|".repeat(sizes.len()));
        out.push('\n');
        let (_, first) = records[0];
        let mut metrics: Vec<(&str, &str, &str)> = first.claims.iter().map(|c| (c.metric.as_str(), c.label.as_str(), c.reported.as_str())).collect();
        for (_, r) in &records[1..] {
            for c in &r.claims {
                if !metrics.iter().any(|m| m.0 == c.metric) {
                    metrics.push((&c.metric, &c.label, &c.reported));
                }
            }
        }
        for (metric, label, reported) in metrics {
            out.push_str(&format!("| {label} | {reported} |"));
            for (size, r) in &records {
                match r.claims.iter().find(|c| c.metric == metric) {
                    Some(c) => {
                        out.push_str(&format!(" {} | {} |", c.lab_over_seeds(), c.verdicts_text()));
                        let total = counts.entry(size.to_string()).or_default();
                        let these = verdict::tally(c.verdicts.iter().flatten().copied());
                        total.iter_mut().zip(these).for_each(|(t, n)| *t += n);
                    }
                    None => out.push_str(" – | – |"),
                }
            }
            out.push('\n');
        }
        out.push('\n');
        for (size, r) in &records {
            let total: f64 = r.seconds.iter().sum();
            let images = if r.train_images > 0 { format!(", {} training and {} test images", r.train_images, r.test_images) } else { String::new() };
            out.push_str(&format!(
                "{size}: seeds {:?} on {}{images}, {:.0} s per seed ({:.0} s in all).  \n",
                r.seeds,
                r.backend,
                total / r.seconds.len().max(1) as f64,
                total
            ));
        }
        if let Some(estimate) = full_cifar_estimate(preset, &records) {
            out.push_str(&estimate);
        }
        out.push('\n');
    }
    out.push_str("## Summary (verdicts counted over seeds)\n\n| size | reproduced | close | far | reversed |\n|---|---|---|---|---|\n");
    for (size, c) in counts {
        out.push_str(&format!("| {size} | {} | {} | {} | {} |\n", c[0], c[1], c[2], c[3]));
    }
    out
}

/// For a CIFAR-10 experiment run at the default size but not on the full dataset (none is
/// reachable from this machine): what the full size would take ([`record::full_cifar_estimate`])
/// and the command for a GPU server.
fn full_cifar_estimate(preset: &replab_core::presets::Preset, records: &[(&String, &ExperimentRecord)]) -> Option<String> {
    let at = |size: &str| records.iter().find(|(s, _)| s.as_str() == size).map(|(_, r)| *r);
    let e = record::full_cifar_estimate(preset, at("default")?, at("full"))?;
    let time = if e.seconds < 3600.0 { format!("{:.0} min", (e.seconds / 60.0).max(1.0)) } else { format!("{:.1} h", e.seconds / 3600.0) };
    Some(format!(
        "full: not run (the official CIFAR-10 archive is not on this machine). At the default run's pace on this \
         machine's CPU it would take about {time} per seed: {:.0}× the work ({FULL_CIFAR_TRAIN} training images \
         against {}, {} epochs against {} over its models). On a GPU server, with the archive at \
         `$FULL_DATA/cifar10/cifar-10-binary.tar.gz`: `cargo run --release --features gpu --example reproduce -- --size \
         full --backend wgpu {}`.  \n",
        e.work,
        e.images,
        e.full_epochs,
        e.default_epochs,
        preset.id
    ))
}

/// The README's verdict table: per experiment, its verdicts at each size (counted over seeds),
/// the claims in words (orderings, directions, ranges) apart from the reported numbers.
fn readme_table(by_size: &[(String, BTreeMap<String, ExperimentRecord>)]) -> String {
    let mut out = String::from("| experiment |");
    for (size, _) in by_size {
        out.push_str(&format!(" orderings and ranges, {size} | numbers, {size} |"));
    }
    out.push_str("\n|---|");
    out.push_str(&"---|---|".repeat(by_size.len()));
    out.push('\n');
    let cell = |claims: &[&ClaimRecord]| {
        let counts = verdict::tally(claims.iter().flat_map(|c| c.verdicts.iter().flatten().copied()));
        let parts: Vec<String> = VerdictKind::ALL.iter().zip(counts).filter(|(_, n)| *n > 0).map(|(k, n)| format!("{n} {}", k.key())).collect();
        if parts.is_empty() { "–".to_string() } else { parts.join(", ") }
    };
    for preset in presets() {
        let worded: Vec<&str> = replab_core::presets::experiment(preset.id).map(|e| e.claims().iter().map(|c| c.metric()).collect()).unwrap_or_default();
        out.push_str(&format!("| {} |", preset.title));
        for (_, records) in by_size {
            match records.get(preset.id) {
                Some(r) => {
                    let (words, numbers): (Vec<&ClaimRecord>, Vec<&ClaimRecord>) = r.claims.iter().partition(|c| worded.contains(&c.metric.as_str()));
                    let seeds = if r.seeds.len() == 1 { "1 seed".to_string() } else { format!("{} seeds", r.seeds.len()) };
                    out.push_str(&format!(" {} | {} ({seeds}) |", cell(&words), cell(&numbers)));
                }
                None => out.push_str(" not run | not run |"),
            }
        }
        out.push('\n');
    }
    out
}

/// Replaces the text between the README's verdict markers.
fn update_readme(table: &str) {
    let path = format!("{}/README.md", root());
    let Ok(readme) = std::fs::read_to_string(&path) else { return };
    let (begin, end) = ("<!-- verdicts:begin -->", "<!-- verdicts:end -->");
    if let (Some(a), Some(b)) = (readme.find(begin), readme.find(end)) {
        let updated = format!("{}{begin}\n{table}{}", &readme[..a], &readme[b..]);
        std::fs::write(&path, updated).expect("write README.md");
    }
}

fn main() {
    let mut size = PresetSize::Default;
    let mut backend = "cpu".to_string();
    let mut seeds = vec![1u64, 2, 3];
    let mut only = Vec::new();
    // Only regenerate REPRODUCTION.md and the README's table from the JSON files.
    let mut report_only = false;
    // Add these seeds to the recorded ones (each saved as soon as it has run) instead of
    // replacing the record: a full-size run of an hour a seed can grow over several sessions.
    let mut add_seeds = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--size" => size = args.next().and_then(|s| PresetSize::from_key(&s)).expect("--size quick|default|full"),
            "--backend" => backend = args.next().expect("--backend cpu|wgpu"),
            "--seeds" => seeds = args.next().expect("--seeds 1,2,3").split(',').map(|s| s.trim().parse().expect("a seed")).collect(),
            "--report-only" => report_only = true,
            "--add-seeds" => add_seeds = true,
            "--help" | "-h" => {
                eprintln!("reproduce [--size quick|default|full] [--backend cpu|wgpu] [--seeds 1,2,3] [--add-seeds] [ids…]");
                return;
            }
            id => only.push(id.to_ascii_lowercase()),
        }
    }
    if report_only {
        let by_size: Vec<(String, BTreeMap<String, ExperimentRecord>)> = SIZES.iter().map(|s| (s.to_string(), load(s))).filter(|(_, m)| !m.is_empty()).collect();
        std::fs::write(format!("{}/REPRODUCTION.md", root()), markdown(&by_size)).expect("write REPRODUCTION.md");
        update_readme(&readme_table(&by_size));
        return;
    }
    let device = device(&backend);
    let key = size.key();
    let mut records = load(key);
    let mut refused = false;
    for preset in presets().into_iter().filter(|p| only.is_empty() || only.iter().any(|o| o == p.id)) {
        let data = dataset(preset.dataset, size);
        let recorded = records.get(preset.id).map(|r| r.seeds.clone()).unwrap_or_default();
        if let Some(old) = records.get(preset.id).filter(|_| add_seeds) {
            // Refused before any seed runs rather than after the first one.
            if let Err(why) = same_setup(old, &backend, data.train.len(), data.test.len()) {
                eprintln!("{}: cannot add seeds to the recorded run: {why}; run its seeds again without --add-seeds", preset.id);
                refused = true;
                continue;
            }
        }
        let mut runs = Vec::new();
        for &seed in &seeds {
            if add_seeds && recorded.contains(&seed) {
                eprintln!("{} seed {seed}: already recorded, skipped", preset.id);
                continue;
            }
            let started = Instant::now();
            let mut run = PresetRun::new(preset, size, Sampler::Tpe, seed, &data, &device);
            while !run.is_finished() {
                block_on(run.advance()).unwrap_or_else(|e| panic!("{} seed {seed}: {e}", preset.id));
            }
            let seconds = started.elapsed().as_secs_f64();
            let result = run.result();
            let judged = verdict::tally(result.verdicts().map(|v| v.kind));
            eprintln!("{} seed {seed}: {seconds:.0} s, verdicts {judged:?} (reproduced, close, far, reversed)", preset.id);
            if add_seeds {
                let mut one = record(preset.id, preset.title, &backend, &[seed], &[(result, seconds)]);
                (one.train_images, one.test_images) = (data.train.len(), data.test.len());
                let joined = match records.get(preset.id) {
                    Some(old) => match merge(old, one) {
                        Ok(joined) => joined,
                        Err(why) => {
                            eprintln!("{}: cannot add seed {seed} to the recorded run: {why}; run its seeds again without --add-seeds", preset.id);
                            std::process::exit(2);
                        }
                    },
                    None => one,
                };
                records.insert(preset.id.to_string(), joined);
                save(key, &records);
            } else {
                runs.push((result, seconds));
            }
        }
        if add_seeds {
            if let Some(record) = records.get(preset.id) {
                print_record(record);
            }
            continue;
        }
        let mut record = record(preset.id, preset.title, &backend, &seeds, &runs);
        (record.train_images, record.test_images) = (data.train.len(), data.test.len());
        print_record(&record);
        records.insert(preset.id.to_string(), record);
        // Saved after each experiment: a long run that is stopped keeps what finished.
        save(key, &records);
    }
    if refused {
        std::process::exit(2);
    }
}

/// The verdict table of one experiment's record, on stdout.
fn print_record(record: &ExperimentRecord) {
    println!("### {} (seeds {:?})", record.title, record.seeds);
    for c in &record.claims {
        println!("  {:<48} reported {:<28} lab {:<40} {}", c.label, c.reported, c.lab_over_seeds(), c.verdicts_text());
    }
}

/// `records` as `docs/reproduction/<key>.json`, then REPRODUCTION.md and the README's table
/// from every size's JSON.
fn save(key: &str, records: &BTreeMap<String, ExperimentRecord>) {
    std::fs::create_dir_all(format!("{}/docs/reproduction", root())).expect("docs/reproduction");
    std::fs::write(json_path(key), serde_json::to_string_pretty(records).expect("records serialise")).expect("write the JSON");
    let by_size: Vec<(String, BTreeMap<String, ExperimentRecord>)> = SIZES.iter().map(|s| (s.to_string(), load(s))).filter(|(_, m)| !m.is_empty()).collect();
    std::fs::write(format!("{}/REPRODUCTION.md", root()), markdown(&by_size)).expect("write REPRODUCTION.md");
    update_readme(&readme_table(&by_size));
}
