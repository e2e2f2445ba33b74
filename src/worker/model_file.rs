//! Export the current model as `.safetensors`, and make weights from a file (a download, a
//! saved run) the current model.

use super::post;
use super::session::{Mode, Session, error};
use replab_core::export::{ModelCard, Weights};
use replab_engine::export::weights_of;
use replab_core::protocol::{Event, ExportPurpose};
use replab_core::settings::Hyperparams;
use replab_engine::train::Trainer;

impl Session {
    pub(super) async fn export_model(&self, purpose: ExportPurpose) {
        if matches!(self.mode, Mode::Training | Mode::Preset) {
            return error("Pause or stop the run first: the weights change while it trains.");
        }
        let (Some(trainer), Some(data)) = (&self.trainer, &self.dataset) else {
            return error("There is no model to export yet: train one (Stop keeps it) or load one.");
        };
        let mut weights = match weights_of(trainer.model()).await {
            Ok(w) => w,
            Err(e) => return error(format!("Could not read the weights: {e}")),
        };
        let card = ModelCard::new(trainer.hyperparams().clone(), data.id, data.train.shape, data.class_count());
        weights.card = Some(card.clone());
        post(&Event::ModelExported { purpose, bytes: weights.to_safetensors(), card });
    }

    pub(super) async fn import_model(&mut self, name: String, bytes: Vec<u8>, fallback: Hyperparams) {
        if self.mode != Mode::Idle {
            return error("Stop the current run before loading a model.");
        }
        let (Some((device, _)), Some(data)) = (&self.device, &self.dataset) else {
            return error("The lab is still starting: wait for the dataset to load.");
        };
        let refused = |why: String| error(format!("{name} was not loaded: {why}. The current model is unchanged."));
        let weights = match Weights::from_safetensors(&bytes) {
            Ok(w) => w,
            Err(e) => return refused(e.to_string()),
        };
        if let Some(card) = &weights.card
            && card.shape != data.train.shape
        {
            return refused(format!(
                "it was made for {} images ({}), and the loaded dataset's are {}: choose that dataset first",
                card.shape,
                card.dataset.title(),
                data.train.shape
            ));
        }
        let hp = weights.card.as_ref().map(|c| c.hp.clone()).unwrap_or(fallback);
        // A file's settings are as untrusted as a link's: the same ranges (dropout 1.5 would
        // panic burn, a hidden width of 10⁶ would try a multi-gigabyte allocation).
        let problems = hp.problems();
        if !problems.is_empty() {
            return refused(format!("its settings are out of the lab's ranges ({})", problems.join("; ")));
        }
        let mut trainer = match Trainer::new(data, hp, device) {
            Ok(t) => t,
            Err(e) => return refused(e.to_string()),
        };
        if let Err(e) = trainer.load_weights(&weights) {
            return refused(e.to_string());
        }
        let (test, reconstructions) = match trainer.evaluate().await {
            Ok(evaluation) => (evaluation.test, evaluation.reconstructions),
            Err(e) => return refused(e.to_string()),
        };
        let card = ModelCard::new(trainer.hyperparams().clone(), data.id, data.train.shape, data.class_count());
        let params = trainer.num_params();
        self.forget_model();
        self.trainer = Some(trainer);
        post(&Event::ModelLoaded { name, card, params, test, reconstructions });
        self.explore_model().await;
    }
}
