//! Independent uniform draws: what [`super::Sampler::Random`] does for every trial and TPE
//! does for its start-up trials.

use rand::rngs::StdRng;
use rand::{Rng, RngExt, SeedableRng};

use super::axis::Axis;
use super::space::Param;
use super::value::Value;

/// A uniform draw from one valid dimension: uniform on its internal [`Axis`] (so log-uniform
/// on a log dimension, every integer equally likely on a linear one), or a uniform option.
pub(super) fn sample_uniform<R: Rng + ?Sized>(param: &Param, rng: &mut R) -> Value {
    match param {
        Param::Choice { options, .. } => Value::Choice(rng.random_range(0..options.len())),
        _ => {
            let axis = Axis::of(param).expect("a numeric dimension has an axis");
            axis.to_value(axis.lo + rng.random::<f64>() * (axis.hi - axis.lo))
        }
    }
}

/// The generator of trial `number` in a study seeded with `seed`: each trial's draws depend
/// only on `(seed, number)`, not on how many draws earlier trials took.
pub(super) fn trial_rng(seed: u64, number: usize) -> StdRng {
    StdRng::seed_from_u64(mix(seed, number as u64))
}

/// A 64-bit seed for trial `number` of a study seeded with `seed` (SplitMix64 finaliser).
fn mix(seed: u64, number: u64) -> u64 {
    let mut z = seed ^ number.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
