//! The result of a classifier, transfer, representation or SVM preset: accuracies and
//! cross-entropies beside the reported ones, learning curves, grouped bars, confusion
//! matrices, per-class F1 and scatters of the codes.

use super::report::{Figures, JobOutcome, LabOnly, finish};
use super::result::{Bars, Chart, PresetResult, Series, Unit};
use super::Preset;
use crate::lab::analysis::{Confusion, held_out_knn_accuracy, KNN_K};
use crate::lab::data::Dataset;

/// The presets this file reports.
const IDS: [&str; 12] = ["a5", "a6", "a7", "a8", "a9", "b3", "b6", "c1", "c2", "d1", "d2", "e3"];

impl JobOutcome {
    fn accuracy(&self) -> f64 {
        self.confusion.as_ref().map_or(f64::NAN, Confusion::accuracy)
    }

    fn train_error(&self) -> f64 {
        self.train_confusion.as_ref().map_or(f64::NAN, |c| 1.0 - c.accuracy())
    }

    /// Error fraction per epoch as chart points: test from epoch 0, train (running) from 1.
    fn error_curve(&self, test: bool) -> Vec<(f64, f64)> {
        let (values, first) = if test { (&self.test_accuracy, 0) } else { (&self.train_accuracy, 1) };
        values.iter().enumerate().map(|(i, &a)| ((i + first) as f64, 1.0 - f64::from(a))).collect()
    }

    /// Its confusion matrices, captioned.
    pub(super) fn confusion_figures(&self) -> Vec<super::ConfusionFigure> {
        let figure = |split: &str, confusion: &Confusion| super::ConfusionFigure {
            caption: format!("{}: {split} images, accuracy {:.2}%", self.label, confusion.accuracy() * 100.0),
            class_names: self.class_names.clone(),
            confusion: confusion.clone(),
        };
        let mut out: Vec<_> = self.confusion.iter().map(|c| figure("test", c)).collect();
        out.extend(self.train_confusion.iter().map(|c| figure("training", c)));
        out
    }
}

/// Train and test curves of `f` (loss or error) for every outcome that has them.
fn curves(outcomes: &[&JobOutcome], title: &str, y: &str, log_y: bool, f: impl Fn(&JobOutcome, bool) -> Vec<(f64, f64)>) -> Chart {
    let series = outcomes
        .iter()
        .flat_map(|o| {
            [(false, "train"), (true, "test")]
                .into_iter()
                .map(|(test, split)| Series { name: format!("{} {split}", o.label), points: f(o, test) })
                .filter(|s| !s.points.is_empty())
        })
        .collect();
    Chart::Lines { title: title.into(), x_label: "epoch".into(), y_label: y.into(), log_x: false, log_y, series }
}

/// The classifier jobs (those with a confusion matrix or accuracy curves).
fn classifiers(outcomes: &[JobOutcome]) -> Vec<&JobOutcome> {
    outcomes.iter().filter(|o| !o.test_accuracy.is_empty()).collect()
}

/// The result of `preset` if this file reports it.
pub fn report(preset: &Preset, outcomes: &[JobOutcome], total_jobs: usize, _data: &Dataset) -> Option<PresetResult> {
    if !IDS.contains(&preset.id) {
        return None;
    }
    let mut figures = Figures::new();
    let mut extra = Vec::new();
    let mut notes = Vec::new();
    let mut put = |metric: &str, label: Option<String>, value: f64, unit: Unit| {
        figures.insert(metric.to_string(), (value, None, unit));
        if let Some(label) = label {
            extra.push(LabOnly { metric: metric.into(), label });
        }
    };
    let nets = classifiers(outcomes);
    let loss_chart = |title: &str| curves(&nets, title, "cross-entropy", true, |o, test| o.curve(test));
    let error_chart = |title: &str| curves(&nets, title, "error fraction", false, JobOutcome::error_curve);
    let mut charts = Vec::new();
    match preset.id {
        "a5" => {
            for o in &nets {
                let case = &o.label[..1];
                put(&format!("train_ce_{case}"), None, o.final_train(), Unit::Loss);
                put(&format!("test_ce_{case}"), None, o.final_test(), Unit::Loss);
                put(&format!("accuracy_{case}"), Some(format!("test accuracy, {}", o.label)), o.accuracy(), Unit::Fraction);
            }
            charts.push(loss_chart("Train and test cross-entropy per epoch, four cases"));
        }
        "a6" | "a7" => {
            if let Some(o) = nets.first() {
                put("test_accuracy", None, o.accuracy(), Unit::Fraction);
                put("train_ce", Some("train CE".into()), o.final_train(), Unit::Loss);
                put("test_ce", Some("test CE".into()), o.final_test(), Unit::Loss);
            }
            charts.push(loss_chart("Cross-entropy per epoch"));
            charts.push(error_chart("Error fraction per epoch"));
        }
        "a8" => charts.extend(a8(&nets, &mut put, &mut notes)),
        "a9" => {
            if let Some(o) = outcomes.first() {
                put("train_loss", None, o.final_train(), Unit::Loss);
                put("test_loss", None, o.final_test(), Unit::Loss);
            }
            charts.push(curves(&outcomes.iter().collect::<Vec<_>>(), "Contrastive loss per epoch", "loss", true, |o, test| o.curve(test)));
        }
        "b3" | "b6" => {
            for o in outcomes {
                let key = o.label.split(|c: char| !c.is_alphanumeric()).next().unwrap_or_default().to_lowercase();
                put(&format!("knn_{key}"), Some(format!("10-NN accuracy of the codes, {}", o.label)), o.knn.unwrap_or(f64::NAN), Unit::Fraction);
                if o.confusion.is_some() {
                    put("accuracy", None, o.accuracy(), Unit::Fraction);
                }
            }
            let order = separability_order(outcomes);
            if !order.is_empty() {
                notes.push(format!("By the held-out {KNN_K}-NN accuracy of their test codes: {order}."));
            }
            charts.push(Chart::Bars {
                title: format!("Separability: held-out {KNN_K}-NN accuracy of the test codes"),
                y_label: "accuracy".into(),
                groups: outcomes.iter().map(|o| o.label.clone()).collect(),
                bars: vec![Bars { name: "k-NN accuracy".into(), values: outcomes.iter().map(|o| o.knn.unwrap_or(f64::NAN)).collect(), errors: None }],
            });
        }
        "c1" | "c2" => {
            for o in &nets {
                let case = match o.label.as_str() {
                    l if l.starts_with("Case II") => "ii",
                    l if l.starts_with("Case I") => "i",
                    _ => "baseline",
                };
                put(&format!("test_error_{case}"), Some(format!("test error, {}", o.label)), 1.0 - o.accuracy(), Unit::Loss);
                put(&format!("train_error_{case}"), Some(format!("train error, {}", o.label)), o.train_error(), Unit::Loss);
            }
            charts.push(error_chart("Error fraction per epoch"));
            if preset.id == "c2" {
                charts.push(per_class_error(&nets));
                notes.extend(hardest(&nets));
            }
        }
        "d1" | "d2" => {
            for o in &nets {
                let metric = if preset.id == "d1" {
                    "test_accuracy".to_string()
                } else {
                    format!("test_accuracy_{}", o.label.split_whitespace().next().unwrap_or_default())
                };
                put(&metric, None, o.heldout_accuracy.unwrap_or(f64::NAN), Unit::Fraction);
                let val = 1.0 - o.error_curve(true).last().map_or(f64::NAN, |p| p.1);
                put(&format!("val_accuracy_{}", o.label.replace(' ', "_")), Some(format!("validation accuracy, {}", o.label)), val, Unit::Fraction);
            }
            if preset.id == "d1" && let Some(o) = nets.first() {
                notes.push(noise_note(o));
            }
            charts.push(curves(&nets, "Hinge loss per epoch (train and validation)", "loss", true, |o, test| o.curve(test)));
            charts.push(error_chart("Error fraction per epoch (train and validation)"));
        }
        "e3" => {
            if let Some(o) = nets.first() {
                put("accuracy", None, o.accuracy(), Unit::Fraction);
                let per_class = o.confusion.as_ref().map(Confusion::per_class).unwrap_or_default();
                for (c, m) in per_class.iter().enumerate() {
                    put(&format!("f1_{c}"), None, m.f1, Unit::Fraction);
                }
                let reported = (0..10).map(|c| preset.reported.iter().find(|r| r.metric == format!("f1_{c}")).and_then(|r| r.value).unwrap_or(f64::NAN));
                charts.push(Chart::Bars {
                    title: "F1 per class".into(),
                    y_label: "F1".into(),
                    groups: o.class_names.clone(),
                    bars: vec![
                        Bars { name: "lab".into(), values: per_class.iter().map(|m| m.f1).collect(), errors: None },
                        Bars { name: "reported".into(), values: reported.collect(), errors: None },
                    ],
                });
            }
            charts.push(loss_chart("Cross-entropy per epoch"));
        }
        _ => {}
    }
    let galleries = outcomes.iter().flat_map(|o| o.galleries.clone()).collect();
    let mut result = finish(preset, figures, extra, charts, galleries, outcomes, total_jobs, notes);
    for row in &mut result.rows {
        if row.lab.is_none() && row.lab_text.is_none() {
            row.lab_text = finding_text(preset.id, &row.metric, outcomes);
        }
    }
    Some(result)
}

/// A8: accuracy and CE of every transfer case, the best one, and the grouped bars by k.
fn a8(nets: &[&JobOutcome], put: &mut impl FnMut(&str, Option<String>, f64, Unit), notes: &mut Vec<String>) -> Vec<Chart> {
    let transfers: Vec<&&JobOutcome> = nets.iter().filter(|o| o.label.starts_with("k = ") && !o.label.starts_with("k = 0")).collect();
    for o in &transfers {
        let key = o.label.replace("k = ", "k").replace(", ", "_");
        put(&format!("accuracy_{key}"), Some(format!("test accuracy, {}", o.label)), o.accuracy(), Unit::Fraction);
        put(&format!("test_ce_{key}"), Some(format!("test CE, {}", o.label)), o.final_test(), Unit::Loss);
    }
    if let Some(base) = nets.iter().find(|o| o.label.starts_with("k = 0")) {
        put("accuracy_k0", Some("test accuracy, k = 0 (no transfer)".into()), base.accuracy(), Unit::Fraction);
        put("test_ce_k0", Some("test CE, k = 0 (no transfer)".into()), base.final_test(), Unit::Loss);
    }
    if let Some(pretext) = nets.iter().find(|o| o.label == "rotation pretext") {
        put("pretext_accuracy", Some("rotation pretext test accuracy (A7)".into()), pretext.accuracy(), Unit::Fraction);
    }
    if let Some(best) = transfers.iter().filter(|o| o.accuracy().is_finite()).max_by(|a, b| a.accuracy().total_cmp(&b.accuracy())) {
        put("best_accuracy", None, best.accuracy(), Unit::Fraction);
        put("best_test_ce", None, best.final_test(), Unit::Loss);
        notes.push(format!("Best case here: {} ({:.2}% test accuracy).", best.label, best.accuracy() * 100.0));
    }
    let find = |k: usize, kind: &str| transfers.iter().find(|o| o.label == format!("k = {k}, {kind}")).copied();
    let groups = vec!["k = 0".to_string(), "k = 1".into(), "k = 2".into(), "k = 3".into()];
    let baseline = nets.iter().find(|o| o.label.starts_with("k = 0"));
    let bars = |f: &dyn Fn(&JobOutcome) -> f64| {
        ["frozen", "trainable"]
            .iter()
            .map(|kind| Bars {
                name: kind.to_string(),
                values: (0..=3).map(|k| if k == 0 { baseline.map_or(f64::NAN, |o| f(o)) } else { find(k, kind).map_or(f64::NAN, |o| f(o)) }).collect(),
                errors: None,
            })
            .collect()
    };
    vec![
        Chart::Bars { title: "Test accuracy by transferred blocks k".into(), y_label: "accuracy".into(), groups: groups.clone(), bars: bars(&|o| o.accuracy()) },
        Chart::Bars { title: "Test cross-entropy by transferred blocks k".into(), y_label: "CE".into(), groups, bars: bars(&|o| o.final_test()) },
    ]
}

/// C2: each net's test error per digit.
fn per_class_error(nets: &[&JobOutcome]) -> Chart {
    Chart::Bars {
        title: "Test error per digit".into(),
        y_label: "error fraction".into(),
        groups: (0..10).map(|d| d.to_string()).collect(),
        bars: nets
            .iter()
            .filter_map(|o| {
                let c = o.confusion.as_ref()?;
                Some(Bars { name: o.label.clone(), values: (0..c.classes).map(|d| 1.0 - c.row_share(d, d)).collect(), errors: None })
            })
            .collect(),
    }
}

/// C2: the digits every net finds hardest, and the most frequent confusion.
fn hardest(nets: &[&JobOutcome]) -> Option<String> {
    let c = nets.iter().find(|o| o.label.starts_with("Case II")).or(nets.first())?.confusion.as_ref()?;
    let mut errors: Vec<(usize, f64)> = (0..c.classes).map(|d| (d, 1.0 - c.row_share(d, d))).collect();
    errors.sort_by(|a, b| b.1.total_cmp(&a.1));
    let (t, p) = (0..c.classes).flat_map(|t| (0..c.classes).map(move |p| (t, p))).filter(|(t, p)| t != p).max_by_key(|&(t, p)| c.count(t, p))?;
    Some(format!(
        "Hardest digits for the fine-tuned net: {} ({:.1}% wrong) and {} ({:.1}%); its most frequent mistake: {t} read as {p} ({} times).",
        errors[0].0,
        errors[0].1 * 100.0,
        errors[1].0,
        errors[1].1 * 100.0,
        c.count(t, p)
    ))
}

/// The encoders by k-NN separability, best first ("classification-guided 97.1% > …").
fn separability_order(outcomes: &[JobOutcome]) -> String {
    let mut scored: Vec<&JobOutcome> = outcomes.iter().filter(|o| o.knn.is_some()).collect();
    scored.sort_by(|a, b| b.knn.unwrap_or(0.0).total_cmp(&a.knn.unwrap_or(0.0)));
    scored.iter().map(|o| format!("{} {:.1}%", o.label, o.knn.unwrap_or(f64::NAN) * 100.0)).collect::<Vec<_>>().join(" > ")
}

/// CIFAR-10's vehicles (airplane, automobile, ship, truck).
const VEHICLES: [u8; 4] = [0, 1, 8, 9];

/// A9: how well the 2-D embedding separates vehicles from animals, and cat/dog/bird.
fn separation(scatter: &super::Scatter) -> String {
    let points: Vec<f32> = scatter.points.iter().flat_map(|p| [p.0, p.1]).collect();
    let kind: Vec<u8> = scatter.labels.iter().map(|l| u8::from(VEHICLES.contains(l))).collect();
    let vehicles = held_out_knn_accuracy(&points, &kind, 2, KNN_K);
    let (mut pets, mut pet_labels) = (Vec::new(), Vec::new());
    for (p, &l) in scatter.points.iter().zip(&scatter.labels) {
        if [2u8, 3, 5].contains(&l) {
            pets.extend([p.0, p.1]);
            pet_labels.push(l);
        }
    }
    let among = if pet_labels.len() >= 4 { held_out_knn_accuracy(&pets, &pet_labels, 2, KNN_K) } else { f32::NAN };
    format!(
        "In the 2-D embedding, {KNN_K}-NN tells vehicles from animals {:.1}% of the time (chance ~60%); among birds, cats and dogs alone it is right {:.1}% (chance ~33%).",
        vehicles * 100.0,
        among * 100.0
    )
}

/// D1: how much the validation accuracy jumps between epochs.
fn noise_note(o: &JobOutcome) -> String {
    let acc: Vec<f64> = o.error_curve(true).iter().skip(1).map(|p| 1.0 - p.1).collect();
    let jumps: Vec<f64> = acc.windows(2).map(|w| (w[1] - w[0]).abs()).collect();
    let mean = jumps.iter().sum::<f64>() / jumps.len().max(1) as f64;
    format!(
        "Validation accuracy moved by {:.1} points per epoch on average (train {:.1}%, validation {:.1}% at the end).",
        mean * 100.0,
        o.train_accuracy.last().map_or(f64::NAN, |&a| f64::from(a) * 100.0),
        acc.last().map_or(f64::NAN, |a| a * 100.0)
    )
}

/// The lab's answer in words to a finding the report stated in words.
fn finding_text(id: &str, metric: &str, outcomes: &[JobOutcome]) -> Option<String> {
    match (id, metric) {
        ("a8", "best") => {
            let best = outcomes.iter().filter(|o| o.label.starts_with("k = ") && !o.label.starts_with("k = 0") && o.confusion.is_some()).max_by(|a, b| a.accuracy().total_cmp(&b.accuracy()))?;
            Some(best.label.clone())
        }
        ("b3" | "b6", "separability") => Some(separability_order(outcomes)).filter(|s| !s.is_empty()),
        ("a9", "separation") => outcomes.first()?.scatters.last().map(separation),
        ("d1", "behaviour") => outcomes.first().filter(|o| !o.test_accuracy.is_empty()).map(noise_note),
        ("c2", "hardest") => hardest(&classifiers(outcomes)),
        _ => None,
    }
}
