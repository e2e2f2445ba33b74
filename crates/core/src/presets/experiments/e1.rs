//! E1 · Adam against SGD: the same conv autoencoder, two optimisers, curves and pictures.

use super::shared::{FASHION, fashion_conv};
use crate::data::DatasetId;
use crate::presets::catalog::finding;
use crate::presets::experiment::Experiment;
use crate::presets::plan::{Job, PresetSize, job};
use crate::presets::report::Report;
use crate::presets::result::{Gallery, Unit};
use crate::presets::Preset;
use crate::presets::verdict::Claim;
use crate::data::ImageStrip;
use crate::settings::{Hyperparams, ModelKind, OptimizerKind};

pub struct E1;

static CARD: Preset = Preset {
    id: "e1",
    title: "E1 · Adam against SGD",
    question: "Same convolutional autoencoder, same data, two optimisers: how different are the curves, and the pictures after each epoch?",
    setup: "Conv autoencoder 1→8 (k4 s2 p1) →16 (k4 s2 p1) →32 (k3 s2 p0), linear 288→64→d, mirrored, sigmoid, MSE, batch 256, dropout in the linear layers.",
    source: FASHION,
    differences: "d = 64; dropout 0.005 in the linear layers (the report does not give E1's rate: this is the one its search, E2, chose); SGD at lr 0.01 without momentum; 10,000 training images.",
    dataset: DatasetId::FashionMnist,
    reported: &[finding("winner", "finding", "Adam far better than SGD in speed and loss")],
};

impl Experiment for E1 {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    fn jobs(&self, size: PresetSize) -> Vec<Job> {
        let epochs = size.epochs(5, 10);
        vec![
            job("Adam", fashion_conv(ModelKind::ConvAe, 64, 1e-3, epochs)),
            job("SGD", Hyperparams { optimizer: OptimizerKind::Sgd, ..fashion_conv(ModelKind::ConvAe, 64, 1e-2, epochs) }),
        ]
    }

    fn claims(&self) -> &'static [Claim] {
        &[Claim::Rises { metric: "winner", label: "", text: "", chain: &["test_mse_adam", "test_mse_sgd"] }]
    }

    fn report(&self, r: &mut Report<'_>) {
        for o in r.outcomes {
            let metric = format!("test_mse_{}", o.label.to_lowercase());
            r.put_lab_only(metric, format!("test MSE, {}", o.label), o.final_test(), Unit::Loss);
            if let Some(first) = o.first_image_by_epoch.first() {
                let mut images = ImageStrip { shape: first.shape, count: 0, pixels: Vec::new() };
                for strip in &o.first_image_by_epoch {
                    images.pixels.extend_from_slice(&strip.pixels);
                    images.count += 1;
                }
                let caption = format!("{}: the first test image rebuilt after epochs 1–{}", o.label, images.count);
                r.gallery(Gallery { caption, columns: images.count, images });
            }
        }
        let chart = r.loss_curves("Test MSE per epoch: Adam and SGD", "MSE", true);
        r.chart(chart);
        let find = |label: &str| r.outcomes.iter().find(|o| o.label == label);
        let winner = find("Adam").zip(find("SGD")).map(|(adam, sgd)| format!("test MSE: Adam {:.4}, SGD {:.4}", adam.final_test(), sgd.final_test()));
        r.answer("winner", winner);
    }
}
