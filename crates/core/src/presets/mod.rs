//! The lab notebook: every experiment of the reports as a one-click preset.
//!
//! - [`experiment`]: the [`Experiment`] trait, what one experiment is to the lab.
//! - `experiments/`: one file per experiment (card, models, measures, report) and the registry
//!   list [`experiments::ALL`].
//! - [`catalog`]: the card type and lookups; [`plan`]: jobs and sizes; [`report`]: the result
//!   builder; [`result`]: what a run shows (plain data, shared with the UI); [`record`]: what
//!   the native reproduction recorded over seeds (shared by `examples/reproduce.rs` and the UI).
//! - training the models and measuring them (tensor code) is `replab_engine::presets`.

mod catalog;
pub mod experiment;
pub mod experiments;
pub mod plan;
pub mod record;
pub mod report;
pub mod result;
mod search_report;
pub mod verdict;

pub use catalog::{Preset, Reported, experiment, preset, presets};
pub use experiment::{Experiment, Measure};
pub use plan::PresetSize;
pub use report::{JobOutcome, knee};
pub use verdict::{Claim, Verdict, VerdictKind};
pub use result::{Bars, Chart, ConfusionFigure, Gallery, PresetResult, ResultRow, Scatter, SearchSummary, Series, Unit};
