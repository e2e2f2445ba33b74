//! A full-covariance Gaussian over codes: fitted to a set of codes, and sampled from.

use super::covariance::mean_and_covariance;
use super::normal::fill_standard_normal;

/// A multivariate normal distribution N(mean, L·Lᵀ).
#[derive(Debug, Clone, PartialEq)]
pub struct Gaussian {
    /// The mean (`dim`).
    pub mean: Vec<f32>,
    /// The lower-triangular Cholesky factor `L` of the covariance (`dim × dim`, row-major;
    /// entries above the diagonal are zero).
    pub chol: Vec<f32>,
}

/// Ridge added to the covariance's diagonal, relative to its mean diagonal entry.
const RIDGE: f64 = 1e-4;

impl Gaussian {
    /// N(0, I) in `dim` dimensions.
    pub fn standard(dim: usize) -> Gaussian {
        let mut chol = vec![0.0f32; dim * dim];
        for i in 0..dim {
            chol[i * dim + i] = 1.0;
        }
        Gaussian { mean: vec![0.0; dim], chol }
    }

    /// The Gaussian with the sample mean and covariance (divided by `n − 1`) of `rows`
    /// (`n × dim`, row-major), plus a ridge of `1e-4 · trace / dim` on the diagonal so that the
    /// Cholesky factorisation (in f64) succeeds even for degenerate data. With constant data
    /// (or a single row) the covariance is a tiny multiple of the identity. Non-finite data
    /// (or a covariance too large to factorise) gives N(0, I)
    /// rather than a panic.
    ///
    /// Panics if `dim == 0` or `rows.len()` is not a multiple of `dim`.
    pub fn fit(rows: &[f32], dim: usize) -> Gaussian {
        let (mean, mut cov) = mean_and_covariance(rows, dim);
        if !(mean.iter().chain(&cov).all(|x| x.is_finite())) {
            return Gaussian::standard(dim);
        }
        let trace: f64 = (0..dim).map(|i| cov[i * dim + i]).sum();
        let mut ridge = RIDGE * trace / dim as f64;
        if !(ridge.is_finite() && ridge > 0.0) {
            ridge = 1e-12;
        }
        for i in 0..dim {
            cov[i * dim + i] += ridge;
        }
        // Rounding can still leave a non-positive pivot: grow the ridge until it factorises
        // (it must, once the ridge dominates).
        let mut extra = 0.0f64;
        let chol = loop {
            if let Some(l) = cholesky(&cov, dim, extra) {
                break l;
            }
            extra = if extra == 0.0 { ridge } else { extra * 10.0 };
            if !extra.is_finite() {
                return Gaussian::standard(dim);
            }
        };
        Gaussian { mean: mean.iter().map(|&m| m as f32).collect(), chol: chol.iter().map(|&x| x as f32).collect() }
    }

    /// The dimension.
    pub fn dim(&self) -> usize {
        self.mean.len()
    }

    /// `count` independent samples (`count × dim`, row-major): `mean + L·z` with `z ~ N(0, I)`.
    pub fn sample(&self, count: usize, rng: &mut impl rand::Rng) -> Vec<f32> {
        let dim = self.dim();
        let mut z = vec![0.0f32; dim];
        let mut out = Vec::with_capacity(count * dim);
        for _ in 0..count {
            fill_standard_normal(&mut z, rng);
            for i in 0..dim {
                let row = &self.chol[i * dim..i * dim + i + 1];
                let lz: f64 = row.iter().zip(&z).map(|(&l, &z)| l as f64 * z as f64).sum();
                out.push((self.mean[i] as f64 + lz) as f32);
            }
        }
        out
    }
}

/// The lower-triangular `L` (`dim × dim`, row-major) with `L·Lᵀ = a + extra·I`, or `None` if
/// that is not (numerically) positive definite or has a non-finite entry (nalgebra's Cholesky).
pub(crate) fn cholesky(a: &[f64], dim: usize, extra: f64) -> Option<Vec<f64>> {
    let matrix = nalgebra::DMatrix::from_fn(dim, dim, |i, j| a[i * dim + j] + if i == j { extra } else { 0.0 });
    if matrix.iter().any(|x| !x.is_finite()) {
        return None;
    }
    let l = nalgebra::Cholesky::new(matrix)?.unpack();
    l.iter().all(|x| x.is_finite()).then(|| (0..dim * dim).map(|k| l[(k / dim, k % dim)]).collect())
}
