//! The lab notebook: every experiment of the reports as a one-click preset.
//!
//! - [`catalog`]: the presets, their questions, setups and reported figures.
//! - [`plan`]: the models each preset trains at each size.
//! - [`result`]: what a run shows (plain data, shared with the UI).
//! - `runner`, `measure`, `report` (tensor code): training the models and measuring them.

#[cfg(feature = "tensor")]
mod build;
mod catalog;
mod catalog_classifiers;
#[cfg(feature = "tensor")]
mod classifier_report;
pub mod classifier_plan;
#[cfg(feature = "tensor")]
mod jobs;
#[cfg(feature = "tensor")]
mod measure;
pub mod plan;
#[cfg(feature = "tensor")]
mod report;
pub mod result;
#[cfg(feature = "tensor")]
mod runner;
#[cfg(feature = "tensor")]
mod search_report;

pub use catalog::{Preset, Reported, preset, presets};
#[cfg(feature = "tensor")]
pub use measure::per_class;
pub use plan::PresetSize;
#[cfg(feature = "tensor")]
pub use report::{JobOutcome, knee, report};
pub use result::{Bars, Chart, ConfusionFigure, Gallery, PresetResult, ResultRow, Scatter, SearchSummary, Series, Unit};
#[cfg(feature = "tensor")]
pub use runner::PresetRun;
