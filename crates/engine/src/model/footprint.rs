//! How large the largest single buffer of a training run is, before any is allocated: a WebGPU
//! device refuses (or loses itself over) a buffer beyond its `maxStorageBufferBindingSize`,
//! often 128 MiB to 2 GiB, and a run is better refused with the limit named and a batch that
//! fits than failed mid-allocation.

use replab_core::data::ImageShape;
use replab_core::settings::{ConvStack, Hyperparams, ModelKind};

use super::{BLOCK_CHANNELS, BLOCK_FC, ConvPlan};

/// The CNN classifier's channels per block (see [`super::CnnClassifierConfig`]).
const CNN_BLOCKS: [usize; 3] = [32, 64, 128];

/// The largest buffer a run of `hp` on `train_len` images of `shape` keeps on the device.
#[derive(Debug, Clone, PartialEq)]
pub struct Footprint {
    /// Bytes (f32 values).
    pub bytes: u64,
    /// What it holds, for people ("one batch's first-layer activations").
    pub what: String,
    /// Whether it grows with the batch (then a smaller batch fits).
    pub per_batch: bool,
}

/// Values of one image's largest activation (the same size holds its gradient).
fn widest_activation(hp: &Hyperparams, shape: ImageShape) -> usize {
    let mlp = shape.len().max(hp.hidden);
    match hp.model {
        ModelKind::Cnn => {
            let (mut side, mut widest) = (shape.height.max(shape.width), 0);
            for out in CNN_BLOCKS {
                widest = widest.max(out * side * side);
                side /= 2;
            }
            widest.max(shape.len())
        }
        ModelKind::ConvContrastive if hp.conv_stack == ConvStack::Blocks => {
            // The first block's maps before pooling, or the first fully connected layer.
            (BLOCK_CHANNELS[0] * shape.height * shape.width).max(BLOCK_FC[0]).max(shape.len())
        }
        ModelKind::ConvAe | ModelKind::ConvVae | ModelKind::ConvContrastive => {
            let plan = ConvPlan::for_channels(shape.channels, hp.conv_stack);
            let sides = plan.sides(shape.height);
            plan.layers.iter().zip(&sides[1..]).map(|(&(out, _, _), &side)| out * side * side).max().unwrap_or(0).max(shape.len())
        }
        _ => mlp,
    }
}

impl Footprint {
    pub fn of(hp: &Hyperparams, shape: ImageShape, train_len: usize) -> Footprint {
        // A contrastive step encodes two views of each image.
        let views = if hp.model.is_contrastive() { 2 } else { 1 };
        let batch = (hp.batch * views * widest_activation(hp, shape)) as u64 * 4;
        let data = (train_len * shape.len()) as u64 * 4;
        if batch >= data {
            Footprint { bytes: batch, what: format!("one batch's widest layer ({} images)", hp.batch * views), per_batch: true }
        } else {
            Footprint { bytes: data, what: format!("the {train_len} training images, kept on the device"), per_batch: false }
        }
    }

    /// Why a device whose largest buffer is `limit` bytes cannot train this, with a batch that
    /// fits where one does; `None` when it fits.
    pub fn refusal(&self, hp: &Hyperparams, limit: u64) -> Option<String> {
        if self.bytes <= limit {
            return None;
        }
        let mb = |b: u64| format!("{:.0} MB", b as f64 / 1e6);
        let advice = if self.per_batch {
            let per_image = self.bytes / hp.batch.max(1) as u64;
            let fits = (limit / per_image.max(1)) as usize;
            if fits >= 1 { format!("a batch of {fits} or less fits") } else { "no batch fits: use the CPU backend".into() }
        } else {
            "use the CPU backend (it keeps the data in the page's memory)".into()
        };
        Some(format!(
            "this run needs a {} buffer for {} and this GPU allows {} per buffer (maxStorageBufferBindingSize): {advice}",
            mb(self.bytes),
            self.what,
            mb(limit)
        ))
    }
}
