//! The presets' core natively: the sweep and the search record every model, the per-digit
//! error table matches a hand computation, and the reports' figures come out finite.

mod common;

use burn::prelude::Device;
use replab_core::data::DatasetId;
use replab_core::presets::{presets, PresetResult, PresetSize, VerdictKind, knee, preset};
use replab_engine::presets::{PresetRun, per_class};
use replab_core::search::{Sampler, TrialState};

/// Run preset `id` at the quick size to the end; its final result.
fn run(id: &str) -> PresetResult {
    common::run_quick(id)
}

fn lab(result: &PresetResult, metric: &str) -> f64 {
    result.rows.iter().find(|r| r.metric == metric).and_then(|r| r.lab).unwrap_or_else(|| panic!("no {metric}"))
}

#[test]
fn per_class_error_matches_a_hand_computation() {
    let errors = [0.1, 0.2, 0.3, 0.5, 0.7];
    let labels = [0, 0, 1, 1, 2];
    let table = per_class(&errors, &labels, 3);
    // Class 0: mean 0.15, sample σ √(2·0.05²/1) = 0.0707; class 1: 0.4 and 0.1414; class 2: one
    // image, σ 0.
    let expect = [(0.15, 0.070_710_7), (0.4, 0.141_421_4), (0.7, 0.0)];
    for ((mean, sd), (m, s)) in table.iter().zip(expect) {
        assert!((mean - m).abs() < 1e-6 && (sd - s).abs() < 1e-6, "{table:?}");
    }
}

#[test]
fn every_preset_has_a_unique_id_and_reported_figures() {
    let all = presets();
    let mut ids: Vec<&str> = all.iter().map(|p| p.id).collect();
    ids.dedup();
    assert_eq!(ids.len(), all.len());
    assert_eq!(ids.len(), 28, "A1–A9, B1–B6 and B4 on CIFAR-10, C1–C3, D1–D4, E1–E5");
    assert!(all.iter().all(|p| !p.reported.is_empty() && !p.question.is_empty()));
    assert_eq!(preset("A1").map(|p| p.id), Some("a1"));
}

#[test]
fn knee_of_a_hand_made_curve() {
    // Steep until k = 10, flat after: the knee is at 10.
    let points = [(1.0, 1.0), (2.0, 0.5), (5.0, 0.1), (10.0, 0.02), (100.0, 0.018), (700.0, 0.017)];
    assert_eq!(knee(&points), Some(10.0));
}

#[test]
fn bottleneck_sweep_records_every_k() {
    let result = run("a1");
    assert_eq!((result.finished_jobs, result.total_jobs), (11, 11));
    let losses: Vec<f64> = [1, 2, 5, 10, 20, 50, 100, 200, 300, 500, 700].iter().map(|k| lab(&result, &format!("test_mse_k{k}"))).collect();
    assert!(losses.iter().all(|l| l.is_finite() && *l > 0.0), "{losses:?}");
    println!("A1 quick: test MSE by k {losses:?}, knee {:?}", result.rows.iter().find(|r| r.metric == "knee").and_then(|r| r.lab));
}

#[test]
fn search_records_every_trial() {
    let result = run("e2");
    let search = result.search.as_ref().expect("E2 reports its search");
    assert_eq!(search.trials.len(), 3);
    assert!(search.trials.iter().all(|t| t.state != TrialState::Running && t.values.len() == 5));
    assert!(search.best.is_some());
    assert!(lab(&result, "best_val_loss").is_finite());
}

#[test]
fn unseen_digits_table_and_tied_parameter_counts() {
    let c3 = run("c3");
    let errors: Vec<(f64, f64)> = (0..10)
        .map(|d| {
            let row = c3.rows.iter().find(|r| r.metric == format!("error_{d}")).unwrap();
            (row.lab.unwrap(), row.lab_spread.unwrap())
        })
        .collect();
    assert!(errors.iter().all(|(m, s)| m.is_finite() && s.is_finite() && *m > 0.0));
    println!("C3 quick: per-digit error {errors:?}");
    assert_eq!(c3.galleries.len(), 5, "reconstructions of each unseen digit");

    let d4 = run("d4");
    assert_eq!(d4.params, vec![("plain".to_string(), 797_984), ("tied".to_string(), 400_672)]);
    assert_eq!(lab(&d4, "params_tied"), 400_672.0);

    // The verdicts come from the run: every reported number that was measured has one, the
    // parameter counts match the report exactly, and the claims in words get rows of their own.
    for result in [&c3, &d4] {
        for row in result.rows.iter().filter(|r| r.lab.is_some_and(f64::is_finite) && r.reported != "–") {
            assert!(row.verdict.is_some(), "{}: {} has no verdict", result.id, row.metric);
        }
    }
    let verdict = |result: &PresetResult, metric: &str| result.rows.iter().find(|r| r.metric == metric).and_then(|r| r.verdict.clone());
    assert_eq!(verdict(&d4, "params_tied").map(|v| v.kind), Some(VerdictKind::Reproduced));
    let seen_unseen = verdict(&c3, "unseen_worse").expect("C3's claim is checked");
    let (seen, unseen) = (lab(&c3, "error_seen"), lab(&c3, "error_unseen"));
    let expected = if seen < unseen { VerdictKind::Reproduced } else { VerdictKind::Reversed };
    assert_eq!(seen_unseen.kind, expected, "seen {seen} unseen {unseen}");
    assert!(verdict(&d4, "tied_better").is_some() && verdict(&d4, "speed").is_some());
    println!("C3 quick verdicts: {:?}", c3.rows.iter().filter_map(|r| r.verdict.as_ref().map(|v| (&r.metric, v.kind))).collect::<Vec<_>>());
}

#[test]
fn pca_preset_needs_no_training() {
    let p = preset("a3").unwrap();
    let data = common::shipped(DatasetId::Mnist);
    let run = PresetRun::new(p, PresetSize::Default, Sampler::Random, 0, &data, &Device::flex());
    assert!(run.is_finished());
    let result = run.result();
    assert_eq!((lab(&result, "pca_95"), lab(&result, "pca_99")), (141.0, 296.0));
    assert_eq!(result.size, Some(PresetSize::Default), "a result says the size it was run at");
}

#[test]
fn b5_judges_its_walks_against_cross_fades_of_their_ends() {
    let b5 = run("b5");
    let (walks, fades) = (lab(&b5, "walk_sure_decoded"), lab(&b5, "walk_sure_cross_fade"));
    assert!((0.0..=1.0).contains(&walks) && (0.0..=1.0).contains(&fades), "{walks} {fades}");
    // docs/findings-b5.md: the walks' share above the blends' is reproduced, below reversed.
    let path = b5.rows.iter().find(|r| r.metric == "path").expect("the report's claim has a row");
    let expected = match walks.partial_cmp(&fades) {
        Some(std::cmp::Ordering::Greater) => VerdictKind::Reproduced,
        Some(std::cmp::Ordering::Less) => VerdictKind::Reversed,
        _ => VerdictKind::Far,
    };
    assert_eq!(path.verdict.as_ref().map(|v| v.kind), Some(expected), "walks {walks}, cross-fades {fades}");
    assert!(path.lab_text.as_deref().is_some_and(|t| t.contains("cross-fades between the same ends")), "{path:?}");
    // The card shows its first walk and, under it, the blend of the same two ends.
    let [walk, blend] = &b5.galleries[..] else { panic!("two galleries: {:?}", b5.galleries.iter().map(|g| &g.caption).collect::<Vec<_>>()) };
    assert!(blend.caption.contains("cross-faded") && blend.images.count == walk.images.count);
    let frame = |strip: &replab_core::data::ImageStrip, i: usize| strip.pixels[i * strip.shape.len()..(i + 1) * strip.shape.len()].to_vec();
    let last = walk.images.count - 1;
    assert_eq!((frame(&blend.images, 0), frame(&blend.images, last)), (frame(&walk.images, 0), frame(&walk.images, last)), "the same ends");
}
