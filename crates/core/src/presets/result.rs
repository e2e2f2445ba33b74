//! What a preset run reports: the lab's figures beside the reported ones, one chart, image
//! galleries and parameter counts. Plain data: the UI draws it without any tensor code.

use serde::{Deserialize, Serialize};

use crate::analysis::Confusion;
use crate::data::ImageStrip;
use crate::search::{Sampler, Space, Trial};

use super::plan::PresetSize;
use super::verdict::Verdict;

/// How a figure is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unit {
    /// A loss or error, printed with significant digits.
    Loss,
    /// A share in 0–1, printed as a percentage.
    Fraction,
    /// A whole number.
    Count,
    Seconds,
    /// Any other number (four significant digits, scientific when tiny).
    Number,
}

impl Unit {
    /// `value` as the result table prints it.
    pub fn format(self, value: f64) -> String {
        if !value.is_finite() {
            return "–".into();
        }
        match self {
            Unit::Loss => format!("{value:.5}"),
            Unit::Fraction => format!("{:.2}%", value * 100.0),
            Unit::Count => format!("{}", value.round() as i64),
            Unit::Seconds => format!("{value:.2} s"),
            Unit::Number if value != 0.0 && value.abs() < 1e-3 => format!("{value:.3e}"),
            Unit::Number => format!("{value:.4}"),
        }
    }
}

/// One line of the result table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultRow {
    /// Stable id (`data-metric`).
    pub metric: String,
    pub label: String,
    pub unit: Unit,
    /// The lab's figure (`None`: not measured, e.g. the run was stopped first).
    pub lab: Option<f64>,
    /// The lab's spread (± σ), where it has one.
    pub lab_spread: Option<f64>,
    /// The lab's answer in words, where it is not a number (e.g. the best optimiser).
    pub lab_text: Option<String>,
    /// The reported figure, as printed in the report ("–" when it gave none).
    pub reported: String,
    /// The lab's verdict on the report's claim in this row, once the run measured it.
    #[serde(default)]
    pub verdict: Option<Verdict>,
}

/// One line of a line chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub name: String,
    /// `(x, y)` points in order.
    pub points: Vec<(f64, f64)>,
}

/// One set of bars of a bar chart (one value per group).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bars {
    pub name: String,
    pub values: Vec<f64>,
    /// ± σ per value, when known.
    pub errors: Option<Vec<f64>>,
}

/// The figure a report had.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Chart {
    Lines { title: String, x_label: String, y_label: String, log_x: bool, log_y: bool, series: Vec<Series> },
    /// Grouped bars: `groups` along the x axis, one bar per [`Bars`] in each group.
    Bars { title: String, y_label: String, groups: Vec<String>, bars: Vec<Bars> },
}

impl Chart {
    /// Whether it has a finite value to plot: while a run's first model trains, its charts
    /// have none yet.
    pub fn has_data(&self) -> bool {
        match self {
            Chart::Lines { series, .. } => series.iter().flat_map(|s| &s.points).any(|(x, y)| x.is_finite() && y.is_finite()),
            Chart::Bars { bars, .. } => bars.iter().flat_map(|b| &b.values).any(|v| v.is_finite()),
        }
    }
}

/// A grid of images with a caption.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gallery {
    pub caption: String,
    /// Images per row.
    pub columns: usize,
    pub images: ImageStrip,
}

/// Points of a 2-D view of codes, coloured by class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scatter {
    pub caption: String,
    /// `(x, y)` per image.
    pub points: Vec<(f32, f32)>,
    pub labels: Vec<u8>,
    pub class_names: Vec<String>,
}

/// A classifier's confusion matrix with a caption.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConfusionFigure {
    pub caption: String,
    pub class_names: Vec<String>,
    pub confusion: Confusion,
}

/// Everything a preset run has shown so far (partial after Stop).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PresetResult {
    pub id: String,
    /// Models trained to the end, of all the preset trains.
    pub finished_jobs: usize,
    pub total_jobs: usize,
    pub rows: Vec<ResultRow>,
    /// The figures the report had (most presets one, some two).
    pub charts: Vec<Chart>,
    pub galleries: Vec<Gallery>,
    pub confusions: Vec<ConfusionFigure>,
    pub scatters: Vec<Scatter>,
    /// Parameter count of each model, by name (`param-count`).
    pub params: Vec<(String, usize)>,
    /// Sentences about what the lab's numbers show.
    pub notes: Vec<String>,
    /// A hyper-parameter search's trials (E2).
    pub search: Option<SearchSummary>,
    /// The size it was run at, set by whoever ran it (`None` in results kept before it was
    /// recorded). A quick look's verdicts judge a run too short for the report's findings.
    #[serde(default)]
    pub size: Option<PresetSize>,
}

/// Every trial of a search, for the sortable trial table and "use best".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchSummary {
    pub sampler: Sampler,
    pub space: Space,
    pub trials: Vec<Trial>,
    /// Number of the best completed trial.
    pub best: Option<usize>,
}

impl PresetResult {
    /// Whether it was a quick look: a run too short for the report's findings, whose verdicts
    /// judge that run, not the experiment.
    pub fn is_quick_look(&self) -> bool {
        self.size == Some(PresetSize::Quick)
    }

    /// The verdicts of its rows.
    pub fn verdicts(&self) -> impl Iterator<Item = &Verdict> {
        self.rows.iter().filter_map(|r| r.verdict.as_ref())
    }

    /// The result table as CSV (metric, label, lab, lab_sd, reported, verdict).
    pub fn csv(&self) -> String {
        let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        let mut out = String::from("metric,label,lab,lab_sd,reported,verdict\n");
        for r in &self.rows {
            let number = |v: Option<f64>| v.filter(|v| v.is_finite()).map(|v| format!("{v}")).unwrap_or_default();
            let lab = r.lab_text.clone().map(|t| quote(&t)).unwrap_or_else(|| number(r.lab));
            out.push_str(&format!(
                "{},{},{},{},{},{}\n",
                quote(&r.metric),
                quote(&r.label),
                lab,
                number(r.lab_spread),
                quote(&r.reported),
                r.verdict.as_ref().map_or("", |v| v.kind.key())
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_has_data_once_a_value_is_finite() {
        let lines = |points: Vec<(f64, f64)>| Chart::Lines {
            title: String::new(),
            x_label: String::new(),
            y_label: String::new(),
            log_x: false,
            log_y: false,
            series: vec![Series { name: "a".into(), points }],
        };
        assert!(!lines(vec![]).has_data());
        assert!(!lines(vec![(1.0, f64::NAN)]).has_data());
        assert!(lines(vec![(1.0, f64::NAN), (2.0, 0.5)]).has_data());
        let bars = |values: Vec<f64>| Chart::Bars {
            title: String::new(),
            y_label: String::new(),
            groups: vec!["k = 300".into()],
            bars: vec![Bars { name: "p = 0".into(), values, errors: None }],
        };
        assert!(!bars(vec![f64::NAN, f64::NAN]).has_data());
        assert!(bars(vec![f64::NAN, 0.01]).has_data());
    }
}
