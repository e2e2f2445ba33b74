//! Principal component analysis of a set of codes: the top few directions of greatest
//! variance.

use super::covariance::mean_and_covariance;
use super::top_eigen::top_eigenpairs;

/// The top principal components of a set of rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Pca {
    /// The mean row (`dim`).
    pub mean: Vec<f32>,
    /// `count` unit vectors (each `dim`), mutually orthogonal, by decreasing variance. The sign
    /// of each is fixed so that its largest-magnitude entry is positive.
    pub components: Vec<Vec<f32>>,
    /// The variance along each component (`count`): the covariance's eigenvalues (sample
    /// covariance, divided by `n − 1`), decreasing, never negative.
    pub variances: Vec<f32>,
}

/// The top `count` principal components of `rows` (`n × dim`, row-major).
///
/// `count` is clamped to `dim`. Computed from the `dim × dim` sample covariance (f64) by
/// Chebyshev-filtered subspace iteration (see [`top_eigenpairs`]): `O(n·dim²)` for the
/// covariance plus a few dozen `dim² × ~2·count` products, so fine for `dim` up to ~1024 and
/// `count` up to ~16. Deterministic. With fewer than two rows, or rank-deficient data, the
/// surplus components are still orthonormal, with variance 0. Non-finite input gives a
/// non-finite mean, the first `count` coordinate axes and NaN variances (no panic).
///
/// Panics if `dim == 0` or `rows.len()` is not a multiple of `dim`.
pub fn pca(rows: &[f32], dim: usize, count: usize) -> Pca {
    let (mean, cov) = mean_and_covariance(rows, dim);
    let (values, vectors) = top_eigenpairs(&cov, dim, count.min(dim));
    Pca {
        mean: mean.iter().map(|&m| m as f32).collect(),
        components: vectors.iter().map(|v| fix_sign(v)).collect(),
        variances: values.iter().map(|&v| if v.is_nan() { f32::NAN } else { v.max(0.0) as f32 }).collect(),
    }
}

/// The unit vector as f32, negated if needed so that its largest-magnitude entry (the first
/// such) is positive.
fn fix_sign(v: &[f64]) -> Vec<f32> {
    let mut best = 0usize;
    for (i, x) in v.iter().enumerate() {
        if x.abs() > v[best].abs() {
            best = i;
        }
    }
    let sign = if v.get(best).is_some_and(|&x| x < 0.0) { -1.0 } else { 1.0 };
    v.iter().map(|&x| (sign * x) as f32).collect()
}
