//! What each preset trains: one job per model, sized to finish in minutes in a tab.

use serde::{Deserialize, Serialize};

use super::Preset;
use crate::lab::data::{Dataset, DatasetId, ImageShape};
use crate::lab::settings::{Hyperparams, LossKind, ModelKind, OptimizerKind, OutputKind};

/// How much of the report's setup a run reproduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PresetSize {
    /// One epoch on 2,000 training and 500 test images in batches of at most 32: a first look
    /// in seconds (and the browser tests' size).
    Quick,
    /// The shipped subsets, a few epochs: minutes.
    Default,
    /// The report's epochs, on whatever data is loaded (the full dataset, once the user
    /// has loaded it).
    Full,
}

impl PresetSize {
    pub const ALL: [PresetSize; 3] = [PresetSize::Quick, PresetSize::Default, PresetSize::Full];

    pub fn key(self) -> &'static str {
        match self {
            PresetSize::Quick => "quick",
            PresetSize::Default => "default",
            PresetSize::Full => "full",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key.to_ascii_lowercase())
    }

    /// The images a run of this size uses.
    pub fn data(self, data: &Dataset) -> Dataset {
        match self {
            PresetSize::Quick => Dataset {
                id: data.id,
                train: data.train.slice(0..data.train.len().min(2000)),
                test: data.test.slice(0..data.test.len().min(500)),
            },
            _ => data.clone(),
        }
    }

    /// `default` epochs at the default size, `full` at full size, 1 when quick.
    fn epochs(self, default: usize, full: usize) -> usize {
        match self {
            PresetSize::Quick => 1,
            PresetSize::Default => default,
            PresetSize::Full => full,
        }
    }
}

/// One model a preset trains.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    /// What distinguishes it ("k = 20", "SGD", "tied").
    pub label: String,
    pub hp: Hyperparams,
    /// Train only on these classes (all when `None`).
    pub train_classes: Option<Vec<u8>>,
}

fn job(label: impl Into<String>, hp: Hyperparams) -> Job {
    Job { label: label.into(), hp, train_classes: None }
}

/// The report's MNIST autoencoder 784-1000-k-1000-784.
fn wide_mlp(k: usize, epochs: usize) -> Hyperparams {
    Hyperparams { hidden: 1000, latent: k, epochs, ..Hyperparams::default() }
}

/// The bottleneck sizes of A1.
pub const A1_SIZES: [usize; 11] = [1, 2, 5, 10, 20, 50, 100, 200, 300, 500, 700];
/// (k, dropout) of A4.
pub const A4_CASES: [(usize, f64); 5] = [(300, 0.0), (300, 0.1), (300, 0.3), (500, 0.1), (500, 0.3)];

/// The models `preset` trains at `size`, in order (none for an analysis of the data alone).
pub fn jobs(preset: &Preset, size: PresetSize) -> Vec<Job> {
    let mut jobs = planned(preset, size);
    if size == PresetSize::Quick {
        jobs.iter_mut().for_each(|j| j.hp.batch = j.hp.batch.min(QUICK_BATCH));
    }
    jobs
}

/// Largest batch at the quick size (more steps from few images).
pub const QUICK_BATCH: usize = 32;

fn planned(preset: &Preset, size: PresetSize) -> Vec<Job> {
    let e = |default, full| size.epochs(default, full);
    let base = Hyperparams::default();
    let cifar_mlp = |model| Hyperparams { model, hidden: 128, latent: 32, output: OutputKind::Linear, epochs: e(10, 100), ..base.clone() };
    let conv = |model, latent, lr| Hyperparams { model, latent, lr, batch: 256, epochs: e(5, 10), ..base.clone() };
    match preset.id {
        "a1" => A1_SIZES.iter().map(|&k| job(format!("k = {k}"), wide_mlp(k, e(1, 10)))).collect(),
        "a2" => vec![job("k = 300", wide_mlp(300, e(5, 10)))],
        "a4" => A4_CASES
            .iter()
            .map(|&(k, p)| job(format!("k = {k}, p = {p}"), Hyperparams { dropout: p, ..wide_mlp(k, e(3, 10)) }))
            .collect(),
        "b1" => vec![job("L1 autoencoder", Hyperparams { loss: LossKind::L1, epochs: e(5, 20), ..base.clone() })],
        "b2" => vec![job(
            "L1 conv autoencoder",
            Hyperparams { model: ModelKind::ConvAe, loss: LossKind::L1, latent: 128, batch: 64, epochs: e(5, 20), ..base.clone() },
        )],
        "b5" => vec![job("autoencoder", Hyperparams { epochs: e(5, 20), ..base.clone() })],
        "c3" => vec![Job {
            label: "trained on 0–4".into(),
            hp: Hyperparams { epochs: e(5, 20), ..base.clone() },
            train_classes: Some((0..=4).collect()),
        }],
        "d3" => vec![job("plain", cifar_mlp(ModelKind::MlpAe))],
        "d4" => vec![job("plain", cifar_mlp(ModelKind::MlpAe)), job("tied", cifar_mlp(ModelKind::TiedMlpAe))],
        "e1" => vec![
            job("Adam", conv(ModelKind::ConvAe, 64, 1e-3)),
            job("SGD", Hyperparams { optimizer: OptimizerKind::Sgd, ..conv(ModelKind::ConvAe, 64, 1e-2) }),
        ],
        "e4" => vec![job("conv autoencoder", conv(ModelKind::ConvAe, 44, 1e-3))],
        "e5" => vec![job("conv VAE", conv(ModelKind::ConvVae, 44, 2e-4)), job("conv autoencoder", conv(ModelKind::ConvAe, 44, 1e-3))],
        _ => Vec::new(),
    }
}

/// Whether a run of `preset` at `size` trains on the `loaded` dataset (of that image shape)
/// rather than the preset's shipped one: full-scale runs use the user's own files of the same
/// kind (the full dataset).
pub fn uses_loaded(preset: &Preset, size: PresetSize, loaded: (DatasetId, ImageShape)) -> bool {
    let (id, shape) = loaded;
    id == preset.dataset || (size == PresetSize::Full && id == DatasetId::User && Some(shape) == preset.dataset.shape())
}
