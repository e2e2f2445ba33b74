//! One training step's gradients: of the whole batch on one thread, or of its two halves on two
//! threads of flex's pool, added.
//!
//! The threaded browser worker splits each large matmul over its pool, but a small model's
//! step is dozens of ops, most of them too small to split, and each split op wakes another Web
//! Worker (`memory.atomic.notify`): on the 784-256-128 autoencoder its second thread added only
//! 1.27× (BENCHMARKS.md, session 57). Two halves of the batch, each with its own autodiff graph
//! (the model forked: the same parameter ids and values, fresh graph nodes), keep both threads
//! busy through the whole forward and backward pass with one join a step. Each half's objective
//! is halved, so their gradients add up to the whole batch's (to rounding: the sum over the
//! batch is taken in two parts), and so do the reported figures. Only for objectives that are
//! a mean over the batch's images and draw nothing at random (see
//! [`LabModel::batch_splits`]): a contrastive loss compares images across the batch, and dropout
//! masks or a VAE's noise drawn from one generator by two threads would come in an order that
//! changes from run to run. BENCHMARKS.md, session 58.

use burn::optim::GradientsParams;
use burn::prelude::*;

use super::objective::{Batch, Figures, terms};
use crate::model::LabModel;
use replab_core::settings::Hyperparams;

/// The smallest batch split into halves. A guard, not a measured threshold: the halves were
/// measured at batch 128 only, and a half of a few images would be mostly the join's cost.
const SPLIT_MIN_BATCH: usize = 32;

/// The gradients of `model`'s objective on `batch` (of the parameters that ask for them: not a
/// frozen encoder's): from [`halves`] when `split` (set only where [`can_split`] allows it), else
/// from the whole batch.
/// `report` gets the batch's figures (the trainer sums them). The same sum either way, but where
/// it is taken changes the speed: from the whole batch on WebGPU before the backward pass
/// (summed after it, burn's fusion sent 75.6 kernels a step instead of 52.3 on the small MLP;
/// BENCHMARKS.md, session 58), on the CPU after it (7.9% and 4.2% more images/s on the plain
/// browser worker's two MLPs, natively no loss; session 59). Why the order matters on the CPU
/// was not measured; a guess: the sum's new tensor, kept across steps, is then allocated after
/// the pass has freed its buffers rather than among them.
pub(crate) fn gradients(model: &LabModel, batch: Batch, hp: &Hyperparams, split: bool, report: impl FnOnce(Figures)) -> GradientsParams {
    #[cfg(any(not(target_arch = "wasm32"), feature = "rayon"))]
    if split {
        let (grads, figures) = halves(model, batch, hp);
        report(figures);
        return grads;
    }
    #[cfg(not(any(not(target_arch = "wasm32"), feature = "rayon")))]
    debug_assert!(!split, "no pool to split over (a bug)");
    let on_cpu = is_flex(&batch.images.device());
    let terms = terms(model, batch, hp, true);
    if !on_cpu {
        report(terms.figures);
        return GradientsParams::from_grads(terms.total.backward(), model);
    }
    let grads = GradientsParams::from_grads(terms.total.backward(), model);
    report(terms.figures);
    grads
}

/// Whether `device` is flex's (the CPU).
pub(crate) fn is_flex(device: &Device) -> bool {
    matches!(device.clone().inner().as_dispatch(), burn::backend::DispatchDevice::Flex(_))
}

/// The whole batch's gradients and figures (to rounding), computed as two halves of the batch
/// on two threads of rayon's pool, with their gradients and figures added. `model` must split
/// ([`LabModel::batch_splits`]) and the batch be even; a bug otherwise.
#[cfg(any(not(target_arch = "wasm32"), feature = "rayon"))]
fn halves(model: &LabModel, batch: Batch, hp: &Hyperparams) -> (GradientsParams, Figures) {
    let Batch { images, labels, pairing } = batch;
    assert!(pairing.is_none(), "a paired (contrastive) batch does not split (a bug)");
    let n = images.dims()[0];
    assert!(n.is_multiple_of(2), "an odd batch does not split in halves (a bug)");
    let half = n / 2;
    let part = |start: usize| Batch {
        images: images.clone().narrow(0, start, half),
        labels: labels.clone().map(|l| l.narrow(0, start, half)),
        pairing: None,
    };
    let (first, second) = (part(0), part(half));
    let run = |batch: Batch| {
        let own = model.clone().map(&mut FreshLeaves);
        let terms = terms(&own, batch, hp, true);
        let grads = GradientsParams::from_grads((terms.total * 0.5).backward(), &own);
        (grads, terms.figures.times(0.5))
    };
    let ((grads_a, figures_a), (grads_b, figures_b)) = rayon::join(|| run(first), || run(second));
    let mut sum = burn::optim::GradientsAccumulator::new();
    sum.accumulate(model, grads_a);
    sum.accumulate(model, grads_b);
    (sum.grads(), figures_a.plus(figures_b))
}

/// Gives each parameter a new autodiff leaf of the same values, id and gradient setting, so that
/// each half builds its own graph.
///
/// Not burn's `Module::fork`: it moves each parameter with `to_device` (even to the device it is
/// on), an autodiff op whose output stays registered in the parameter's own graph, never run
/// backward, until the parameter is dropped. The optimiser replaces a trained parameter at every
/// step, so its graph goes with it; a frozen encoder's parameters (kept by the card that trained
/// them) lived on, and each step left them two entries that burn's clean-up after every backward
/// pass walks: C1's classifiers took 4–8× longer in halves than whole (bench/results/
/// 2026-12-07-session68-split-leak). `detach` registers nothing.
#[cfg(any(not(target_arch = "wasm32"), feature = "rayon"))]
struct FreshLeaves;

#[cfg(any(not(target_arch = "wasm32"), feature = "rayon"))]
impl burn::module::ModuleMapper for FreshLeaves {
    fn map_float<const D: usize>(&mut self, param: burn::module::Param<Tensor<D>>) -> burn::module::Param<Tensor<D>> {
        let (id, tensor, mapper) = param.consume();
        let tracked = tensor.is_require_grad();
        let leaf = tensor.detach();
        burn::module::Param::from_mapped_value(id, if tracked { leaf.require_grad() } else { leaf }, mapper)
    }
}

/// Whether a trainer's steps should take [`halves`] unless told otherwise: in the threaded
/// browser worker (flex's pool of two threads or more), for a model whose batch splits, with
/// an even batch of [`SPLIT_MIN_BATCH`] or more. Natively the pool's threads wake each other
/// cheaply (a futex) and the large MLP's split matmuls already keep both cores busy: halves
/// measured 1.06× on the small MLP but 0.79× on the large one there (BENCHMARKS.md, session
/// 58), so a native trainer splits only when asked ([`super::Trainer::split_batches`]).
pub(crate) fn splits_by_default(model: &LabModel, hp: &Hyperparams, device: &Device) -> bool {
    #[cfg(all(target_arch = "wasm32", feature = "rayon"))]
    {
        is_flex(device) && rayon::current_num_threads() >= 2 && can_split(model, hp)
    }
    #[cfg(not(all(target_arch = "wasm32", feature = "rayon")))]
    {
        let _ = (model, hp, device);
        false
    }
}

/// Whether `model`'s steps at `hp`'s batch can take [`halves`].
pub(crate) fn can_split(model: &LabModel, hp: &Hyperparams) -> bool {
    cfg!(any(not(target_arch = "wasm32"), feature = "rayon"))
        && model.batch_splits(hp)
        && hp.batch.is_multiple_of(2)
        && hp.batch >= SPLIT_MIN_BATCH
}
