//! The models of the classifier, transfer and SVM presets (A5–A9, B3, B6, C1, C2, D1, D2, E3):
//! often an autoencoder or pretext network first, then classifiers that start from it.

use super::plan::{Init, Job, JobData, PresetSize, job};
use crate::lab::settings::{ContrastiveLoss, Hyperparams, LossKind, ModelKind, OptimizerKind};

/// A8's transferred block counts.
pub const A8_BLOCKS: [usize; 3] = [1, 2, 3];

/// A classifier on an MLP or conv encoder (see [`Init::Encoder`]).
fn on_encoder(label: &str, hp: Hyperparams, conv: bool, from: Option<usize>, frozen: bool, code: bool, head: &[usize]) -> Job {
    let hp = Hyperparams { model: ModelKind::MlpClassifier, ..hp };
    Job { init: Init::Encoder { conv, from, frozen, code, head: head.to_vec() }, ..job(label, hp) }
}

/// The reports' CIFAR-10 CNN (A6) with Adam 1e-3 and a little weight decay.
fn cnn(epochs: usize) -> Hyperparams {
    Hyperparams { model: ModelKind::Cnn, batch: 64, weight_decay: 1e-4, epochs, ..Hyperparams::default() }
}

/// The notebook's linear SVM on frog (−1) vs horse (+1).
fn svm(label: &str, lr: f64, weight_decay: f64, momentum: f64, c: f64, epochs: usize) -> Job {
    let hp = Hyperparams {
        model: ModelKind::Svm,
        optimizer: OptimizerKind::Sgd,
        lr,
        weight_decay,
        momentum,
        svm_c: c,
        batch: 64,
        epochs,
        ..Hyperparams::default()
    };
    Job { data: JobData::Pair { negative: 6, positive: 7 }, ..job(label, hp) }
}

/// The three encoders B3/B6 compare: an autoencoder, a classification-guided encoder and a
/// SimCLR encoder, all with 128-dimensional codes.
/// The classifier gets more, smaller steps (`guided_epochs`, batch 64): few images.
fn three_encoders(conv: bool, epochs: usize, guided_epochs: usize) -> Vec<Job> {
    let base = Hyperparams { latent: 128, epochs, batch: 128, ..Hyperparams::default() };
    let (ae, contrastive) = if conv { (ModelKind::ConvAe, ModelKind::ConvContrastive) } else { (ModelKind::MlpAe, ModelKind::MlpContrastive) };
    let head: &[usize] = if conv { &[256, 128] } else { &[64] };
    let guided_hp = Hyperparams { dropout: if conv { 0.5 } else { 0.0 }, batch: 64, epochs: guided_epochs, ..base.clone() };
    vec![
        job("autoencoder", Hyperparams { model: ae, loss: LossKind::L1, ..base.clone() }),
        on_encoder("classification-guided", guided_hp, conv, None, false, true, head),
        job("contrastive (SimCLR)", Hyperparams { model: contrastive, contrastive: ContrastiveLoss::NtXent, ..base }),
    ]
}

pub fn planned(id: &str, size: PresetSize) -> Vec<Job> {
    let e = |default, full| size.epochs(default, full);
    match id {
        "a5" => {
            let ae = Hyperparams { hidden: 1000, latent: 300, epochs: e(3, 10), ..Hyperparams::default() };
            // More, smaller steps for the classifiers: 10,000 images are few.
            let hp = Hyperparams { batch: 64, epochs: e(10, 10), ..ae.clone() };
            vec![
                job("autoencoder k = 300", ae),
                on_encoder("1 random + full", hp.clone(), false, None, false, true, &[]),
                on_encoder("2 pretrained + frozen", hp.clone(), false, Some(0), true, true, &[]),
                on_encoder("3 random + frozen", hp.clone(), false, None, true, true, &[]),
                on_encoder("4 pretrained + full", hp, false, Some(0), false, true, &[]),
            ]
        }
        "c1" | "c2" => {
            let ae = Hyperparams { hidden: 256, latent: 64, epochs: e(5, 20), ..Hyperparams::default() };
            let hp = Hyperparams { batch: 64, epochs: e(10, 20), ..ae.clone() };
            vec![
                job("autoencoder", ae),
                on_encoder("Case I (frozen)", hp.clone(), false, Some(0), true, false, &[]),
                on_encoder("Case II (fine-tuned)", hp.clone(), false, Some(0), false, false, &[]),
                on_encoder("baseline (random)", hp, false, None, false, false, &[]),
            ]
        }
        "a6" => vec![job("CNN", cnn(e(5, 22)))],
        "a7" => vec![Job { data: JobData::Rotation, ..job("rotation pretext", cnn(e(5, 22))) }],
        "a8" => {
            let epochs = e(3, 22);
            let mut jobs = vec![
                Job { data: JobData::Rotation, ..job("rotation pretext", cnn(epochs)) },
                job("k = 0 (no transfer)", cnn(epochs)),
            ];
            for k in A8_BLOCKS {
                for frozen in [true, false] {
                    let label = format!("k = {k}, {}", if frozen { "frozen" } else { "trainable" });
                    jobs.push(Job { init: Init::Blocks { from: 0, k, frozen }, ..job(label, cnn(epochs)) });
                }
            }
            jobs
        }
        "a9" => vec![job(
            "margin contrastive, 2-D",
            Hyperparams { model: ModelKind::ConvContrastive, latent: 2, margin: 2.0, batch: 128, epochs: e(5, 20), ..Hyperparams::default() },
        )],
        "b3" => three_encoders(false, e(5, 20), e(10, 20)),
        "b6" => three_encoders(true, e(3, 20), e(6, 20)),
        "d1" => vec![svm("first settings", 0.1, 0.5, 0.0, 1.0, e(10, 50))],
        "d2" => vec![svm("first settings", 0.1, 0.5, 0.0, 1.0, e(10, 50)), svm("tuned", 0.01, 0.01, 0.9, 0.1, e(10, 50))],
        "e3" => {
            let ae = Hyperparams { model: ModelKind::ConvAe, latent: 64, batch: 256, epochs: e(5, 10), ..Hyperparams::default() };
            let classifier = Hyperparams { batch: 64, epochs: e(10, 10), ..ae.clone() };
            vec![job("conv autoencoder", ae), on_encoder("encoder + MLP (12, 74), fine-tuned", classifier, true, Some(0), false, true, &[12, 74])]
        }
        _ => Vec::new(),
    }
}

/// Training images at the quick size: fewer for the CIFAR CNN presets, whose every image costs
/// ~40 times an MLP's.
pub fn quick_train_images(id: &str) -> usize {
    match id {
        "a6" | "a7" | "a8" | "a9" | "b6" => 500,
        _ => 2000,
    }
}
