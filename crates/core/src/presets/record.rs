//! What the native reproduction recorded (`docs/reproduction/<size>.json`, written by
//! `examples/reproduce.rs`): per experiment and size, each claim's figure and verdict per seed,
//! and the wall time. Plain data shared by the reproduction command (which writes it and
//! renders REPRODUCTION.md from it) and the lab's cards (which show it beside a tab's run).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::catalog::Preset;
use super::experiment;
use super::plan::{self, PresetSize};
use super::verdict::{self, VerdictKind};
use crate::data::DatasetId;
use crate::thousands::thousands;

/// One claim (a result row with a reported side) over the seeds of one size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimRecord {
    pub metric: String,
    pub label: String,
    pub reported: String,
    /// The lab's figure (or its answer in words) per seed.
    pub lab: Vec<String>,
    /// The lab's number per seed, where it is one.
    pub values: Vec<Option<f64>>,
    /// The verdict per seed (`None`: not checked).
    pub verdicts: Vec<Option<VerdictKind>>,
}

/// One experiment at one size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExperimentRecord {
    pub id: String,
    pub title: String,
    pub seeds: Vec<u64>,
    pub backend: String,
    /// Wall time of each seed's run, seconds.
    pub seconds: Vec<f64>,
    /// Training and test images the run had.
    #[serde(default)]
    pub train_images: usize,
    #[serde(default)]
    pub test_images: usize,
    pub claims: Vec<ClaimRecord>,
}

/// Every experiment's record at one size, by id.
pub type Records = BTreeMap<String, ExperimentRecord>;

/// Training images of the full CIFAR-10 (the reports').
pub const FULL_CIFAR_TRAIN: usize = 50_000;

impl ClaimRecord {
    /// How many seeds reached each verdict, in the order reproduced, close, far, reversed;
    /// verdicts no seed reached are left out (empty: no seed was checked).
    pub fn verdict_counts(&self) -> Vec<(VerdictKind, usize)> {
        VerdictKind::ALL.into_iter().zip(verdict::tally(self.verdicts.iter().flatten().copied())).filter(|(_, c)| *c > 0).collect()
    }

    /// The verdicts over the seeds in a few words ("reproduced 3/3", "close 2/3, far 1/3").
    pub fn verdicts_text(&self) -> String {
        let counts = self.verdict_counts();
        if counts.is_empty() {
            return "not checked".into();
        }
        let n = self.verdicts.len();
        counts.iter().map(|(k, c)| format!("{} {c}/{n}", k.key())).collect::<Vec<_>>().join(", ")
    }

    /// The verdict most seeds reached; between verdicts as many seeds reached, the one further
    /// from the report (reproduced 1/2, reversed 1/2: reversed). `None` where no seed was
    /// checked.
    pub fn usual_verdict(&self) -> Option<VerdictKind> {
        let counts = verdict::tally(self.verdicts.iter().flatten().copied());
        let most = *counts.iter().max()?;
        (most > 0).then(|| VerdictKind::ALL[counts.iter().rposition(|&c| c == most).unwrap_or(0)])
    }

    /// The lab's side over the seeds: mean and range of the numbers, or each seed's words.
    pub fn lab_over_seeds(&self) -> String {
        self.numbers_over_seeds().unwrap_or_else(|| {
            let mut distinct: Vec<&str> = Vec::new();
            for l in &self.lab {
                if !distinct.contains(&l.as_str()) {
                    distinct.push(l);
                }
            }
            distinct.join(" / ")
        })
    }

    /// The mean and range of the lab's numbers over the seeds ("0.01124 (0.01105–0.01147)");
    /// `None` where a seed's figure is words or missing.
    pub fn numbers_over_seeds(&self) -> Option<String> {
        let numbers: Vec<f64> = self.values.iter().flatten().copied().collect();
        let numeric = self.lab.iter().all(|l| l.parse::<f64>().is_ok() || l.ends_with('%') || l.contains('±'));
        if numbers.len() != self.values.len() || numbers.is_empty() || !numeric {
            return None;
        }
        let mean = numbers.iter().sum::<f64>() / numbers.len() as f64;
        let (lo, hi) = numbers.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
        let percent = self.lab[0].ends_with('%');
        let fmt = |v: f64| {
            if percent {
                format!("{:.2}%", v * 100.0)
            } else if v.abs() >= 10.0 {
                format!("{v:.0}")
            } else if v != 0.0 && v.abs() < 1e-3 {
                format!("{v:.2e}")
            } else {
                format!("{v:.5}")
            }
        };
        Some(if numbers.len() == 1 || lo == hi { fmt(mean) } else { format!("{} ({}–{})", fmt(mean), fmt(lo), fmt(hi)) })
    }
}

impl ExperimentRecord {
    /// The claim shown in result row `metric`.
    pub fn claim(&self, metric: &str) -> Option<&ClaimRecord> {
        self.claims.iter().find(|c| c.metric == metric)
    }

    /// How many claims reached each verdict in most seeds ([`ClaimRecord::usual_verdict`]), in
    /// the order reproduced, close, far, reversed: the card's record at a glance.
    pub fn usual_verdicts(&self) -> [usize; 4] {
        verdict::tally(self.claims.iter().filter_map(ClaimRecord::usual_verdict))
    }

    /// Mean wall time of one seed, seconds.
    pub fn seconds_per_seed(&self) -> f64 {
        self.seconds.iter().sum::<f64>() / self.seconds.len().max(1) as f64
    }

    /// "seed 1", "seeds 1, 2, 3".
    pub fn seeds_text(&self) -> String {
        let seeds = self.seeds.iter().map(u64::to_string).collect::<Vec<_>>().join(", ");
        if self.seeds.len() == 1 { format!("seed {seeds}") } else { format!("seeds {seeds}") }
    }

    /// "seeds 1, 2, 3 · 60,000 training and 10,000 test images · 6 min a seed on cpu" (the
    /// images only where the record kept them).
    pub fn summary(&self) -> String {
        let seeds = self.seeds_text();
        let images = if self.train_images > 0 {
            format!(" · {} training and {} test images", thousands(self.train_images), thousands(self.test_images))
        } else {
            String::new()
        };
        format!("{seeds}{images} · {} a seed on {}", duration(self.seconds_per_seed()), self.backend)
    }
}

/// The records of one size from `docs/reproduction/<size>.json`'s text; empty where it does not
/// parse (a record is information, not something to stop for).
pub fn parse(json: &str) -> Records {
    serde_json::from_str(json).unwrap_or_default()
}

/// What a full-size CIFAR-10 run would take, estimated from the default-size record.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FullEstimate {
    /// Wall time per seed at the default run's pace, seconds.
    pub seconds: f64,
    /// Times the default run's work.
    pub work: f64,
    /// Training images the default run had.
    pub images: usize,
    /// Epochs summed over the experiment's models, at the full and the default size.
    pub full_epochs: usize,
    pub default_epochs: usize,
}

/// For a CIFAR-10 experiment recorded at the default size but not on the full dataset: what a
/// full-size run would take at the default run's pace — the images times the epochs summed over
/// its models, assuming each model's cost per image and epoch stays as it was.
pub fn full_cifar_estimate(preset: &Preset, default: &ExperimentRecord, full: Option<&ExperimentRecord>) -> Option<FullEstimate> {
    if preset.dataset != DatasetId::Cifar10 || full.is_some_and(|f| f.train_images >= FULL_CIFAR_TRAIN) {
        return None;
    }
    let experiment = experiment(preset.id)?;
    let epochs = |size| plan::jobs(experiment, size).iter().map(|j| j.hp.epochs).sum::<usize>();
    let (default_epochs, full_epochs) = (epochs(PresetSize::Default), epochs(PresetSize::Full));
    if default_epochs == 0 || default.seconds.is_empty() || default.train_images == 0 {
        return None;
    }
    let work = (FULL_CIFAR_TRAIN as f64 / default.train_images as f64) * (full_epochs as f64 / default_epochs as f64);
    Some(FullEstimate { seconds: default.seconds_per_seed() * work, work, images: default.train_images, full_epochs, default_epochs })
}

/// "12 s", "6 min", "1.4 h".
pub fn duration(seconds: f64) -> String {
    if seconds < 90.0 {
        format!("{seconds:.0} s")
    } else if seconds < 3600.0 {
        format!("{:.0} min", seconds / 60.0)
    } else {
        format!("{:.1} h", seconds / 3600.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(values: &[f64], verdicts: &[Option<VerdictKind>]) -> ClaimRecord {
        ClaimRecord {
            metric: "m".into(),
            label: "m".into(),
            reported: "0.1".into(),
            lab: values.iter().map(|v| format!("{v}")).collect(),
            values: values.iter().map(|&v| Some(v)).collect(),
            verdicts: verdicts.to_vec(),
        }
    }

    #[test]
    fn verdicts_over_seeds_in_words() {
        use VerdictKind::*;
        let c = claim(&[0.1, 0.2, 0.3], &[Some(Close), Some(Far), Some(Close)]);
        assert_eq!(c.verdicts_text(), "close 2/3, far 1/3");
        assert_eq!(c.lab_over_seeds(), "0.20000 (0.10000–0.30000)");
        let mixed = claim(&[1.0, 2.0], &[Some(Reversed), Some(Reproduced)]);
        assert_eq!(mixed.verdicts_text(), "reproduced 1/2, reversed 1/2");
        let unchecked = claim(&[1.0], &[None]);
        assert_eq!(unchecked.verdicts_text(), "not checked");
        let words = ClaimRecord { lab: vec!["Adam".into(), "SGD".into(), "Adam".into()], values: vec![None; 3], ..claim(&[], &[None; 3]) };
        assert_eq!(words.numbers_over_seeds(), None);
        assert_eq!(words.lab_over_seeds(), "Adam / SGD");
    }

    #[test]
    fn a_claim_counts_as_what_most_seeds_found_and_a_tie_as_the_worse() {
        use VerdictKind::*;
        assert_eq!(claim(&[0.1; 3], &[Some(Close), Some(Far), Some(Close)]).usual_verdict(), Some(Close));
        assert_eq!(claim(&[0.1; 2], &[Some(Reproduced), Some(Reversed)]).usual_verdict(), Some(Reversed));
        assert_eq!(claim(&[0.1; 3], &[Some(Reproduced), Some(Reproduced), Some(Reversed)]).usual_verdict(), Some(Reproduced));
        assert_eq!(claim(&[0.1], &[None]).usual_verdict(), None);
        let record = ExperimentRecord {
            id: "x".into(),
            title: "x".into(),
            seeds: vec![1, 2, 3],
            backend: "cpu".into(),
            seconds: vec![1.0; 3],
            train_images: 1,
            test_images: 1,
            claims: vec![
                claim(&[0.1; 3], &[Some(Reproduced); 3]),
                claim(&[0.1; 3], &[Some(Reversed), Some(Reversed), Some(Reproduced)]),
                claim(&[0.1; 3], &[None; 3]),
            ],
        };
        assert_eq!(record.usual_verdicts(), [1, 0, 0, 1]);
    }

    /// The records built into the page parse, name cards that exist, hold one figure and one
    /// verdict per seed, and cover every claim each card declares in words: a card whose claims
    /// changed since its run shows a stale record until `make reproduce` runs it again.
    #[test]
    fn the_recorded_runs_match_the_cards() {
        let sizes = [
            ("default", include_str!("../../../../docs/reproduction/default.json")),
            ("full", include_str!("../../../../docs/reproduction/full.json")),
        ];
        for (size, json) in sizes {
            let records = parse(json);
            assert!(!records.is_empty(), "{size}.json parses");
            for (id, r) in &records {
                assert_eq!(id, &r.id);
                let experiment = experiment(id).unwrap_or_else(|| panic!("{size}: no card {id}"));
                assert_eq!(r.seconds.len(), r.seeds.len(), "{size} {id}");
                assert!(r.train_images > 0 && r.test_images > 0, "{size} {id}: the image counts are kept");
                for c in &r.claims {
                    assert_eq!((c.lab.len(), c.values.len(), c.verdicts.len()), (r.seeds.len(), r.seeds.len(), r.seeds.len()), "{size} {id} {}", c.metric);
                }
                for declared in experiment.claims() {
                    assert!(r.claim(declared.metric()).is_some(), "{size} {id}: claim {} not in the recorded run", declared.metric());
                }
            }
        }
        // Every card was run at the default size.
        let default = parse(sizes[0].1);
        for p in crate::presets::presets() {
            assert!(default.contains_key(p.id), "{} not run at the default size", p.id);
        }
    }

    #[test]
    fn times_in_words() {
        assert_eq!(duration(12.4), "12 s");
        assert_eq!(duration(390.0), "6 min");
        assert_eq!(duration(3268.0 * 2.0), "1.8 h");
    }
}
