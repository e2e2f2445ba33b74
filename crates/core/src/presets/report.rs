//! From what the runs measured to the result a preset shows: [`JobOutcome`] (one trained
//! model's measurements) and [`Report`], the builder each experiment fills with its figures,
//! charts and notes; it lays them out as the shared table, the lab's figure beside the
//! reported one.

use std::collections::HashMap;

use super::result::{Chart, ConfusionFigure, Gallery, PresetResult, ResultRow, Scatter, Series, Unit};
use super::verdict::{self, Claim};
use super::{Preset, Reported};
use crate::analysis::Confusion;
use crate::data::Dataset;
use crate::data::ImageStrip;
use crate::search::Study;
use crate::settings::Hyperparams;

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
    /// A generative model's samples and traversal, in numbers.
    pub generative: Option<GenerativeScores>,
}

/// A generative model's decoded samples and traversal in numbers (see
/// [`crate::analysis::sample_quality`] and
/// [`crate::analysis::mean_largest_step_share`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GenerativeScores {
    /// Share of the samples a reference classifier assigns a class with probability ≥ 0.9.
    pub confident_share: f64,
    /// Variance across the samples of each pixel, averaged over the pixels.
    pub pixel_variance: f64,
    /// The classes the reference classifier gave the samples it was sure of.
    pub sure_classes: Option<crate::analysis::SureClasses>,
    /// Fréchet distance between the samples' and real test images' reference-classifier
    /// features (lower: closer to the real images); `None` for too few samples.
    pub frechet: Option<f64>,
    /// A plain autoencoder's samples from a Gaussian fitted to its test codes (the scores
    /// above are for codes from N(0, I), the report's draw).
    pub fitted_prior: Option<PriorScores>,
    /// How many samples were judged.
    pub samples: usize,
    /// The reference classifier's test accuracy.
    pub reference_accuracy: f64,
    /// Mean over the traversal grid's rows and columns of the largest step's share of the
    /// path (1/(side − 1) when every step is equal; near 1 for one jump).
    pub traversal_step: Option<f64>,
    /// The same rows and columns seen against the straight pixel line between their ends
    /// (their pace along it and their detour off it), averaged.
    pub traversal_line: Option<crate::analysis::LineView>,
    /// The traversal's side (frames per path).
    pub side: usize,
    /// The median perceptual energy of straight lines between pairs of test images (1: the
    /// reference classifier's features move straight at an even pace; higher: detours and
    /// jumps), with the same for pixel cross-fades between each line's decoded ends.
    pub path_energy: Option<PathEnergy>,
    /// Walks between two classes' test images against cross-fades of their own decoded ends
    /// (B5; docs/findings-b5.md).
    pub walks: Option<WalkScores>,
}

/// [`GenerativeScores::walks`]: the share of the in-between frames a reference classifier
/// gives one class with probability ≥ 0.9, for decoded straight lines between test images and
/// for pixel cross-fades between the same decoded ends.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WalkScores {
    pub decoded: f64,
    pub cross_fade: f64,
    /// How many walks, of how many frames (the two ends of each are not judged).
    pub walks: usize,
    pub frames: usize,
}

/// [`GenerativeScores::path_energy`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PathEnergy {
    pub median: f64,
    pub cross_fade: Option<f64>,
    /// How many paths, of how many frames.
    pub paths: usize,
    pub frames: usize,
}

/// The raw test images as a representation: the baseline every encoder's codes are compared
/// with.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageSpace {
    /// Held-out k-NN accuracy on the pixels.
    pub knn: f64,
    pub scatter: Scatter,
}

/// Sample scores under another prior.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PriorScores {
    pub confident_share: f64,
    pub frechet: Option<f64>,
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
            generative: None,
        }
    }

    pub fn final_test(&self) -> f64 {
        self.test.last().map_or(f64::NAN, |&v| f64::from(v))
    }

    pub fn final_train(&self) -> f64 {
        self.train.last().map_or(f64::NAN, |&v| f64::from(v))
    }

    /// Loss per epoch as chart points (`test`: from epoch 0).
    pub fn curve(&self, test: bool) -> Vec<(f64, f64)> {
        let (values, first) = if test { (&self.test, 0) } else { (&self.train, 1) };
        values.iter().enumerate().map(|(i, &v)| ((i + first) as f64, f64::from(v))).collect()
    }

    /// A classifier's test accuracy (NaN when it has none).
    pub fn accuracy(&self) -> f64 {
        self.confusion.as_ref().map_or(f64::NAN, Confusion::accuracy)
    }

    /// A classifier's error on its training images (NaN when not measured).
    pub fn train_error(&self) -> f64 {
        self.train_confusion.as_ref().map_or(f64::NAN, |c| 1.0 - c.accuracy())
    }

    /// Error fraction per epoch as chart points: test from epoch 0, train (running) from 1.
    pub fn error_curve(&self, test: bool) -> Vec<(f64, f64)> {
        let (values, first) = if test { (&self.test_accuracy, 0) } else { (&self.train_accuracy, 1) };
        values.iter().enumerate().map(|(i, &a)| ((i + first) as f64, 1.0 - f64::from(a))).collect()
    }

    /// Its confusion matrices, captioned.
    fn confusion_figures(&self) -> Vec<ConfusionFigure> {
        let figure = |split: &str, confusion: &Confusion| ConfusionFigure {
            caption: format!("{}: {split} images, accuracy {:.2}%", self.label, confusion.accuracy() * 100.0),
            class_names: self.class_names.clone(),
            confusion: confusion.clone(),
        };
        // A two-class job (D1/D2) holds out the test set and evaluates per epoch on its 30%
        // validation split: its matrix is that split's.
        let held_out = if self.heldout_accuracy.is_some() { "validation" } else { "test" };
        let mut out: Vec<_> = self.confusion.iter().map(|c| figure(held_out, c)).collect();
        out.extend(self.train_confusion.iter().map(|c| figure("training", c)));
        out
    }
}

/// What a result is made from: the models finished so far (of `total_jobs`), the data they ran
/// on, and a search's trials.
#[derive(Clone, Copy)]
pub struct ReportInput<'a> {
    pub outcomes: &'a [JobOutcome],
    /// The raw test images seen as codes are (see [`super::experiment::Measure::ImageSpace`]).
    pub image_space: Option<&'a ImageSpace>,
    pub total_jobs: usize,
    pub data: &'a Dataset,
    pub study: Option<&'a Study>,
}

/// The result being written: an experiment puts its figures (by metric id), charts, galleries,
/// notes and worded answers; [`Report::finish`] lays them out beside the reported figures.
pub struct Report<'a> {
    pub card: &'static Preset,
    pub outcomes: &'a [JobOutcome],
    pub image_space: Option<&'a ImageSpace>,
    pub data: &'a Dataset,
    pub study: Option<&'a Study>,
    total_jobs: usize,
    /// The lab's figures by metric id: value, ± σ where there is one, unit.
    figures: HashMap<String, (f64, Option<f64>, Unit)>,
    /// Rows for metrics the report has no figure for: (metric, label).
    lab_only: Vec<(String, String)>,
    /// The lab's answers in words, by metric id, for findings the report stated in words.
    answers: HashMap<String, String>,
    charts: Vec<Chart>,
    galleries: Vec<Gallery>,
    notes: Vec<String>,
    /// The claims the report made in words, checked in [`Report::finish`].
    claims: &'static [Claim],
}

impl<'a> Report<'a> {
    /// An empty result of `card` from `input` (every model's galleries already in it).
    pub fn new(card: &'static Preset, input: ReportInput<'a>) -> Report<'a> {
        Report {
            card,
            outcomes: input.outcomes,
            image_space: input.image_space,
            data: input.data,
            study: input.study,
            total_jobs: input.total_jobs,
            figures: HashMap::new(),
            lab_only: Vec::new(),
            answers: HashMap::new(),
            charts: Vec::new(),
            galleries: input.outcomes.iter().flat_map(|o| o.galleries.clone()).collect(),
            notes: Vec::new(),
            claims: &[],
        }
    }

    /// The claims beyond the card's numbers that this result checks.
    pub fn with_claims(mut self, claims: &'static [Claim]) -> Report<'a> {
        self.claims = claims;
        self
    }

    /// The lab's figure for `metric`.
    pub fn put(&mut self, metric: impl Into<String>, value: f64, unit: Unit) {
        self.figures.insert(metric.into(), (value, None, unit));
    }

    /// The lab's figure for `metric`, ± `spread`.
    pub fn put_spread(&mut self, metric: impl Into<String>, value: f64, spread: f64, unit: Unit) {
        self.figures.insert(metric.into(), (value, Some(spread), unit));
    }

    /// A figure the report has no row for, shown in a row of its own under `label`.
    pub fn put_lab_only(&mut self, metric: impl Into<String>, label: impl Into<String>, value: f64, unit: Unit) {
        let metric = metric.into();
        self.put(metric.clone(), value, unit);
        self.lab_only.push((metric, label.into()));
    }

    /// The lab's answer in words to the finding `metric` (shown where it has no number).
    pub fn answer(&mut self, metric: &str, text: Option<String>) {
        if let Some(text) = text {
            self.answers.insert(metric.into(), text);
        }
    }

    pub fn chart(&mut self, chart: Chart) {
        self.charts.push(chart);
    }

    pub fn gallery(&mut self, gallery: Gallery) {
        self.galleries.push(gallery);
    }

    pub fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    /// The classifier models (those with accuracy curves).
    pub fn classifiers(&self) -> Vec<&'a JobOutcome> {
        self.outcomes.iter().filter(|o| !o.test_accuracy.is_empty()).collect()
    }

    /// Every model's loss per epoch (train and test, or test only).
    pub fn loss_curves(&self, title: &str, y: &str, test_only: bool) -> Chart {
        let series = self
            .outcomes
            .iter()
            .flat_map(|o| {
                let test = Series { name: format!("{} test", o.label), points: o.curve(true) };
                let train = Series { name: format!("{} train", o.label), points: o.curve(false) };
                if test_only { vec![test] } else { vec![train, test] }
            })
            .collect();
        Chart::Lines { title: title.into(), x_label: "epoch".into(), y_label: y.into(), log_x: false, log_y: true, series }
    }

    /// The result: a row per reported figure (in the card's order), then the lab-only rows,
    /// then a row per claim in words; every claim the run measured gets its verdict.
    pub fn finish(self) -> PresetResult {
        let Report { card, outcomes, image_space, figures, lab_only, mut answers, charts, galleries, notes, total_jobs, claims, .. } = self;
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
                verdict: match (found, reported.and_then(|r| r.value.map(|v| (v, r.text)))) {
                    (Some(&(lab, _, unit)), Some((value, text))) if lab.is_finite() => Some(verdict::number(lab, value, text, unit)),
                    _ => None,
                },
            }
        };
        let mut rows: Vec<ResultRow> = card.reported.iter().map(|r| row(r.metric, r.label, Some(r))).collect();
        rows.extend(lab_only.iter().filter(|(m, _)| !card.reported.iter().any(|r| r.metric == m)).map(|(m, l)| row(m, l, None)));
        for row in &mut rows {
            if row.lab.is_none() {
                row.lab_text = answers.remove(&row.metric);
            }
        }
        for claim in claims {
            let checked = claim.check(|metric| figures.get(metric).map(|&(value, _, unit)| (value, unit)));
            let index = match rows.iter().position(|r| r.metric == claim.metric()) {
                Some(i) => i,
                None => {
                    let mut new = row(claim.metric(), claim.label(), None);
                    new.reported = claim.text().into();
                    rows.push(new);
                    rows.len() - 1
                }
            };
            if let Some((lab, verdict)) = checked {
                let row = &mut rows[index];
                if row.lab.is_none() && row.lab_text.is_none() {
                    row.lab_text = Some(lab);
                }
                row.verdict = Some(verdict);
            }
        }
        PresetResult {
            id: card.id.into(),
            finished_jobs: outcomes.len(),
            total_jobs,
            rows,
            charts,
            galleries,
            confusions: outcomes.iter().flat_map(JobOutcome::confusion_figures).collect(),
            scatters: image_space.map(|s| s.scatter.clone()).into_iter().chain(outcomes.iter().flat_map(|o| o.scatters.clone())).collect(),
            params: outcomes.iter().map(|o| (o.label.clone(), o.params)).collect(),
            notes,
            search: None,
            size: None,
        }
    }
}

fn default_unit(r: &Reported) -> Unit {
    match r.value {
        Some(v) if v > 1.0 => Unit::Count,
        _ if r.text.ends_with('%') => Unit::Fraction,
        _ => Unit::Loss,
    }
}

/// Train and test curves of `f` (loss or error) for every outcome that has them.
pub fn curves(outcomes: &[&JobOutcome], title: &str, y: &str, log_y: bool, f: impl Fn(&JobOutcome, bool) -> Vec<(f64, f64)>) -> Chart {
    curves_held_out_as(outcomes, title, y, log_y, "test", f)
}

/// [`curves`] where the per-epoch held-out split is not the test set (`held_out`: its name in
/// the legend, e.g. "validation").
pub fn curves_held_out_as(outcomes: &[&JobOutcome], title: &str, y: &str, log_y: bool, held_out: &str, f: impl Fn(&JobOutcome, bool) -> Vec<(f64, f64)>) -> Chart {
    let series = outcomes
        .iter()
        .flat_map(|o| {
            [(false, "train"), (true, held_out)]
                .into_iter()
                .map(|(test, split)| Series { name: format!("{} {split}", o.label), points: f(o, test) })
                .filter(|s| !s.points.is_empty())
        })
        .collect();
    Chart::Lines { title: title.into(), x_label: "epoch".into(), y_label: y.into(), log_x: false, log_y, series }
}

/// Mean of the first members of `values`.
pub fn mean_of(values: &[(f64, f64)]) -> f64 {
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
