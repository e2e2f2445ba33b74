//! The engine's and the core's reports turned into messages for the page: the only place
//! where training progress, a preset's updates and a t-SNE map's steps become [`Event`]s.

use replab_core::analysis::TsneStep;
use replab_core::protocol::Event;
use replab_engine::presets::PresetUpdate;
use replab_engine::train::{Evaluation, Progress};

pub(super) fn progress(report: Progress) -> Event {
    match report {
        Progress::Trained { epoch, step, train, images_per_s, chunk_steps, chunk_seconds } => {
            Event::TrainLoss { epoch, step, train, images_per_s, chunk_steps, chunk_seconds }
        }
        Progress::Evaluated { epoch, step, test, reconstructions } => Event::EpochEnd { epoch, step, test, reconstructions },
    }
}

pub(super) fn evaluation(evaluation: Evaluation) -> Event {
    progress(evaluation.into())
}

pub(super) fn preset(update: PresetUpdate) -> Event {
    match update {
        PresetUpdate::Progress { id, job, jobs, label, step, total_steps, loss } => {
            Event::PresetProgress { id, job, jobs, label, step, total_steps, loss }
        }
        PresetUpdate::Result { result, done } => Event::PresetResult { result, done },
    }
}

/// How far the map is, and the finished scatter once it is done.
pub(super) fn tsne(step: TsneStep) -> Vec<Event> {
    let mut events = vec![Event::ProjectionProgress { done: step.done, total: step.total }];
    events.extend(step.scatter.map(|scatter| Event::Embedding { scatter }));
    events
}
