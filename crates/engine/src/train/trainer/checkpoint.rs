//! A [`Trainer`] written to a [`Checkpoint`] and read back from one.

use burn::module::{Module, ModuleMapper, ModuleVisitor, Param, ParamId};
use burn::optim::OptimizerRecord;
use burn::prelude::*;
use burn::tensor::Bytes;
use chacha20::ChaCha12Rng;
use rand::SeedableRng;

use super::Trainer;
use crate::readback::backend_error;
use replab_core::checkpoint::{BestSoFar, Checkpoint};
use replab_core::data::Dataset;
use crate::export::{model_with_weights, weights_of};
use replab_core::export::Weights;
use crate::model::LabModel;
use crate::train::TrainError;

/// Gives each float parameter, in visiting order, the next of `ids`.
struct WithIds<'a>(std::slice::Iter<'a, ParamId>);

impl ModuleMapper for WithIds<'_> {
    fn map_float<const D: usize>(&mut self, param: Param<Tensor<D>>) -> Param<Tensor<D>> {
        let (id, tensor, mapper) = param.consume();
        Param::from_mapped_value(self.0.next().copied().unwrap_or(id), tensor, mapper)
    }
}

/// Collects the ids of every float parameter a module has, in visiting order.
struct ParamIds(Vec<ParamId>);

impl ModuleVisitor for ParamIds {
    fn visit_float<const D: usize>(&mut self, param: &Param<Tensor<D>>) {
        self.0.push(param.id);
    }
}

fn ids_of(model: &LabModel) -> Vec<ParamId> {
    let mut ids = ParamIds(Vec::new());
    model.visit(&mut ids);
    ids.0
}

/// A second seed from the run's seed and a step: the backend's noise (dropout masks, a VAE's
/// draws) after a resume.
fn seed_at(seed: u64, step: usize) -> u64 {
    let mut z = seed ^ (step as u64).wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

async fn weight_bytes(model: &LabModel) -> Result<Vec<u8>, TrainError> {
    Ok(weights_of(model).await?.to_safetensors())
}

fn model_from(model: LabModel, bytes: &[u8], ids: &[ParamId]) -> Result<LabModel, TrainError> {
    let refused = |e: String| TrainError::Settings(format!("the checkpoint's weights do not fit this model: {e}"));
    let weights = Weights::from_safetensors(bytes).map_err(|e| refused(e.to_string()))?;
    let model = model_with_weights(model, &weights).map_err(|e| refused(e.to_string()))?;
    Ok(model.map(&mut WithIds(ids.iter())))
}

impl Trainer {
    /// Where this run stands. Call it between chunks (after [`Trainer::advance`]). The
    /// optimiser's state comes along only with `with_optimizer` (burn reads it synchronously:
    /// fine on the CPU, impossible on WebGPU in a browser).
    pub async fn checkpoint(&self, data: &Dataset, with_optimizer: bool) -> Result<Checkpoint, TrainError> {
        let optimizer = if with_optimizer { self.optim.into_bytes().map_err(backend_error)?.to_vec() } else { Vec::new() };
        let best = match &self.best {
            Some((loss, epoch, model)) => Some(BestSoFar { loss: *loss, epoch: *epoch, weights: weight_bytes(model).await? }),
            None => None,
        };
        Ok(Checkpoint {
            hp: self.hp.clone(),
            dataset: data.id,
            train_len: data.train.len(),
            epoch: self.epoch,
            step_in_epoch: self.step_in_epoch,
            step: self.step,
            order: self.order.clone(),
            rng_seed: self.rng.get_seed().to_vec(),
            rng_word_pos: u64::try_from(self.rng.get_word_pos()).unwrap_or(u64::MAX),
            param_ids: ids_of(&self.model).iter().map(|id| id.val().to_string()).collect(),
            weights: weight_bytes(&self.model).await?,
            optimizer,
            best,
        })
    }

    /// The run `checkpoint` describes, ready to continue on `device`; refused (with why) when
    /// `data` is not the data it trained on or the checkpoint does not read.
    pub fn resume(data: &Dataset, checkpoint: &Checkpoint, device: &Device) -> Result<Trainer, TrainError> {
        let refused = |why: String| Err(TrainError::Settings(why));
        if checkpoint.dataset != data.id || checkpoint.train_len != data.train.len() {
            return refused(format!(
                "this run trained on {} ({} images); load that dataset first (loaded: {}, {} images)",
                checkpoint.dataset.title(),
                checkpoint.train_len,
                data.id.title(),
                data.train.len()
            ));
        }
        let mut trainer = Trainer::new(data, checkpoint.hp.clone(), device)?;
        let n_train = data.train.len();
        let mut sorted = checkpoint.order.clone();
        sorted.sort_unstable();
        if sorted.len() != n_train || sorted.iter().enumerate().any(|(i, &v)| v != i as i32) {
            return refused("the checkpoint's image order is not an order of this dataset's images".into());
        }
        if checkpoint.epoch > checkpoint.hp.epochs || checkpoint.step_in_epoch >= trainer.steps_per_epoch.max(1) {
            return refused("the checkpoint's position is outside its run".into());
        }
        let ids: Vec<ParamId> = match checkpoint.param_ids.iter().map(|id| id.parse::<u64>().map(ParamId::from)).collect() {
            Ok(ids) => ids,
            Err(_) => return refused("the checkpoint's parameter ids do not read".into()),
        };
        let model = model_from(trainer.model.clone(), &checkpoint.weights, &ids)?;
        if checkpoint.keeps_optimizer() {
            let record = OptimizerRecord::from_bytes(Bytes::from_bytes_vec(checkpoint.optimizer.clone()))
                .map_err(|e| TrainError::Settings(format!("the checkpoint's optimiser state does not read: {e:?}")))?;
            trainer.optim = trainer.optim.clone().load_record_on(record, &trainer.test_images.device());
        }
        trainer.best = match &checkpoint.best {
            Some(b) => Some((b.loss, b.epoch, model_from(trainer.model.clone(), &b.weights, &ids)?)),
            None => None,
        };
        let seed: [u8; 32] = checkpoint.rng_seed.as_slice().try_into().map_err(|_| TrainError::Settings("the checkpoint's shuffler does not read".into()))?;
        trainer.rng = ChaCha12Rng::from_seed(seed);
        trainer.rng.set_word_pos(u128::from(checkpoint.rng_word_pos));
        trainer.order = checkpoint.order.clone();
        trainer.epoch = checkpoint.epoch;
        trainer.step_in_epoch = checkpoint.step_in_epoch;
        trainer.step = checkpoint.step;
        trainer.last_good = model.clone();
        trainer.replace_model(model);
        trainer.train_images.device().seed(seed_at(checkpoint.hp.seed, checkpoint.step));
        Ok(trainer)
    }
}
