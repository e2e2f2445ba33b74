//! The few largest eigenpairs of a symmetric positive semi-definite matrix, by
//! Chebyshev-filtered subspace iteration with Rayleigh–Ritz (Zhou & Saad's ChFSI).
//!
//! Hand-written because no well-kept crate offers a partial symmetric eigensolver that builds
//! for wasm32 without LAPACK: nalgebra computes every eigenpair (`symmetric_eigen`: 958 ms for
//! a 784 × 784 matrix here, where PCA needs 2–16 pairs). Its small Rayleigh–Ritz problem is
//! solved by nalgebra ([`super::symmetric_eigen`]).

use super::linalg::{axpy64, dot64, norm64};
use super::symmetric_eigen::symmetric_eigen;

/// Outer iterations (filter, orthonormalise, Rayleigh–Ritz) at most.
const MAX_ITERATIONS: usize = 60;
/// Highest filter degree per outer iteration.
const MAX_DEGREE: usize = 16;
/// The filter may amplify the largest wanted eigenvalue over the smallest by at most this much
/// per outer iteration, so that orthonormalising in f64 keeps the smaller ones.
const MAX_SPREAD: f64 = 1e6;
/// Converged when every wanted Ritz pair has residual `‖C v − θ v‖ ≤ TOLERANCE · θ₁`.
const TOLERANCE: f64 = 1e-6;

/// The `count` largest eigenvalues (decreasing) and their unit eigenvectors (each `dim`) of the
/// symmetric positive semi-definite `c` (`dim × dim`, row-major). `count ≤ dim`. If `c` has
/// a non-finite entry: NaN values and the first `count` coordinate axes.
///
/// A block of about `2·count` vectors is repeatedly multiplied by a Chebyshev polynomial in
/// `c` that is small on `[0, θ_k]` (θ_k: the block's smallest Ritz value) and grows fast above
/// it, then re-orthonormalised and rotated to Ritz vectors. Deterministic: the starting block
/// comes from a fixed-seed generator.
pub(crate) fn top_eigenpairs(c: &[f64], dim: usize, count: usize) -> (Vec<f64>, Vec<Vec<f64>>) {
    assert!(count <= dim && c.len() == dim * dim);
    if count == 0 {
        return (Vec::new(), Vec::new());
    }
    if !c.iter().all(|x| x.is_finite()) {
        let axes = (0..count).map(|j| (0..dim).map(|i| if i == j { 1.0 } else { 0.0 }).collect()).collect();
        return (vec![f64::NAN; count], axes);
    }
    let k = (2 * count + 4).min(dim);
    let mut seed = Xorshift(0x9E37_79B9_7F4A_7C15);
    let mut block: Vec<Vec<f64>> = (0..k).map(|_| seed.vector(dim)).collect();
    orthonormalize(&mut block, &mut seed);
    let mut ritz = rayleigh_ritz(c, dim, &block);

    for _ in 0..MAX_ITERATIONS {
        let scale = ritz.values[0].abs();
        if scale == 0.0 || ritz.worst_residual(count) <= TOLERANCE * scale {
            break;
        }
        block = chebyshev_filter(c, dim, &ritz, count);
        orthonormalize(&mut block, &mut seed);
        ritz = rayleigh_ritz(c, dim, &block);
    }

    let mut vectors = ritz.vectors;
    vectors.truncate(count);
    for v in &mut vectors {
        let n = norm64(v);
        if n > 0.0 {
            v.iter_mut().for_each(|x| *x /= n);
        }
    }
    let mut values = ritz.values;
    values.truncate(count);
    (values, vectors)
}

/// Ritz pairs of `c` on a subspace: values decreasing, vectors (orthonormal), and `c` times
/// each vector.
struct Ritz {
    values: Vec<f64>,
    vectors: Vec<Vec<f64>>,
    images: Vec<Vec<f64>>,
}

impl Ritz {
    /// The largest `‖C v − θ v‖` over the first `count` pairs.
    fn worst_residual(&self, count: usize) -> f64 {
        (0..count)
            .map(|j| {
                let (theta, v, cv) = (self.values[j], &self.vectors[j], &self.images[j]);
                cv.iter().zip(v).map(|(a, b)| (a - theta * b).powi(2)).sum::<f64>().sqrt()
            })
            .fold(0.0, f64::max)
    }
}

/// `c · v` for each `v` (each `dim`), for symmetric `c`: as `Σ_l v[l] · (row l of c)`, four
/// rows at a time, so that the inner loop is a contiguous multiply-add the compiler vectorises.
fn multiply(c: &[f64], dim: usize, vs: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let mut out = vec![vec![0.0f64; dim]; vs.len()];
    let quads = c.chunks_exact(4 * dim);
    let rest = quads.remainder();
    for (g, rows) in quads.enumerate() {
        let (r0, r) = rows.split_at(dim);
        let (r1, r) = r.split_at(dim);
        let (r2, r3) = r.split_at(dim);
        for (o, v) in out.iter_mut().zip(vs) {
            let (a0, a1, a2, a3) = (v[4 * g], v[4 * g + 1], v[4 * g + 2], v[4 * g + 3]);
            for ((((d, &b0), &b1), &b2), &b3) in o.iter_mut().zip(r0).zip(r1).zip(r2).zip(r3) {
                *d += (a0 * b0 + a1 * b1) + (a2 * b2 + a3 * b3);
            }
        }
    }
    let done = (c.len() - rest.len()) / dim.max(1);
    for (l, row) in rest.chunks_exact(dim).enumerate() {
        for (o, v) in out.iter_mut().zip(vs) {
            axpy64(v[done + l], row, o);
        }
    }
    out
}

/// The Ritz pairs of `c` on the span of the orthonormal `basis`.
fn rayleigh_ritz(c: &[f64], dim: usize, basis: &[Vec<f64>]) -> Ritz {
    let k = basis.len();
    let images = multiply(c, dim, basis);
    let mut t = vec![0.0f64; k * k];
    for a in 0..k {
        for b in 0..k {
            t[a * k + b] = dot64(&basis[a], &images[b]);
        }
    }
    let (values, s) = symmetric_eigen(&t, k);
    let combine = |from: &[Vec<f64>], col: usize| {
        let mut out = vec![0.0f64; dim];
        for (a, v) in from.iter().enumerate() {
            axpy64(s[a * k + col], v, &mut out);
        }
        out
    };
    Ritz {
        vectors: (0..k).map(|col| combine(basis, col)).collect(),
        images: (0..k).map(|col| combine(&images, col)).collect(),
        values,
    }
}

/// `p(c) · v` for each Ritz vector, with `p` the Chebyshev polynomial of the first kind for
/// the interval `[0, θ_last]`, of a degree chosen so that the wanted values are amplified
/// strongly but not by wildly different factors. Columns are rescaled as they grow (harmless:
/// only their span matters).
fn chebyshev_filter(c: &[f64], dim: usize, ritz: &Ritz, count: usize) -> Vec<Vec<f64>> {
    let top = ritz.values[0];
    let bound = ritz.values.last().copied().unwrap_or(0.0).max(0.0);
    if bound <= 0.0 || top <= bound * (1.0 + 1e-12) {
        // No spectral gap to exploit (yet): a plain power step.
        return ritz.images.clone();
    }
    // Map [0, bound] to [−1, 1]: x = (λ − centre) / half.
    let (centre, half) = (bound / 2.0, bound / 2.0);
    let growth = |lambda: f64| {
        let x = ((lambda - centre) / half).max(1.0);
        (x + (x * x - 1.0).sqrt()).ln() // ln of the per-degree growth of T_m(x)
    };
    let spread = growth(top) - growth(ritz.values[count - 1].max(0.0));
    let degree = if spread > 0.0 { (MAX_SPREAD.ln() / spread).floor() as usize } else { MAX_DEGREE };
    let degree = degree.clamp(1, MAX_DEGREE);

    // T_0 = v, T_1 = (C v − centre·v) / half, T_{j+1} = 2 (C T_j − centre·T_j) / half − T_{j−1}.
    let mut previous = ritz.vectors.clone();
    let mut current: Vec<Vec<f64>> = ritz
        .images
        .iter()
        .zip(&ritz.vectors)
        .map(|(cv, v)| cv.iter().zip(v).map(|(a, b)| (a - centre * b) / half).collect())
        .collect();
    rescale(&mut current, &mut previous);
    for _ in 1..degree {
        let images = multiply(c, dim, &current);
        let mut next: Vec<Vec<f64>> = images
            .iter()
            .zip(&current)
            .zip(&previous)
            .map(|((cv, v), p)| cv.iter().zip(v).zip(p).map(|((a, b), p)| 2.0 * (a - centre * b) / half - p).collect())
            .collect();
        rescale(&mut next, &mut current);
        previous = current;
        current = next;
    }
    current
}

/// Divides each column of `current`, and the same column of `previous`, by the former's norm.
fn rescale(current: &mut [Vec<f64>], previous: &mut [Vec<f64>]) {
    for (cur, prev) in current.iter_mut().zip(previous.iter_mut()) {
        let n = norm64(cur);
        if n > 0.0 && n.is_finite() {
            cur.iter_mut().for_each(|x| *x /= n);
            prev.iter_mut().for_each(|x| *x /= n);
        }
    }
}

/// Modified Gram–Schmidt, twice over for stability. A column that collapses (it lies in the span
/// of the earlier ones) is replaced by a fresh pseudo-random direction.
fn orthonormalize(q: &mut [Vec<f64>], seed: &mut Xorshift) {
    for j in 0..q.len() {
        let (done, rest) = q.split_at_mut(j);
        let column = &mut rest[0];
        for attempt in 0.. {
            let before = norm64(column);
            for _pass in 0..2 {
                for earlier in done.iter() {
                    axpy64(-dot64(earlier, column), earlier, column);
                }
            }
            let after = norm64(column);
            if after > 1e-10 * before && after > 0.0 && after.is_finite() {
                column.iter_mut().for_each(|x| *x /= after);
                break;
            }
            assert!(attempt < 8, "top_eigenpairs: could not orthonormalise the search block");
            *column = seed.vector(column.len());
        }
    }
}

/// A tiny deterministic generator for starting directions (so callers need no RNG).
struct Xorshift(u64);

impl Xorshift {
    /// A vector of `len` values uniform in `[-0.5, 0.5)`.
    fn vector(&mut self, len: usize) -> Vec<f64> {
        (0..len)
            .map(|_| {
                self.0 ^= self.0 << 13;
                self.0 ^= self.0 >> 7;
                self.0 ^= self.0 << 17;
                (self.0 >> 11) as f64 / (1u64 << 53) as f64 - 0.5
            })
            .collect()
    }
}
