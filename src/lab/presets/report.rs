//! From what the runs measured to the result a preset shows: the table (lab beside reported),
//! the chart the report had, galleries, and sentences about what the numbers say.

use std::collections::HashMap;

use super::result::{Bars, Chart, Gallery, PresetResult, ResultRow, Scatter, Series, Unit};
use super::{Preset, Reported};
use crate::lab::analysis::{Confusion, components_for, explained_variance};
use crate::lab::data::Dataset;
use crate::lab::protocol::ImageStrip;
use crate::lab::search::Study;
use crate::lab::settings::Hyperparams;

/// What one trained model of a preset measured.
#[derive(Debug, Clone, PartialEq)]
pub struct JobOutcome {
    pub label: String,
    pub hp: Hyperparams,
    pub params: usize,
    /// Mean training loss of each epoch.
    pub train: Vec<f32>,
    /// Test loss before training (index 0) and after each epoch.
    pub test: Vec<f32>,
    pub seconds_per_epoch: f32,
    /// The first test image's reconstruction after each epoch.
    pub first_image_by_epoch: Vec<ImageStrip>,
    /// Test accuracy of a linear classifier on the frozen codes.
    pub probe_accuracy: Option<f64>,
    /// Mean and σ of the per-image test reconstruction error, per class.
    pub per_class: Vec<(f64, f64)>,
    pub galleries: Vec<Gallery>,
    /// Classifiers: mean training accuracy of each epoch (during training, with dropout on).
    pub train_accuracy: Vec<f32>,
    /// Classifiers: test accuracy before training (index 0) and after each epoch.
    pub test_accuracy: Vec<f32>,
    /// Classifiers: the trained model's test confusion matrix, and its training one where the
    /// preset shows it.
    pub confusion: Option<Confusion>,
    pub train_confusion: Option<Confusion>,
    /// Accuracy on test images kept apart from a validation split (two-class jobs).
    pub heldout_accuracy: Option<f64>,
    /// Held-out k-NN accuracy of the test codes.
    pub knn: Option<f64>,
    /// 2-D views of the codes.
    pub scatters: Vec<Scatter>,
    /// Names of the classes it was trained on (set by the runner).
    pub class_names: Vec<String>,
}

impl JobOutcome {
    pub fn new(label: String, hp: Hyperparams, params: usize) -> JobOutcome {
        JobOutcome {
            label,
            hp,
            params,
            train: Vec::new(),
            test: Vec::new(),
            seconds_per_epoch: f32::NAN,
            first_image_by_epoch: Vec::new(),
            probe_accuracy: None,
            per_class: Vec::new(),
            galleries: Vec::new(),
            train_accuracy: Vec::new(),
            test_accuracy: Vec::new(),
            confusion: None,
            train_confusion: None,
            heldout_accuracy: None,
            knn: None,
            scatters: Vec::new(),
            class_names: Vec::new(),
        }
    }

    pub(super) fn final_test(&self) -> f64 {
        self.test.last().map_or(f64::NAN, |&v| f64::from(v))
    }

    pub(super) fn final_train(&self) -> f64 {
        self.train.last().map_or(f64::NAN, |&v| f64::from(v))
    }

    /// Loss per epoch as chart points (`test`: from epoch 0).
    pub(super) fn curve(&self, test: bool) -> Vec<(f64, f64)> {
        let (values, first) = if test { (&self.test, 0) } else { (&self.train, 1) };
        values.iter().enumerate().map(|(i, &v)| ((i + first) as f64, f64::from(v))).collect()
    }
}

/// The lab's figures by metric id: value, and ± σ where there is one.
pub(super) type Figures = HashMap<String, (f64, Option<f64>, Unit)>;

/// A metric the report has no figure for.
pub(super) struct LabOnly {
    pub metric: String,
    pub label: String,
}

/// The result of `preset` from the models finished so far (`outcomes`, of `total_jobs`) on
/// `data`.
pub fn report(preset: &Preset, outcomes: &[JobOutcome], total_jobs: usize, data: &Dataset, study: Option<&Study>) -> PresetResult {
    if let Some(result) = super::classifier_report::report(preset, outcomes, total_jobs, data) {
        return result;
    }
    let mut figures = Figures::new();
    let mut extra = Vec::new();
    let mut notes = Vec::new();
    let mut put = |metric: String, value: f64, spread: Option<f64>, unit: Unit| {
        figures.insert(metric, (value, spread, unit));
    };
    let loss_curves = |title: &str, y: &str, test_only: bool| Chart::Lines {
        title: title.into(),
        x_label: "epoch".into(),
        y_label: y.into(),
        log_x: false,
        log_y: true,
        series: outcomes
            .iter()
            .flat_map(|o| {
                let test = Series { name: format!("{} test", o.label), points: o.curve(true) };
                let train = Series { name: format!("{} train", o.label), points: o.curve(false) };
                if test_only { vec![test] } else { vec![train, test] }
            })
            .collect(),
    };
    let mut galleries: Vec<Gallery> = outcomes.iter().flat_map(|o| o.galleries.clone()).collect();
    let chart = match preset.id {
        "a1" => {
            for o in outcomes {
                let k = o.hp.latent;
                put(format!("test_mse_k{k}"), o.final_test(), None, Unit::Loss);
                extra.push(LabOnly { metric: format!("test_mse_k{k}"), label: format!("test MSE, k = {k}") });
            }
            let points: Vec<(f64, f64)> = outcomes.iter().map(|o| (o.hp.latent as f64, o.final_test())).collect();
            if let Some(knee) = knee(&points) {
                put("knee".into(), knee, None, Unit::Count);
                extra.push(LabOnly { metric: "knee".into(), label: "knee of the test curve (k)".into() });
                notes.push(format!("The test error's knee is at k = {knee}: beyond it, a larger bottleneck buys little."));
            }
            let train: Vec<(f64, f64)> = outcomes.iter().map(|o| (o.hp.latent as f64, o.final_train())).collect();
            Some(Chart::Lines {
                title: "Reconstruction error against the bottleneck size".into(),
                x_label: "k (log scale)".into(),
                y_label: "MSE".into(),
                log_x: true,
                log_y: true,
                series: vec![Series { name: "train".into(), points: train }, Series { name: "test".into(), points }],
            })
        }
        "a2" => {
            if let Some(o) = outcomes.first() {
                put("train_mse".into(), o.final_train(), None, Unit::Loss);
                put("test_mse".into(), o.final_test(), None, Unit::Loss);
            }
            Some(loss_curves("Train and test MSE per epoch (k = 300)", "MSE", false))
        }
        "a3" => {
            let images = data.test.slice(0..data.test.len().min(2000));
            let fractions = explained_variance(&images.unit_pixels(), images.shape.len());
            let (n95, n99) = (components_for(&fractions, 0.95), components_for(&fractions, 0.99));
            put("pca_95".into(), n95 as f64, None, Unit::Count);
            put("pca_99".into(), n99 as f64, None, Unit::Count);
            notes.push(format!("PCA of {} test images: a sample this small needs fewer components than all 70,000.", images.len()));
            let mut total = 0.0;
            let points = fractions
                .iter()
                .take((n99 * 3 / 2).max(10))
                .enumerate()
                .map(|(i, f)| {
                    total += f64::from(*f);
                    ((i + 1) as f64, total)
                })
                .collect();
            Some(Chart::Lines {
                title: "Cumulative explained variance".into(),
                x_label: "principal components".into(),
                y_label: "share of variance".into(),
                log_x: false,
                log_y: false,
                series: vec![Series { name: "cumulative".into(), points }],
            })
        }
        "a4" => {
            for o in outcomes {
                let (k, p) = (o.hp.latent, o.hp.dropout);
                put(format!("test_mse_{k}_{p}"), o.final_test(), None, Unit::Loss);
                put(format!("train_mse_{k}_{p}"), o.final_train(), None, Unit::Loss);
                extra.push(LabOnly { metric: format!("train_mse_{k}_{p}"), label: format!("train MSE, k {k}, p {p}") });
            }
            notes.extend(dropout_note(outcomes));
            let value = |k: usize, p: f64| outcomes.iter().find(|o| o.hp.latent == k && o.hp.dropout == p).map_or(f64::NAN, JobOutcome::final_test);
            Some(Chart::Bars {
                title: "Test MSE by bottleneck and dropout".into(),
                y_label: "test MSE".into(),
                groups: vec!["k = 300".into(), "k = 500".into()],
                bars: [0.0, 0.1, 0.3]
                    .iter()
                    .map(|&p| Bars { name: format!("p = {p}"), values: vec![value(300, p), value(500, p)], errors: None })
                    .collect(),
            })
        }
        "b1" | "b2" => {
            if let Some(o) = outcomes.first() {
                put("mae".into(), o.final_test(), None, Unit::Loss);
                put("accuracy".into(), o.probe_accuracy.unwrap_or(f64::NAN), None, Unit::Fraction);
            }
            Some(loss_curves("Train and test MAE per epoch", "MAE (L1)", false))
        }
        "b5" => {
            if let Some(o) = outcomes.first() {
                put("test_mse".into(), o.final_test(), None, Unit::Loss);
                extra.push(LabOnly { metric: "test_mse".into(), label: "the autoencoder's test MSE".into() });
            }
            None
        }
        "c3" => {
            let Some(o) = outcomes.first() else { return finish(preset, figures, extra, Vec::new(), galleries, outcomes, total_jobs, notes) };
            for (digit, &(mean, sd)) in o.per_class.iter().enumerate() {
                put(format!("error_{digit}"), mean, Some(sd), Unit::Loss);
            }
            let lab = |seen: bool| Bars {
                name: if seen { "lab, seen (0–4)" } else { "lab, unseen (5–9)" }.into(),
                values: o.per_class.iter().enumerate().map(|(d, v)| if (d < 5) == seen { v.0 } else { f64::NAN }).collect(),
                errors: Some(o.per_class.iter().map(|v| v.1).collect()),
            };
            let reported = Bars {
                name: "reported".into(),
                values: preset.reported.iter().map(|r| r.value.unwrap_or(f64::NAN)).collect(),
                errors: None,
            };
            let (seen, unseen) = (mean_of(&o.per_class[..5.min(o.per_class.len())]), mean_of(o.per_class.get(5..).unwrap_or(&[])));
            notes.push(format!("Unseen digits average {:.4}, seen ones {:.4}: {:.1}× the error.", unseen, seen, unseen / seen));
            Some(Chart::Bars {
                title: "Test reconstruction error per digit (trained on 0–4)".into(),
                y_label: "MSE".into(),
                groups: (0..10).map(|d| d.to_string()).collect(),
                bars: vec![lab(true), lab(false), reported],
            })
        }
        "d3" | "d4" => {
            for o in outcomes {
                let name = if o.hp.model == crate::lab::settings::ModelKind::TiedMlpAe { "tied" } else { "plain" };
                let suffix = if preset.id == "d3" { String::new() } else { format!("_{name}") };
                put(format!("val_mse{suffix}"), o.final_test(), None, Unit::Loss);
                put(format!("params{suffix}"), o.params as f64, None, Unit::Count);
                put(format!("seconds_{name}"), f64::from(o.seconds_per_epoch), None, Unit::Seconds);
                extra.push(LabOnly { metric: format!("seconds_{name}"), label: format!("seconds per epoch, {name}") });
            }
            Some(loss_curves("Validation MSE per epoch", "MSE", preset.id == "d4"))
        }
        "e1" => {
            for o in outcomes {
                put(format!("test_mse_{}", o.label.to_lowercase()), o.final_test(), None, Unit::Loss);
                extra.push(LabOnly { metric: format!("test_mse_{}", o.label.to_lowercase()), label: format!("test MSE, {}", o.label) });
                if let Some(first) = o.first_image_by_epoch.first() {
                    let mut images = ImageStrip { shape: first.shape, count: 0, pixels: Vec::new() };
                    for strip in &o.first_image_by_epoch {
                        images.pixels.extend_from_slice(&strip.pixels);
                        images.count += 1;
                    }
                    let caption = format!("{}: the first test image rebuilt after epochs 1–{}", o.label, images.count);
                    galleries.push(Gallery { caption, columns: images.count, images });
                }
            }
            Some(loss_curves("Test MSE per epoch: Adam and SGD", "MSE", true))
        }
        "e2" => {
            let Some(study) = study else { return finish(preset, figures, extra, Vec::new(), galleries, outcomes, total_jobs, notes) };
            return super::search_report::search_result(preset, study, outcomes, total_jobs);
        }
        "e4" | "e5" => {
            for o in outcomes {
                let metric = format!("test_loss_{}", o.label.replace(' ', "_"));
                put(metric.clone(), o.final_test(), None, Unit::Loss);
                extra.push(LabOnly { metric, label: format!("test reconstruction MSE, {}", o.label) });
            }
            None
        }
        _ => None,
    };
    let mut result = finish(preset, figures, extra, chart.into_iter().collect(), galleries, outcomes, total_jobs, notes);
    describe_findings(&mut result, outcomes);
    result
}

/// The lab's answer, in words, to the findings a report stated in words.
fn describe_findings(result: &mut PresetResult, outcomes: &[JobOutcome]) {
    let find = |label: &str| outcomes.iter().find(|o| o.label == label);
    let text = |metric: &str| -> Option<String> {
        match metric {
            "shape" => {
                let at = |k: usize| outcomes.iter().find(|o| o.hp.latent == k).map(JobOutcome::final_test);
                let (k1, k50, k300, k700) = (at(1)?, at(50)?, at(300)?, at(700)?);
                Some(format!(
                    "test MSE k 1→50: {:+.0}%; 50→300: {:+.0}%; 300→700: {:+.0}%",
                    (k50 / k1 - 1.0) * 100.0,
                    (k300 / k50 - 1.0) * 100.0,
                    (k700 / k300 - 1.0) * 100.0
                ))
            }
            "speed" => {
                let (plain, tied) = (find("plain")?, find("tied")?);
                Some(format!("tied {:.2} s, plain {:.2} s per epoch", tied.seconds_per_epoch, plain.seconds_per_epoch))
            }
            "winner" => {
                let (adam, sgd) = (find("Adam")?, find("SGD")?);
                Some(format!("test MSE: Adam {:.4}, SGD {:.4}", adam.final_test(), sgd.final_test()))
            }
            _ => None,
        }
    };
    for row in &mut result.rows {
        if row.lab.is_none() && row.lab_text.is_none() {
            row.lab_text = text(&row.metric);
        }
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn finish(
    preset: &Preset,
    figures: Figures,
    extra: Vec<LabOnly>,
    charts: Vec<Chart>,
    galleries: Vec<Gallery>,
    outcomes: &[JobOutcome],
    total_jobs: usize,
    notes: Vec<String>,
) -> PresetResult {
    let row = |metric: &str, label: &str, reported: Option<&Reported>| {
        let found = figures.get(metric);
        ResultRow {
            metric: metric.into(),
            label: label.into(),
            unit: found.map(|f| f.2).or_else(|| reported.map(default_unit)).unwrap_or(Unit::Loss),
            lab: found.map(|f| f.0),
            lab_spread: found.and_then(|f| f.1),
            lab_text: None,
            reported: reported.map_or_else(|| "–".into(), |r| r.text.into()),
        }
    };
    let mut rows: Vec<ResultRow> = preset.reported.iter().map(|r| row(r.metric, r.label, Some(r))).collect();
    rows.extend(extra.iter().filter(|e| !preset.reported.iter().any(|r| r.metric == e.metric)).map(|e| row(&e.metric, &e.label, None)));
    PresetResult {
        id: preset.id.into(),
        finished_jobs: outcomes.len(),
        total_jobs,
        rows,
        charts,
        galleries,
        confusions: outcomes.iter().flat_map(|o| o.confusion_figures()).collect(),
        scatters: outcomes.iter().flat_map(|o| o.scatters.clone()).collect(),
        params: outcomes.iter().map(|o| (o.label.clone(), o.params)).collect(),
        notes,
        search: None,
    }
}

fn default_unit(r: &Reported) -> Unit {
    match r.value {
        Some(v) if v > 1.0 => Unit::Count,
        _ if r.text.ends_with('%') => Unit::Fraction,
        _ => Unit::Loss,
    }
}

fn mean_of(values: &[(f64, f64)]) -> f64 {
    values.iter().map(|v| v.0).sum::<f64>() / values.len().max(1) as f64
}

/// The knee of a decreasing curve: the point farthest below the chord from its first to its
/// last point, in log–log coordinates.
pub fn knee(points: &[(f64, f64)]) -> Option<f64> {
    let logged: Vec<(f64, f64, f64)> =
        points.iter().filter(|p| p.0 > 0.0 && p.1 > 0.0 && p.1.is_finite()).map(|p| (p.0.ln(), p.1.ln(), p.0)).collect();
    let (first, last) = (logged.first()?, logged.last()?);
    if logged.len() < 3 {
        return None;
    }
    let (dx, dy) = (last.0 - first.0, last.1 - first.1);
    let below = |p: &(f64, f64, f64)| (dx * (p.1 - first.1) - dy * (p.0 - first.0)) / (dx * dx + dy * dy).sqrt();
    logged.iter().min_by(|a, b| below(a).total_cmp(&below(b))).map(|p| p.2)
}

/// What A4's numbers say about dropout (only what they show).
fn dropout_note(outcomes: &[JobOutcome]) -> Option<String> {
    let at = |k: usize, p: f64| outcomes.iter().find(|o| o.hp.latent == k && o.hp.dropout == p);
    let (none, some) = (at(300, 0.0)?, at(300, 0.1).or_else(|| at(300, 0.3))?);
    let gap = none.final_test() - none.final_train();
    Some(if some.final_test() > none.final_test() {
        format!(
            "Dropout raised the test MSE at k = 300 from {:.5} to {:.5}. Without dropout the test error is {} the training error ({:+.5}): \
             the model does not overfit, so dropout has nothing to prevent and only adds noise to the codes.",
            none.final_test(),
            some.final_test(),
            if gap <= 0.0 { "at or below" } else { "close to" },
            gap
        )
    } else {
        format!(
            "Here dropout did not hurt: test MSE {:.5} with p = {} against {:.5} without.",
            some.final_test(),
            some.hp.dropout,
            none.final_test()
        )
    })
}

