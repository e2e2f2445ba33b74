//! What a preset trains: one job per model, and the sizes a run can have (quick, default,
//! full).

use serde::{Deserialize, Serialize};

use super::Preset;
use super::experiment::Experiment;
use crate::data::{Dataset, DatasetId, ImageShape};
use crate::settings::Hyperparams;

crate::keyed::keyed_enum! {
    /// How much of the report's setup a run reproduces.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum PresetSize {
        /// One epoch on 2,000 training and 500 test images (500/125 for the CIFAR CNNs) in
        /// batches of at most 32: a first look in seconds (and the browser tests' size).
        Quick = "quick",
        /// The shipped subsets, a few epochs: minutes.
        Default = "default",
        /// The report's epochs, on whatever data is loaded (the full dataset, once the user
        /// has loaded it).
        Full = "full",
    }
}

impl PresetSize {
    pub const ALL: [PresetSize; 3] = [PresetSize::Quick, PresetSize::Default, PresetSize::Full];

    /// The images a run of `experiment` at this size uses.
    pub fn data(self, experiment: &dyn Experiment, data: &Dataset) -> Dataset {
        match self {
            PresetSize::Quick => {
                let train = experiment.quick_train_images();
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
    pub fn epochs(self, default: usize, full: usize) -> usize {
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

/// A fresh model `hp` trained on all the images, called `label`.
pub fn job(label: impl Into<String>, hp: Hyperparams) -> Job {
    Job { label: label.into(), hp, data: JobData::All, init: Init::Fresh }
}

/// The models `experiment` trains at `size`, in order (none for an analysis of the data
/// alone); at the quick size in batches of at most [`QUICK_BATCH`].
pub fn jobs(experiment: &dyn Experiment, size: PresetSize) -> Vec<Job> {
    let mut jobs = experiment.jobs(size);
    if size == PresetSize::Quick {
        jobs.iter_mut().for_each(|j| j.hp.batch = j.hp.batch.min(QUICK_BATCH));
    }
    jobs
}

/// Largest batch at the quick size (more steps from few images).
pub const QUICK_BATCH: usize = 32;

/// Whether a run of `preset` at `size` trains on the `loaded` dataset (of that image shape)
/// rather than the preset's shipped one: full-scale runs use the user's own files of the same
/// kind (the full dataset).
pub fn uses_loaded(preset: &Preset, size: PresetSize, loaded: (DatasetId, ImageShape)) -> bool {
    let (id, shape) = loaded;
    id == preset.dataset || (size == PresetSize::Full && id == DatasetId::User && Some(shape) == preset.dataset.shape())
}
