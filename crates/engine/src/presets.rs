//! Running an experiment: its models built and trained with the lab's trainer, measured, and
//! reported through the experiment's own `report`. The experiments themselves (cards, jobs,
//! measures, claims, reports) are [`replab_core::presets`].

mod build;
mod jobs;
mod measure;
mod runner;

pub use measure::per_class;
pub use runner::{PresetRun, PresetUpdate};
