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
    assert!(dim > 0 && rows.len().is_multiple_of(dim), "pca: not whole rows of {dim}");
    let n = rows.len() / dim;
    if dim > GRAM_ABOVE && count.min(dim) + 1 < n && n < dim {
        return pca_by_gram(rows, dim, count.min(dim));
    }
    let (mean, cov) = mean_and_covariance(rows, dim);
    let (values, vectors) = top_eigenpairs(&cov, dim, count.min(dim));
    Pca {
        mean: mean.iter().map(|&m| m as f32).collect(),
        components: vectors.iter().map(|v| fix_sign(v)).collect(),
        variances: values.iter().map(|&v| if v.is_nan() { f32::NAN } else { v.max(0.0) as f32 }).collect(),
    }
}

/// Rows wider than this (images' pixels rather than codes), and fewer than they are wide, take
/// [`pca_by_gram`]: the `dim × dim` covariance would cost `n·dim²`.
const GRAM_ABOVE: usize = 1024;

/// [`pca`] through the `n × n` Gram matrix of the centred rows (`C·Cᵀ / (n − 1)`), which has
/// the covariance's non-zero eigenvalues; a component is `Cᵀ·u` normalised, for each
/// eigenvector `u`. `O(n²·dim)` instead of `O(n·dim²)`: for `n` a few thousand images of
/// thousands of pixels. Needs `count + 1 < n` (each wanted component has a non-zero variance
/// unless the data are degenerate, when it falls back to the coordinate axes).
fn pca_by_gram(rows: &[f32], dim: usize, count: usize) -> Pca {
    let n = rows.len() / dim;
    let mut mean = vec![0.0f64; dim];
    for row in rows.chunks_exact(dim) {
        mean.iter_mut().zip(row).for_each(|(m, &v)| *m += f64::from(v));
    }
    mean.iter_mut().for_each(|m| *m /= n as f64);
    let centred: Vec<f64> = rows.chunks_exact(dim).flat_map(|row| row.iter().zip(&mean).map(|(&v, m)| f64::from(v) - m)).collect();
    let row = |i: usize| &centred[i * dim..(i + 1) * dim];
    let mut gram = vec![0.0f64; n * n];
    for i in 0..n {
        for j in 0..=i {
            let g = row(i).iter().zip(row(j)).map(|(a, b)| a * b).sum::<f64>() / (n - 1) as f64;
            gram[i * n + j] = g;
            gram[j * n + i] = g;
        }
    }
    let (values, vectors) = top_eigenpairs(&gram, n, count);
    let components = vectors
        .iter()
        .enumerate()
        .map(|(k, u)| {
            let mut v = vec![0.0f64; dim];
            for (i, &weight) in u.iter().enumerate() {
                v.iter_mut().zip(row(i)).for_each(|(x, c)| *x += weight * c);
            }
            let norm = v.iter().map(|x| x * x).sum::<f64>().sqrt();
            if norm > 0.0 && norm.is_finite() {
                v.iter_mut().for_each(|x| *x /= norm);
            } else {
                v = (0..dim).map(|j| if j == k { 1.0 } else { 0.0 }).collect();
            }
            fix_sign(&v)
        })
        .collect();
    Pca {
        mean: mean.iter().map(|&m| m as f32).collect(),
        components,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gram_route_finds_the_covariance_routes_components() {
        // 30 rows of 80 values: two planted directions of different strength plus a little
        // deterministic noise.
        let (n, dim) = (30, 80);
        let noise = |i: usize, j: usize| (((i * 31 + j * 17) % 23) as f32 / 23.0 - 0.5) * 0.05;
        let rows: Vec<f32> = (0..n)
            .flat_map(|i| {
                let (a, b) = ((i as f32 * 0.7).sin() * 3.0, (i as f32 * 1.3).cos());
                (0..dim).map(move |j| a * ((j % 7) as f32 - 3.0) / 10.0 + b * ((j % 5) as f32 - 2.0) / 7.0 + noise(i, j))
            })
            .collect();
        let (direct, gram) = (pca(&rows, dim, 3), pca_by_gram(&rows, dim, 3));
        for k in 0..3 {
            let agreement: f32 = direct.components[k].iter().zip(&gram.components[k]).map(|(a, b)| a * b).sum();
            assert!(agreement > 0.9999, "component {k}: {agreement}");
            assert!((direct.variances[k] - gram.variances[k]).abs() <= 1e-4 * direct.variances[0], "variance {k}");
        }
        assert_eq!(direct.mean, gram.mean);
    }
}
