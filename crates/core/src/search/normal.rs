//! The standard normal distribution: draws, the log density and the CDF, enough for TPE's
//! truncated Gaussian kernels.

use std::f64::consts::SQRT_2;

use rand::Rng;

/// `ln √(2π)`.
const LN_SQRT_2PI: f64 = 0.918_938_533_204_672_7;

/// One standard normal draw.
pub(super) fn standard_normal<R: Rng + ?Sized>(rng: &mut R) -> f64 {
    let mut z = [0.0f64];
    crate::explore::normal::fill_standard_normal(&mut z, rng);
    z[0]
}

/// `ln φ(z)`, the log density of the standard normal.
pub(super) fn log_pdf(z: f64) -> f64 {
    -0.5 * z * z - LN_SQRT_2PI
}

/// `Φ(z)`, the standard normal CDF (absolute error below 1e-7).
pub(super) fn cdf(z: f64) -> f64 {
    0.5 * erfc(-z / SQRT_2)
}

/// The complementary error function, Numerical Recipes' Chebyshev fit (relative error below
/// 1.2e-7 everywhere).
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let r = t * poly.exp();
    if x >= 0.0 { r } else { 2.0 - r }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cdf_matches_known_values() {
        assert!((cdf(0.0) - 0.5).abs() < 1e-7);
        assert!((cdf(1.0) - 0.841_344_746).abs() < 1e-7);
        assert!((cdf(-1.96) - 0.024_997_895).abs() < 1e-7);
        assert!((cdf(3.0) - 0.998_650_102).abs() < 1e-7);
    }
}
