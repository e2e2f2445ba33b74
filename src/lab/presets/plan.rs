//! What each preset trains: one job per model, sized to finish in minutes in a tab.

use serde::{Deserialize, Serialize};

use super::Preset;
use crate::lab::data::{Dataset, DatasetId, ImageShape};
use crate::lab::settings::{Hyperparams, LossKind, ModelKind, OptimizerKind, OutputKind};

/// How much of the report's setup a run reproduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PresetSize {
    /// One epoch on 2,000 training and 500 test images (500/125 for the CIFAR CNNs) in
    /// batches of at most 32: a first look
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

    /// The images a run of `preset` at this size uses.
    pub fn data(self, preset: &str, data: &Dataset) -> Dataset {
        match self {
            PresetSize::Quick => {
                let train = super::classifier_plan::quick_train_images(preset);
                Dataset {
                    id: data.id,
                    train: data.train.slice(0..data.train.len().min(train)),
                    test: data.test.slice(0..data.test.len().min(train / 4)),
                }
            }
            _ => data.clone(),
        }
    }

    /// `default` epochs at the default size, `full` at full size, 1 when quick.
    pub(super) fn epochs(self, default: usize, full: usize) -> usize {
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
    /// The images it trains and is tested on.
    pub data: JobData,
    /// Where its starting weights come from.
    pub init: Init,
}

/// The images a job uses, made from the preset's dataset.
#[derive(Debug, Clone, PartialEq)]
pub enum JobData {
    All,
    /// Train only on these classes (test on all).
    TrainClasses(Vec<u8>),
    /// Two classes relabelled 0/1, the training images split 70/30 into training and
    /// validation; the test images of the two classes are kept for a final test accuracy.
    Pair { negative: u8, positive: u8 },
    /// The rotation pretext task: is the image turned by 90°?
    Rotation,
}

/// Where a job's starting weights come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Init {
    /// A fresh network of `hp.model`.
    Fresh,
    /// A classifier on an encoder (convolutional with `conv`, else MLP): the encoder (and code layer, with `code`) of the
    /// autoencoder job `from` trained, or a random one when `None`; `frozen` or trained with the
    /// rest; `head`: the hidden widths between the code and the classes.
    Encoder { conv: bool, from: Option<usize>, frozen: bool, code: bool, head: Vec<usize> },
    /// The CNN `hp.model` with its first `k` conv blocks copied from the CNN job `from`.
    Blocks { from: usize, k: usize, frozen: bool },
}

impl Init {
    /// The earlier job whose trained model this one starts from.
    pub fn source(&self) -> Option<usize> {
        match self {
            Init::Fresh => None,
            Init::Encoder { from, .. } => *from,
            Init::Blocks { from, .. } => Some(*from),
        }
    }
}

pub(super) fn job(label: impl Into<String>, hp: Hyperparams) -> Job {
    Job { label: label.into(), hp, data: JobData::All, init: Init::Fresh }
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
            data: JobData::TrainClasses((0..=4).collect()),
            ..job("trained on 0–4", Hyperparams { epochs: e(5, 20), ..base.clone() })
        }],
        "d3" => vec![job("plain", cifar_mlp(ModelKind::MlpAe))],
        "d4" => vec![job("plain", cifar_mlp(ModelKind::MlpAe)), job("tied", cifar_mlp(ModelKind::TiedMlpAe))],
        "e1" => vec![
            job("Adam", conv(ModelKind::ConvAe, 64, 1e-3)),
            job("SGD", Hyperparams { optimizer: OptimizerKind::Sgd, ..conv(ModelKind::ConvAe, 64, 1e-2) }),
        ],
        "e4" => vec![job("conv autoencoder", conv(ModelKind::ConvAe, 44, 1e-3))],
        "e5" => vec![job("conv VAE", conv(ModelKind::ConvVae, 44, 2e-4)), job("conv autoencoder", conv(ModelKind::ConvAe, 44, 1e-3))],
        _ => super::classifier_plan::planned(preset.id, size),
    }
}

/// Whether a run of `preset` at `size` trains on the `loaded` dataset (of that image shape)
/// rather than the preset's shipped one: full-scale runs use the user's own files of the same
/// kind (the full dataset).
pub fn uses_loaded(preset: &Preset, size: PresetSize, loaded: (DatasetId, ImageShape)) -> bool {
    let (id, shape) = loaded;
    id == preset.dataset || (size == PresetSize::Full && id == DatasetId::User && Some(shape) == preset.dataset.shape())
}
