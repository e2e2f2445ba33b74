//! A trained autoencoder on the inference path (no autodiff graph): the test and training
//! codes, kept on the CPU side, and encode/decode/sample for the explore views.
//!
//! Everything here runs on the CPU backend: a model trained on WebGPU is copied over first
//! (asynchronously, see [`copied_to`]). One small decode costs far more as a GPU round trip
//! than as arithmetic (slider → pixels 156 ms p50 on the software WebGPU adapter, against 2 ms
//! on the CPU backend), and the explore views decode one image at a time.

use burn::prelude::*;
use rand::SeedableRng;
use rand::rngs::StdRng;

use super::copied_to;
use replab_core::explore::{Gaussian, dot, pca, percentile_range};
use replab_core::data::{Dataset, ImageSet, ImageShape, bytes_from_unit};
use crate::model::Autoencoder;
use replab_core::protocol::{Activation, Direction, ImageStrip, LatentSpace};
use crate::train::{TrainError, read_floats};

/// Images encoded per forward pass.
const CHUNK: usize = 500;
/// Principal directions offered as sliders.
const MAX_PRINCIPAL: usize = 16;

/// `codes` (`n × latent`, row-major) through `model`'s decoder, as images of `shape` (the
/// explorer's model, or a trainer's before it is analysed).
pub async fn decode_with(model: &Autoencoder, shape: ImageShape, codes: &[f32]) -> Result<ImageStrip, TrainError> {
    let latent = model.latent();
    let count = codes.len() / latent;
    if count == 0 || !codes.len().is_multiple_of(latent) {
        return Err(TrainError::Settings(format!("{} values are not whole codes of {latent}", codes.len())));
    }
    let device = model.devices()[0].clone();
    let codes = Tensor::<2>::from_data(TensorData::new(codes.to_vec(), [count, latent]), &device);
    let values = read_floats(model.decode(codes).flatten(0, 3)).await?;
    Ok(ImageStrip { shape, count, pixels: bytes_from_unit(&values) })
}

/// Every layer's activations of `model` for one image of `shape` (values in [0, 1]).
pub async fn trace_with(model: &Autoencoder, shape: ImageShape, pixels: &[f32]) -> Result<Vec<Activation>, TrainError> {
    let ImageShape { channels, height, width } = shape;
    if pixels.len() != shape.len() {
        return Err(TrainError::Settings(format!("an image of {} values, not {}", shape.len(), pixels.len())));
    }
    let device = model.devices()[0].clone();
    let image = Tensor::<4>::from_data(TensorData::new(pixels.to_vec(), [1, channels, height, width]), &device);
    let mut layers = Vec::new();
    for (name, maps) in model.trace(image) {
        let [_, channels, height, width] = maps.dims();
        let values = read_floats(maps.flatten(0, 3)).await?;
        layers.push(Activation { name, channels, height, width, values });
    }
    Ok(layers)
}

/// One image through the model: [`Explorer::look`].
pub struct Look {
    /// The image's code (the mean, for a VAE).
    pub code: Vec<f32>,
    pub reconstruction: ImageStrip,
    /// Every layer's activations, input side first; the code and the reconstruction among them.
    pub layers: Vec<Activation>,
}

pub struct Explorer {
    model: Autoencoder,
    shape: ImageShape,
    latent: usize,
    /// `n_test × latent`
    test_codes: Vec<f32>,
    /// `n_train × latent`, for nearest neighbours of a drawing: encoded with the test codes
    /// when the explorer is made (on the CPU: ~0.2 s for 10,000 MNIST images), so that the
    /// first stroke does not pay for it (it took the first stroke to ~180 ms, against ~16 ms
    /// for the others: `make bench`, 2026-11-29).
    train_codes: Option<Vec<f32>>,
    prior: Gaussian,
    /// Each test image's reconstruction MSE, ascending: what a drawing's error is ranked against.
    test_errors: Vec<f32>,
}

/// Range of `direction · z` over `codes`.
fn direction(label: String, vector: Vec<f32>, codes: &[f32], latent: usize) -> Direction {
    let values: Vec<f32> = codes.chunks(latent).map(|z| dot(&vector, z)).collect();
    let (lo, hi) = percentile_range(&values, 0.01, 0.99);
    Direction { label, vector, lo, hi }
}

impl Explorer {
    /// Encode the test split of `data` with `model` (which must live on a plain, non-autodiff
    /// device) and summarise the code space.
    pub async fn new(model: Autoencoder, data: &Dataset) -> Result<(Explorer, LatentSpace), TrainError> {
        let cpu = Device::flex();
        let model = if model.devices().first() == Some(&cpu) { model } else { copied_to(&model, &cpu).await? };
        let latent = model.latent();
        let test_codes = encode_set(&model, &data.test).await?;
        let variational = model.is_variational();
        let prior = if variational { Gaussian::standard(latent) } else { Gaussian::fit(&test_codes, latent) };
        let n_test = data.test.len() as f32;
        let pca = pca(&test_codes, latent, MAX_PRINCIPAL.min(latent));
        let total_variance: f32 = (0..latent)
            .map(|j| {
                let column = test_codes.iter().skip(j).step_by(latent);
                let mean = column.clone().sum::<f32>() / n_test;
                column.map(|v| (v - mean).powi(2)).sum::<f32>() / (n_test - 1.0).max(1.0)
            })
            .sum();
        let explained = pca.variances.iter().map(|v| v / total_variance.max(f32::MIN_POSITIVE)).collect();
        let principal = pca
            .components
            .into_iter()
            .enumerate()
            .map(|(i, v)| direction(format!("PC {}", i + 1), v, &test_codes, latent))
            .collect();
        let dims = (0..latent)
            .map(|j| {
                let mut unit = vec![0.0; latent];
                unit[j] = 1.0;
                direction(format!("z{j}"), unit, &test_codes, latent)
            })
            .collect();
        let mean = (0..latent).map(|j| test_codes.iter().skip(j).step_by(latent).sum::<f32>() / n_test).collect();
        let space = LatentSpace { latent, variational, principal, explained, dims, mean };
        let train_codes = Some(encode_set(&model, &data.train).await?);
        let mut explorer = Explorer { model, shape: data.test.shape, latent, test_codes, train_codes, prior, test_errors: Vec::new() };
        explorer.test_errors = explorer.reconstruction_errors(&data.test).await?;
        Ok((explorer, space))
    }

    pub fn latent(&self) -> usize {
        self.latent
    }

    /// The code of test image `index` (the mean, for a VAE).
    pub fn test_code(&self, index: usize) -> Option<Vec<f32>> {
        self.test_codes.get(index * self.latent..(index + 1) * self.latent).map(<[f32]>::to_vec)
    }

    /// Decode `codes` (`n × latent`) to images.
    pub async fn decode(&self, codes: &[f32]) -> Result<ImageStrip, TrainError> {
        decode_with(&self.model, self.shape, codes).await
    }

    /// The reconstruction MSE of each image of `set` (decoded from the codes already held for
    /// the test split), ascending.
    async fn reconstruction_errors(&self, set: &replab_core::data::ImageSet) -> Result<Vec<f32>, TrainError> {
        const CHUNK: usize = 500;
        let len = self.shape.len();
        let mut errors = Vec::with_capacity(set.len());
        for start in (0..set.len()).step_by(CHUNK) {
            let end = (start + CHUNK).min(set.len());
            let decoded = self.decode(&self.test_codes[start * self.latent..end * self.latent]).await?;
            for (i, image) in decoded.pixels.chunks_exact(len).enumerate() {
                let original = set.image(start + i);
                let sum: f32 = image.iter().zip(original).map(|(&r, &o)| (f32::from(r) - f32::from(o)).powi(2)).sum();
                errors.push(sum / (255.0 * 255.0) / len as f32);
            }
        }
        errors.sort_by(f32::total_cmp);
        Ok(errors)
    }

    /// The share of test images reconstructed better than a drawing with reconstruction MSE
    /// `error` (0: it is rebuilt as well as any test image; 1: worse than all of them). The C3
    /// lesson: an image unlike the training data comes back worse than nearly every test image.
    pub fn unusual(&self, error: f32) -> f32 {
        if self.test_errors.is_empty() {
            return 0.0;
        }
        self.test_errors.partition_point(|&e| e < error) as f32 / self.test_errors.len() as f32
    }

    /// Whether the model is a VAE (its prior is N(0, I)); a plain autoencoder's prior is a
    /// Gaussian fitted to its test codes.
    pub fn is_variational(&self) -> bool {
        self.model.is_variational()
    }

    /// `count` codes drawn from N(0, I) (seeded): a VAE's prior, and what a plain autoencoder
    /// is given by the classic "decode random codes" exercise.
    pub fn sample_standard(&self, count: usize, seed: u64) -> Vec<f32> {
        Gaussian::standard(self.latent).sample(count, &mut StdRng::seed_from_u64(seed))
    }

    /// `count` codes drawn from the prior (seeded).
    pub fn sample(&self, count: usize, seed: u64) -> Vec<f32> {
        self.prior.sample(count, &mut StdRng::seed_from_u64(seed))
    }

    /// Encode one image (values in [0, 1], the dataset's shape).
    pub async fn encode(&self, pixels: &[f32]) -> Result<Vec<f32>, TrainError> {
        encode_values(&self.model, pixels.to_vec(), 1, self.shape).await
    }

    /// What one image (values in [0, 1], the dataset's shape) does to the model, from one
    /// forward pass: its code, its reconstruction and every layer's activations, input side
    /// first (what the explore view draws beside a drawing).
    pub async fn look(&self, pixels: &[f32]) -> Result<Look, TrainError> {
        let layers = trace_with(&self.model, self.shape, pixels).await?;
        let code = layers.iter().find(|layer| layer.name == "code").expect("every trace has a code layer").values.clone();
        let output = layers.last().expect("every trace ends in the output");
        debug_assert_eq!(output.name, "output");
        let reconstruction = ImageStrip { shape: self.shape, count: 1, pixels: bytes_from_unit(&output.values) };
        Ok(Look { code, reconstruction, layers })
    }

    /// Indices of the `k` training images of `train` (the split this explorer was made
    /// with) whose codes are nearest to `code` (Euclidean).
    pub async fn neighbours(&mut self, train: &ImageSet, code: &[f32], k: usize) -> Result<Vec<usize>, TrainError> {
        if self.train_codes.is_none() {
            self.train_codes = Some(encode_set(&self.model, train).await?);
        }
        let codes = self.train_codes.as_deref().expect("encoded above");
        let mut scored: Vec<(f32, usize)> = codes
            .chunks(self.latent)
            .enumerate()
            .map(|(i, z)| (z.iter().zip(code).map(|(a, b)| (a - b).powi(2)).sum(), i))
            .collect();
        let k = k.min(scored.len());
        if k == 0 {
            return Ok(Vec::new());
        }
        scored.select_nth_unstable_by(k - 1, |a, b| a.0.total_cmp(&b.0));
        scored.truncate(k);
        scored.sort_by(|a, b| a.0.total_cmp(&b.0));
        Ok(scored.into_iter().map(|(_, i)| i).collect())
    }
}

/// Codes of every image of `set`, `n × latent`.
async fn encode_set(model: &Autoencoder, set: &ImageSet) -> Result<Vec<f32>, TrainError> {
    let mut codes = Vec::with_capacity(set.len() * model.latent());
    for start in (0..set.len()).step_by(CHUNK) {
        let count = CHUNK.min(set.len() - start);
        let pixels = set.slice(start..start + count).unit_pixels();
        codes.extend(encode_values(model, pixels, count, set.shape).await?);
    }
    Ok(codes)
}

async fn encode_values(model: &Autoencoder, pixels: Vec<f32>, count: usize, shape: ImageShape) -> Result<Vec<f32>, TrainError> {
    let device = model.devices()[0].clone();
    let ImageShape { channels, height, width } = shape;
    let images = Tensor::<4>::from_data(TensorData::new(pixels, [count, channels, height, width]), &device);
    read_floats(model.encode(images).mean.flatten(0, 1)).await
}
