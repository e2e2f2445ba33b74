//! A3 · How many dimensions do the digits need? PCA of the raw pixels, before any network.

use super::shared::MNIST_2025;
use crate::analysis::{components_for, explained_variance};
use crate::data::DatasetId;
use crate::presets::catalog::figure;
use crate::presets::experiment::Experiment;
use crate::presets::report::Report;
use crate::presets::result::{Chart, Series, Unit};
use crate::presets::Preset;

pub struct A3;

static CARD: Preset = Preset {
    id: "a3",
    title: "A3 · How many dimensions do the digits need?",
    question: "Before any network: how many principal components of the raw pixels keep 95% and 99% of the variance?",
    setup: "PCA of the MNIST images, explained variance per component.",
    source: MNIST_2025,
    differences: "PCA of the 2,000 shipped test images (the report used all 70,000).",
    dataset: DatasetId::Mnist,
    reported: &[figure("pca_95", "components for 95%", 150.0, "~150"), figure("pca_99", "components for 99%", 330.0, "~330")],
};

impl Experiment for A3 {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    fn report(&self, r: &mut Report<'_>) {
        let images = r.data.test.slice(0..r.data.test.len().min(2000));
        let fractions = explained_variance(&images.unit_pixels(), images.shape.len());
        let (n95, n99) = (components_for(&fractions, 0.95), components_for(&fractions, 0.99));
        r.put("pca_95", n95 as f64, Unit::Count);
        r.put("pca_99", n99 as f64, Unit::Count);
        r.note(format!("PCA of {} test images: a sample this small needs fewer components than all 70,000.", images.len()));
        let mut total = 0.0;
        let points = fractions
            .iter()
            .take((n99 * 3 / 2).max(10))
            .enumerate()
            .map(|(i, f)| {
                total += f64::from(*f);
                ((i + 1) as f64, total)
            })
            .collect();
        r.chart(Chart::Lines {
            title: "Cumulative explained variance".into(),
            x_label: "principal components".into(),
            y_label: "share of variance".into(),
            log_x: false,
            log_y: false,
            series: vec![Series { name: "cumulative".into(), points }],
        });
    }
}
