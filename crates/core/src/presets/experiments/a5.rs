//! A5 · Does a pretrained encoder help a classifier? Four cases on the k = 300 autoencoder's
//! encoder: random or pretrained, frozen or trained.

use super::shared::{MNIST_2025, on_encoder, wide_mlp};
use crate::data::DatasetId;
use crate::presets::catalog::figure;
use crate::presets::experiment::Experiment;
use crate::presets::plan::{Job, PresetSize, job};
use crate::presets::report::{Report, curves};
use crate::presets::result::Unit;
use crate::presets::Preset;
use crate::presets::verdict::Claim;
use crate::settings::Hyperparams;

pub struct A5;

static CARD: Preset = Preset {
    id: "a5",
    title: "A5 · Does a pretrained encoder help a classifier?",
    question: "Put a softmax layer on the k = 300 autoencoder's encoder. Train everything, or only the new layer? Start from the autoencoder's weights, or from random ones? Four cases, four learning curves.",
    setup: "Classifier softmax(A·F(x) + b) on the 784-1000-300 encoder, cross-entropy, Adam 1e-3, 10 epochs: 1 random + full, 2 pretrained + frozen, 3 random + frozen, 4 pretrained + full.",
    source: MNIST_2025,
    differences: "10,000 training images; 3 epochs for the autoencoder, 10 (batch 64) for each classifier by default. On the full 60,000 images (REPRODUCTION.md) cases 1–3 land on the report's figures and order; case 4 (pretrained, then fine-tuned) reaches 0.09–0.11 test cross-entropy, beside case 1, not the report's 0.2805 — which equals its frozen case's 0.2806, as if the frozen run were reported twice.",
    dataset: DatasetId::Mnist,
    reported: &[
        figure("train_ce_1", "train CE, 1 random + full", 0.0178, "0.0178"),
        figure("test_ce_1", "test CE, 1 random + full", 0.1180, "0.1180"),
        figure("train_ce_2", "train CE, 2 pretrained + frozen", 0.2892, "0.2892"),
        figure("test_ce_2", "test CE, 2 pretrained + frozen", 0.2806, "0.2806"),
        figure("train_ce_3", "train CE, 3 random + frozen", 0.4140, "0.4140"),
        figure("test_ce_3", "test CE, 3 random + frozen", 0.3793, "0.3793"),
        figure("train_ce_4", "train CE, 4 pretrained + full", 0.2893, "0.2893"),
        figure("test_ce_4", "test CE, 4 pretrained + full", 0.2805, "0.2805"),
    ],
};

impl Experiment for A5 {
    fn card(&self) -> &'static Preset {
        &CARD
    }

    fn jobs(&self, size: PresetSize) -> Vec<Job> {
        let ae = wide_mlp(300, size.epochs(3, 10));
        // More, smaller steps for the classifiers: 10,000 images are few.
        let hp = Hyperparams { batch: 64, epochs: size.epochs(10, 10), ..ae.clone() };
        vec![
            job("autoencoder k = 300", ae),
            on_encoder("1 random + full", hp.clone(), false, None, false, true, &[]),
            on_encoder("2 pretrained + frozen", hp.clone(), false, Some(0), true, true, &[]),
            on_encoder("3 random + frozen", hp.clone(), false, None, true, true, &[]),
            on_encoder("4 pretrained + full", hp, false, Some(0), false, true, &[]),
        ]
    }

    fn claims(&self) -> &'static [Claim] {
        &[
            Claim::Rises {
                metric: "order_pretrained_frozen",
                label: "test CE: random + full < pretrained + frozen < random + frozen",
                text: "1 < 2 < 3 (0.1180 < 0.2806 < 0.3793)",
                chain: &["test_ce_1", "test_ce_2", "test_ce_3"],
            },
            Claim::Rises {
                metric: "order_pretrained_full",
                label: "test CE: random + full < pretrained + full < random + frozen",
                text: "1 < 4 < 3 (0.1180 < 0.2805 < 0.3793)",
                chain: &["test_ce_1", "test_ce_4", "test_ce_3"],
            },
        ]
    }

    fn report(&self, r: &mut Report<'_>) {
        let nets = r.classifiers();
        for o in &nets {
            let case = &o.label[..1];
            r.put(format!("train_ce_{case}"), o.final_train(), Unit::Loss);
            r.put(format!("test_ce_{case}"), o.final_test(), Unit::Loss);
            r.put_lab_only(format!("accuracy_{case}"), format!("test accuracy, {}", o.label), o.accuracy(), Unit::Fraction);
        }
        r.chart(curves(&nets, "Train and test cross-entropy per epoch, four cases", "cross-entropy", true, |o, test| o.curve(test)));
    }
}
