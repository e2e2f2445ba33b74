//! The ticked runs' loss curves on one chart (test loss after each epoch, and the training
//! loss as it was reported), drawn by the preset chart.

use leptos::prelude::*;

use super::SavedRun;
use replab_core::presets::{Chart, Series};
use crate::ui::presets::PresetChart;

fn series(run: &SavedRun, test: bool) -> Series {
    let (curve, split) = if test { (&run.test.loss, "test") } else { (&run.train.loss, "train") };
    Series { name: format!("{} ({split})", run.name), points: curve.iter().map(|&(s, v)| (s as f64, f64::from(v))).collect() }
}

/// Charts of `runs`' training and test losses against the step.
#[component]
pub fn CompareCharts(runs: Vec<SavedRun>) -> impl IntoView {
    let chart = |test: bool| Chart::Lines {
        title: if test { "Test loss after each epoch".into() } else { "Training loss".into() },
        x_label: "step".into(),
        y_label: "loss".into(),
        log_x: false,
        log_y: true,
        series: runs.iter().map(|r| series(r, test)).filter(|s| !s.points.is_empty()).collect(),
    };
    view! {
        <div class="runs-compare-charts" data-testid="runs-compare-chart">
            <PresetChart chart=chart(true)/>
            <PresetChart chart=chart(false)/>
        </div>
    }
}
