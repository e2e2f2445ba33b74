//! Standard normal variates by the Box–Muller transform (no `rand_distr` needed).

use rand::{Rng, RngExt};

/// Fills `out` with independent N(0, 1) samples (computed in f64, rounded to f32 first).
pub(crate) fn fill_standard_normal<T: From<f32>, R: Rng + ?Sized>(out: &mut [T], rng: &mut R) {
    for pair in out.chunks_mut(2) {
        // u1 ∈ (0, 1] so that ln(u1) is finite.
        let u1 = 1.0 - rng.random::<f64>();
        let u2 = rng.random::<f64>();
        let radius = (-2.0 * u1.ln()).sqrt();
        let angle = std::f64::consts::TAU * u2;
        pair[0] = T::from((radius * angle.cos()) as f32);
        if let Some(second) = pair.get_mut(1) {
            *second = T::from((radius * angle.sin()) as f32);
        }
    }
}
