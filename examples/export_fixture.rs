//! Writes what the Python interop test (tests/python/test_interop.py) checks: a trained MNIST
//! MLP autoencoder exported as the lab exports it, and five test images with the lab's
//! reconstructions of them.
//!
//!   cargo run --release --example export_fixture -- <dir>
//!
//! `<dir>/model.safetensors`: the export; `<dir>/fixture.safetensors`: `images` and `outputs`,
//! both `[5, 1, 28, 28]`.

use std::collections::BTreeMap;

use burn::prelude::*;
use futures_lite::future::block_on;
use replab_core::data::{Dataset, DatasetId};
use replab_core::export::{ModelCard, NamedTensor, Weights};
use replab_engine::export::weights_of;
use replab_core::settings::Hyperparams;
use replab_engine::train::Trainer;

const IMAGES: usize = 5;

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("usage: export_fixture <dir>"));
    std::fs::create_dir_all(&dir).expect("can create the output folder");
    let public = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public");
    let files: Vec<Vec<u8>> =
        DatasetId::Mnist.files().iter().map(|f| std::fs::read(public.join(f)).expect("the shipped MNIST files")).collect();
    let data = Dataset::from_shipped_files(DatasetId::Mnist, &files).expect("MNIST parses");

    let device = Device::flex();
    let hp = Hyperparams { epochs: 1, ..Hyperparams::default() };
    let mut trainer = Trainer::new(&data, hp.clone(), &device).expect("valid settings");
    while !trainer.is_finished() {
        block_on(trainer.advance()).expect("training runs");
    }
    let mut weights = block_on(weights_of(trainer.model())).expect("weights read back");
    weights.card = Some(ModelCard::new(hp, data.id, data.train.shape, data.class_count()));
    std::fs::write(dir.join("model.safetensors"), weights.to_safetensors()).expect("write model");

    let shape = data.test.shape;
    let pixels: Vec<f32> = data.test.pixels[..IMAGES * shape.len()].iter().map(|&p| p as f32 / 255.0).collect();
    let dims = [IMAGES, shape.channels, shape.height, shape.width];
    let images = Tensor::<4>::from_data(TensorData::new(pixels.clone(), dims), &device);
    let ae = trainer.model().valid().autoencoder().cloned().expect("an autoencoder");
    let outputs = ae.forward(images).into_data().try_to_vec::<f32>().expect("f32 outputs");
    let fixture = Weights {
        tensors: BTreeMap::from([
            ("images".to_string(), NamedTensor { shape: dims.to_vec(), values: pixels }),
            ("outputs".to_string(), NamedTensor { shape: dims.to_vec(), values: outputs }),
        ]),
        card: None,
    };
    std::fs::write(dir.join("fixture.safetensors"), fixture.to_safetensors()).expect("write fixture");
    println!("wrote {}/model.safetensors and fixture.safetensors", dir.display());
}
