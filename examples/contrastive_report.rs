//! Contrastive runs natively on the CPU backend, with the separability figures the lab shows:
//! held-out k-NN accuracy of the test codes before and after, and linear evaluation.
//!   cargo run --release --example contrastive_report

use burn::prelude::Device;
use futures_lite::future::block_on;
use replab_core::analysis::{LinearProbe, ProbeConfig, held_out_knn_accuracy};
use replab_core::data::{Dataset, DatasetId};
use replab_core::settings::{ContrastiveLoss, Hyperparams, ModelKind};
use replab_engine::train::Trainer;

fn shipped(id: DatasetId) -> Dataset {
    let files: Vec<Vec<u8>> =
        id.files().iter().map(|f| std::fs::read(format!("{}/public/{f}", env!("CARGO_MANIFEST_DIR"))).expect("data")).collect();
    Dataset::from_shipped_files(id, &files).expect("the shipped files parse")
}

fn knn(trainer: &Trainer, data: &Dataset) -> f32 {
    let (codes, dim) = block_on(trainer.test_codes()).expect("codes");
    held_out_knn_accuracy(&codes, &data.test.labels, dim, 10)
}

fn main() {
    let runs = [
        ("margin, MLP → 2-D, MNIST", DatasetId::Mnist, ModelKind::MlpContrastive, ContrastiveLoss::Margin, 2, 5),
        ("SimCLR NT-Xent, MLP 784-256-128, MNIST", DatasetId::Mnist, ModelKind::MlpContrastive, ContrastiveLoss::NtXent, 128, 10),
        ("margin, conv → 2-D, CIFAR-10", DatasetId::Cifar10, ModelKind::ConvContrastive, ContrastiveLoss::Margin, 2, 5),
        ("SimCLR NT-Xent, conv → 128, CIFAR-10", DatasetId::Cifar10, ModelKind::ConvContrastive, ContrastiveLoss::NtXent, 128, 5),
    ];
    println!("| run | epochs | k-NN before | k-NN after | linear evaluation |\n|---|---|---|---|---|");
    for (name, id, model, loss, latent, epochs) in runs {
        let data = shipped(id);
        let hp = Hyperparams { model, contrastive: loss, latent, epochs, batch: 256, ..Hyperparams::default() };
        let mut trainer = Trainer::new(&data, hp, &Device::flex()).expect("trainer");
        let before = knn(&trainer, &data);
        while !trainer.is_finished() {
            block_on(trainer.advance()).expect("training");
        }
        let after = knn(&trainer, &data);
        let (train, dim) = block_on(trainer.train_codes()).expect("codes");
        let (test, _) = block_on(trainer.test_codes()).expect("codes");
        let config = ProbeConfig { epochs: 20, batch: 256, lr: 1e-2, weight_decay: 1e-4, seed: 7 };
        let probe = LinearProbe::train(&train, &data.train.labels, dim, data.class_count(), &config);
        let linear = probe.accuracy(&test, &data.test.labels);
        println!("| {name} | {epochs} | {:.1}% | {:.1}% | {:.1}% |", before * 100.0, after * 100.0, linear * 100.0);
    }
}
