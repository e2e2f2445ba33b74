//! The extension point: what one experiment of the reports is to the lab.
//!
//! Each experiment lives in one file of `experiments/` (its card, its models at each size,
//! what is measured on them and how its result reads) and is listed once in
//! [`super::experiments::ALL`]. The gallery, the runner, the worker and the UI iterate that
//! list and ask the experiment; none of them matches on an id (like egui's `Demo` trait).

use super::Preset;
use super::plan::{Job, PresetSize};
use super::report::{Report, ReportInput};
use super::result::PresetResult;
use super::verdict::Claim;
use crate::search::{Space, Value};
use crate::settings::Hyperparams;

/// One experiment: a card in the gallery, and what a run of it does.
pub trait Experiment: Sync {
    /// Its card: id, question, setup, source, differences, dataset and reported figures.
    fn card(&self) -> &'static Preset;

    /// The models it trains at `size`, in order (none for an analysis of the data alone).
    fn jobs(&self, _size: PresetSize) -> Vec<Job> {
        Vec::new()
    }

    /// A hyper-parameter search instead of a fixed list of models: each trial is proposed from
    /// the ones before and may be pruned after any epoch. The run validates on the last fifth
    /// of the training images.
    fn search(&self, _size: PresetSize) -> Option<SearchPlan> {
        None
    }

    /// Training images at the quick size (fewer where each image costs much).
    fn quick_train_images(&self) -> usize {
        2000
    }

    /// What the runner measures on each trained model besides its losses and accuracies.
    fn measures(&self) -> &'static [Measure] {
        &[]
    }

    /// The claims its report made in words (orderings, directions, ranges), checked against
    /// the run beside every reported number.
    fn claims(&self) -> &'static [Claim] {
        &[]
    }

    /// Its figures, charts, notes and the lab's answers to the report's worded findings, from
    /// the models finished so far.
    fn report(&self, report: &mut Report<'_>);

    /// The whole result: [`Experiment::report`] in the shared table (lab beside reported).
    fn result(&self, input: ReportInput<'_>) -> PresetResult {
        let mut report = Report::new(self.card(), input).with_claims(self.claims());
        self.report(&mut report);
        report.finish()
    }
}

/// A measurement the runner takes on each trained model of an experiment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Measure {
    /// The first `count` test images beside their reconstructions.
    Reconstructions { count: usize },
    /// Mean and σ of the test reconstruction error per class, and five test images of each
    /// class in `shown` beside their reconstructions, captioned "`caption` <class>".
    ErrorPerClass { shown: &'static [u8], caption: &'static str },
    /// The decoded straight line, `steps` images, between the codes of the first test images of
    /// classes `from` and `to`.
    Path { from: u8, to: u8, steps: usize },
    /// A `side × side` grid bilinear between the codes of the first test images of the four
    /// `corners` classes, and `samples` decoded samples of the model's prior.
    Traversal { corners: [u8; 4], side: usize, samples: usize },
    /// A classifier's confusion matrix on its training images too (the test one is always
    /// taken).
    TrainConfusion,
    /// Held-out k-NN accuracy of the test codes and their 2-D scatter, captioned `caption` (or
    /// the model's label).
    Codes { caption: Option<&'static str> },
    /// The test codes' scatter before training too.
    CodesBeforeTraining,
    /// The raw test images themselves (image space) as the codes are seen: their held-out
    /// k-NN accuracy and a 2-D scatter, once per run.
    ImageSpace,
}

/// A hyper-parameter search: the space, how many trials of how many epochs, and the model a
/// trial's values make.
#[derive(Debug, Clone)]
pub struct SearchPlan {
    pub space: Space,
    pub trials: usize,
    pub epochs: usize,
    pub batch: usize,
    /// A trial's hyper-parameters from its values (epochs and batch are set by the plan).
    pub hyperparams: fn(&Space, &[Value]) -> Hyperparams,
}
