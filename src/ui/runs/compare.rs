//! The ticked runs' loss curves on one chart (test loss after each epoch, and the training
//! loss as it was reported), drawn by the preset chart.

use leptos::prelude::*;

use super::SavedRun;
use replab_core::classroom::varied;
use replab_core::presets::{Chart, Series};
use crate::ui::presets::PresetChart;

fn series(run: &SavedRun, name: &str, test: bool) -> Series {
    let (curve, split) = if test { (&run.test.loss, "test") } else { (&run.train.loss, "train") };
    Series { name: format!("{name} ({split})"), points: curve.iter().map(|&(s, v)| (s as f64, f64::from(v))).collect() }
}

/// Each run's name in the legend: its own where the names differ; where two are alike (two
/// runs of one model saved under its default name), with the settings the runs differ in.
fn legend_names(runs: &[SavedRun]) -> Vec<String> {
    let alike = runs.iter().enumerate().any(|(i, a)| runs[..i].iter().any(|b| b.name == a.name));
    if !alike {
        return runs.iter().map(|r| r.name.clone()).collect();
    }
    let varied = varied(&runs.iter().map(|r| &r.settings).collect::<Vec<_>>());
    runs.iter()
        .map(|r| std::iter::once(r.name.clone()).chain(varied.iter().map(|v| v.describe(&r.settings))).collect::<Vec<_>>().join(" · "))
        .collect()
}

/// Charts of `runs`' training and test losses against the step.
#[component]
pub fn CompareCharts(runs: Vec<SavedRun>) -> impl IntoView {
    let names = legend_names(&runs);
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
