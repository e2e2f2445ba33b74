//! A1 · How small can the bottleneck be? The MNIST autoencoder's reconstruction error against
//! its bottleneck size k, and where the curve bends.

use super::shared::{MNIST_2025, wide_mlp, wide_mlp_batch};
use crate::data::DatasetId;
use crate::presets::catalog::finding;
use crate::presets::experiment::Experiment;
use crate::presets::plan::{Job, PresetSize, job};
use crate::presets::report::{JobOutcome, Report, knee};
use crate::presets::result::{Chart, Series, Unit};
use crate::presets::Preset;
use crate::settings::Hyperparams;
use crate::presets::verdict::Claim;
use crate::thousands::signed;

/// The bottleneck sizes swept.
pub const SIZES: [usize; 11] = [1, 2, 5, 10, 20, 50, 100, 200, 300, 500, 700];

pub struct A1;

static CARD: Preset = Preset {
    id: "a1",
    title: "A1 · How small can the bottleneck be?",
    question: "An autoencoder squeezes each 784-pixel digit through k numbers. How does the reconstruction error fall as k grows, and where does it stop paying to make k larger?",
    setup: "MLP autoencoder 784-1000-k-1000-784, ReLU, MSE, Adam 1e-3, for k in 1, 2, 5, 10, 20, 50, 100, 200, 300, 500, 700.",
    source: MNIST_2025,
    differences: "Three epochs per k at batch 32 on the 10,000-image subset; at the full size 10 epochs at batch 128 on 60,000 (the report trained each to convergence on 60,000, batch not given).",
    dataset: DatasetId::Mnist,
    reported: &[finding("shape", "shape of the curve", "large gains k 1→50; slow gains to ~300; flat or slightly worse above 300")],
};

impl Experiment for A1 {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    fn jobs(&self, size: PresetSize) -> Vec<Job> {
        // Below the full size, 4× the steps for the same images (docs/findings-a1.md): at batch
        // 128, 3 epochs were 234 steps and stopped every k short of what its code can hold.
        let batch = wide_mlp_batch(size);
        SIZES.iter().map(|&k| job(format!("k = {k}"), Hyperparams { batch, ..wide_mlp(k, size.epochs(3, 10)) })).collect()
    }

    fn claims(&self) -> &'static [Claim] {
        &[Claim::Within { metric: "shape", label: "", text: "", of: "knee", low: 50.0, high: 300.0 }]
    }

    fn report(&self, r: &mut Report<'_>) {
        let outcomes = r.outcomes;
        for o in outcomes {
            let k = o.hp.latent;
            r.put_lab_only(format!("test_mse_k{k}"), format!("test MSE, k = {k}"), o.final_test(), Unit::Loss);
        }
        let points: Vec<(f64, f64)> = outcomes.iter().map(|o| (o.hp.latent as f64, o.final_test())).collect();
        if let Some(knee) = knee(&points) {
            r.put_lab_only("knee", "knee of the test curve (k)", knee, Unit::Count);
            r.note(format!("The test error's knee is at k = {knee}: beyond it, a larger bottleneck buys little."));
        }
        let train: Vec<(f64, f64)> = outcomes.iter().map(|o| (o.hp.latent as f64, o.final_train())).collect();
        r.chart(Chart::Lines {
            title: "Reconstruction error against the bottleneck size".into(),
            x_label: "k (log scale)".into(),
            y_label: "MSE".into(),
            log_x: true,
            log_y: true,
            series: vec![Series { name: "train".into(), points: train }, Series { name: "test".into(), points }],
        });
        r.answer("shape", shape(outcomes));
    }
}

/// The test error's relative change over the report's three ranges of k.
fn shape(outcomes: &[JobOutcome]) -> Option<String> {
    let at = |k: usize| outcomes.iter().find(|o| o.hp.latent == k).map(JobOutcome::final_test);
    let (k1, k50, k300, k700) = (at(1)?, at(50)?, at(300)?, at(700)?);
    Some(format!(
        "test MSE k 1→50: {}%; 50→300: {}%; 300→700: {}%",
        signed((k50 / k1 - 1.0) * 100.0, 0),
        signed((k300 / k50 - 1.0) * 100.0, 0),
        signed((k700 / k300 - 1.0) * 100.0, 0)
    ))
}
