//! An experiment's card: what it asks, how the report set it up, and what was reported
//! (`../shared/reference/reported-results.md`, ids A1–E5). The cards themselves live with their
//! experiments in `experiments/`.

use super::experiment::Experiment;
use super::experiments::ALL;
use crate::data::DatasetId;

/// A figure a report published, beside which the lab shows its own.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reported {
    /// Stable id of the metric (`data-metric` in the result table).
    pub metric: &'static str,
    /// For people.
    pub label: &'static str,
    /// The number, when the report gave one.
    pub value: Option<f64>,
    /// How the report stated it (a number as printed, or a qualitative finding).
    pub text: &'static str,
}

pub const fn figure(metric: &'static str, label: &'static str, value: f64, text: &'static str) -> Reported {
    Reported { metric, label, value: Some(value), text }
}

pub const fn finding(metric: &'static str, label: &'static str, text: &'static str) -> Reported {
    Reported { metric, label, value: None, text }
}

/// One experiment of the reports.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Preset {
    /// As in the reference file, lower case (`a1`); `?preset=a1`.
    pub id: &'static str,
    pub title: &'static str,
    /// The question, in a paragraph.
    pub question: &'static str,
    /// The report's setup.
    pub setup: &'static str,
    /// Where the reported figures come from.
    pub source: &'static str,
    /// What the lab does differently at its default size.
    pub differences: &'static str,
    pub dataset: DatasetId,
    pub reported: &'static [Reported],
}

/// Every preset's card, in the order of their ids (A1, A2, …, E5).
pub fn presets() -> Vec<&'static Preset> {
    ALL.iter().map(|e| e.card()).collect()
}

/// The card of the preset with this id (case-insensitive).
pub fn preset(id: &str) -> Option<&'static Preset> {
    experiment(id).map(|e| e.card())
}

/// The experiment with this id (case-insensitive).
pub fn experiment(id: &str) -> Option<&'static dyn Experiment> {
    ALL.iter().copied().find(|e| e.card().id.eq_ignore_ascii_case(id))
}
