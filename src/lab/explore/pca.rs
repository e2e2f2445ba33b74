//! Principal component analysis of a set of codes: the top few directions of greatest
//! variance, by subspace iteration on the covariance matrix.

use super::covariance::mean_and_covariance;
use super::linalg::{axpy64, dot64, norm64};
use super::symmetric_eigen::symmetric_eigen;

/// The top principal components of a set of rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Pca {
    /// The mean row (`dim`).
    pub mean: Vec<f32>,
    /// `count` unit vectors (each `dim`), mutually orthogonal, by decreasing variance. The sign
    /// of each is fixed so that its largest-magnitude entry is positive.
    pub components: Vec<Vec<f32>>,
    /// The variance along each component (`count`): the covariance's eigenvalues (sample
    /// covariance, divided by `n − 1`), decreasing.
    pub variances: Vec<f32>,
}

/// Extra search directions carried along with the wanted ones: they speed up convergence.
fn subspace_size(dim: usize, count: usize) -> usize {
    (2 * count + 4).min(dim)
}

const MAX_ITERATIONS: usize = 300;
/// Converged when every wanted Ritz pair has residual `‖C v − θ v‖ ≤ TOLERANCE · θ₁`.
const TOLERANCE: f64 = 1e-7;

/// The top `count` principal components of `rows` (`n × dim`, row-major).
///
/// `count` is clamped to `dim`. Computed from the `dim × dim` sample covariance (f64) by
/// orthogonal (subspace) iteration with Rayleigh–Ritz, so the cost is `O(n·dim² + it·dim²·k)`
/// with `k ≈ 2·count`: fine for `dim` up to ~1024 and `count` up to ~16. Deterministic. With
/// fewer than two rows, or rank-deficient data, the surplus components are still orthonormal,
/// with variance 0.
///
/// Panics if `dim == 0` or `rows.len()` is not a multiple of `dim`.
pub fn pca(rows: &[f32], dim: usize, count: usize) -> Pca {
    let t0 = std::time::Instant::now();
    let (mean, cov) = mean_and_covariance(rows, dim);
    eprintln!("cov {:?}", t0.elapsed());
    let count = count.min(dim);
    let (values, vectors) = top_eigenpairs(&cov, dim, count);
    Pca {
        mean: mean.iter().map(|&m| m as f32).collect(),
        components: vectors.iter().map(|v| fix_sign(v)).collect(),
        variances: values.iter().map(|&v| v.max(0.0) as f32).collect(),
    }
}

/// The `count` largest eigenvalues (decreasing) and their unit eigenvectors of the symmetric
/// positive semi-definite `dim × dim` matrix `c`.
fn top_eigenpairs(c: &[f64], dim: usize, count: usize) -> (Vec<f64>, Vec<Vec<f64>>) {
    if count == 0 {
        return (Vec::new(), Vec::new());
    }
    let k = subspace_size(dim, count);
    let mut seed = Xorshift(0x9E37_79B9_7F4A_7C15);
    let mut q: Vec<Vec<f64>> = (0..k).map(|_| (0..dim).map(|_| seed.uniform() - 0.5).collect()).collect();
    orthonormalize(&mut q, &mut seed);

    let mut ritz_values = vec![0.0f64; k];
    let mut ritz_vectors = q.clone();
    for _it in 0..MAX_ITERATIONS {
        eprintln!("it {_it}");
        // W = C Q.
        // Row by row, so each row of C is read from memory once per iteration.
        let mut w = vec![vec![0.0f64; dim]; k];
        for (i, c_row) in c.chunks_exact(dim).enumerate() {
            for (wc, qc) in w.iter_mut().zip(&q) {
                wc[i] = dot64(c_row, qc);
            }
        }
        // Rayleigh–Ritz: T = Qᵀ C Q = S Θ Sᵀ; V = Q S, C V = W S.
        let mut t = vec![0.0f64; k * k];
        for a in 0..k {
            for b in 0..k {
                t[a * k + b] = dot64(&q[a], &w[b]);
            }
        }
        let (theta, s) = symmetric_eigen(&t, k);
        let combine = |basis: &[Vec<f64>], col: usize| {
            let mut out = vec![0.0f64; dim];
            for (a, v) in basis.iter().enumerate() {
                axpy64(s[a * k + col], v, &mut out);
            }
            out
        };
        let v: Vec<Vec<f64>> = (0..k).map(|col| combine(&q, col)).collect();
        let cv: Vec<Vec<f64>> = (0..k).map(|col| combine(&w, col)).collect();

        let scale = theta[0].abs();
        let worst = (0..count)
            .map(|j| {
                let r: Vec<f64> = cv[j].iter().zip(&v[j]).map(|(cvx, vx)| cvx - theta[j] * vx).collect();
                norm64(&r)
            })
            .fold(0.0f64, f64::max);
        ritz_values = theta;
        ritz_vectors = v;
        if scale == 0.0 || worst <= TOLERANCE * scale {
            break;
        }
        q = cv;
        orthonormalize(&mut q, &mut seed);
    }

    ritz_vectors.truncate(count);
    for v in &mut ritz_vectors {
        let n = norm64(v);
        if n > 0.0 {
            v.iter_mut().for_each(|x| *x /= n);
        }
    }
    ritz_values.truncate(count);
    (ritz_values, ritz_vectors)
}

/// Modified Gram–Schmidt, twice over for stability. A column that collapses (it lies in the span
/// of the earlier ones) is replaced by a fresh pseudo-random direction.
fn orthonormalize(q: &mut [Vec<f64>], seed: &mut Xorshift) {
    for j in 0..q.len() {
        for attempt in 0..8 {
            let before = norm64(&q[j]);
            for _pass in 0..2 {
                for i in 0..j {
                    let (done, rest) = q.split_at_mut(j);
                    let p = dot64(&done[i], &rest[0]);
                    axpy64(-p, &done[i], &mut rest[0]);
                }
            }
            let after = norm64(&q[j]);
            if after > 1e-10 * before && after > 0.0 && after.is_finite() {
                q[j].iter_mut().for_each(|x| *x /= after);
                break;
            }
            assert!(attempt < 7, "pca: could not orthonormalise the search subspace");
            q[j].iter_mut().for_each(|x| *x = seed.uniform() - 0.5);
        }
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

/// A tiny deterministic generator for the starting subspace (so `pca` needs no RNG argument).
struct Xorshift(u64);

impl Xorshift {
    /// Uniform in `[0, 1)`.
    fn uniform(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}
