//! The experiments gallery: each experiment of the reports as a card with Run, progress, the
//! lab's figures beside the reported ones, the report's chart and CSV/PNG downloads.

mod chart;
mod detail;
mod download;
mod figures;
mod gallery;
mod native_record;
mod result_view;
mod search_view;
mod state;
mod store;

pub use chart::PresetChart;
pub use detail::{can_run_preset, run_preset};
pub use gallery::PresetGallery;
pub use state::PresetState;

/// What a quick look at preset `id` trains: "one epoch on 2,000 training images" (fewer where
/// each image costs much).
fn quick_look(id: &str) -> String {
    let images = replab_core::presets::experiment(id).map_or(2000, |e| e.quick_train_images());
    format!("one epoch on {} training images", replab_core::thousands::thousands(images))
}
