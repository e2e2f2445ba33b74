//! The ticked runs' loss curves on one chart (test loss after each epoch, and the training
//! loss as it was reported), drawn by the preset chart.

use leptos::prelude::*;

use super::SavedRun;
use replab_core::classroom::telling_apart;
use replab_core::presets::{Chart, Series};
use crate::ui::presets::PresetChart;

/// A run's curve (the chart's title says which split).
fn series(run: &SavedRun, name: &str, test: bool) -> Series {
    let curve = if test { &run.test.loss } else { &run.train.loss };
    Series { name: name.to_string(), points: curve.iter().map(|&(s, v)| (s as f64, f64::from(v))).collect() }
}

/// Charts of `runs`' training and test losses against the step.
#[component]
pub fn CompareCharts(runs: Vec<SavedRun>) -> impl IntoView {
    let names = telling_apart(&runs.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), &runs.iter().map(|r| &r.settings).collect::<Vec<_>>());
    let chart = |test: bool| Chart::Lines {
        title: if test { "Test loss after each epoch".into() } else { "Training loss".into() },
        x_label: "step".into(),
        y_label: "loss".into(),
        log_x: false,
        log_y: true,
        series: runs.iter().zip(&names).map(|(r, name)| series(r, name, test)).filter(|s| !s.points.is_empty()).collect(),
    };
    view! {
        <div class="runs-compare-charts" data-testid="runs-compare-chart">
            <PresetChart chart=chart(true)/>
            <PresetChart chart=chart(false)/>
        </div>
    }
}
