//! The lab notebook: every experiment of the reports as a one-click preset.
//!
//! - [`experiment`]: the [`Experiment`] trait, what one experiment is to the lab.
//! - `experiments/`: one file per experiment (card, models, measures, report) and the registry
//!   list [`experiments::ALL`].
//! - [`catalog`]: the card type and lookups; [`plan`]: jobs and sizes; [`report`]: the result
//!   builder; [`result`]: what a run shows (plain data, shared with the UI).
//! - `runner`, `measure`, `build` (tensor code): training the models and measuring them.

#[cfg(feature = "tensor")]
mod build;
mod catalog;
pub mod experiment;
pub mod experiments;
#[cfg(feature = "tensor")]
mod jobs;
#[cfg(feature = "tensor")]
mod measure;
pub mod plan;
pub mod report;
pub mod result;
#[cfg(feature = "tensor")]
mod runner;
mod search_report;
pub mod verdict;

pub use catalog::{Preset, Reported, experiment, preset, presets};
pub use experiment::{Experiment, Measure};
#[cfg(feature = "tensor")]
pub use measure::per_class;
pub use plan::PresetSize;
pub use report::{JobOutcome, knee};
pub use verdict::{Claim, Verdict, VerdictKind};
pub use result::{Bars, Chart, ConfusionFigure, Gallery, PresetResult, ResultRow, Scatter, SearchSummary, Series, Unit};
#[cfg(feature = "tensor")]
pub use runner::PresetRun;
