//! All eigenvalues of a dense symmetric matrix: Householder tridiagonalisation, then the
//! implicit QL algorithm with Wilkinson-like shifts (eigenvalues only, no vectors).
//!
//! Kept rather than nalgebra's `symmetric_eigenvalues` (0.35), measured on the same random
//! positive definite matrices in one release build (2026-11-29, this 2-core machine): equal at
//! m ≤ 256 (6.8 vs 6.7 ms at 256), but nalgebra took 157 ms against 95 at m = 784 and 603 against
//! 415 at m = 1024 — the sizes of the spectra this serves (784 MNIST pixels, up to 1,024 images
//! of 3,072 CIFAR pixels). The eigenvalues agree to 1.3·10⁻¹⁴ relative.

/// QL sweeps allowed per eigenvalue before it is accepted as is.
const MAX_SWEEPS: usize = 60;

/// The `m` eigenvalues (decreasing) of the symmetric `m × m` matrix `matrix` (row-major; only
/// its lower triangle is read). Cost about (4/3)·m³ flops, O(m²) memory. Non-finite entries
/// give non-finite eigenvalues but always terminate.
///
/// Panics if `matrix.len() != m * m`.
pub fn symmetric_eigenvalues(matrix: &[f64], m: usize) -> Vec<f64> {
    assert_eq!(matrix.len(), m * m, "symmetric_eigenvalues: matrix is not m × m");
    let (mut diagonal, mut off) = tridiagonalise(matrix.to_vec(), m);
    tridiagonal_ql(&mut diagonal, &mut off);
    diagonal.sort_by(|a, b| b.total_cmp(a));
    diagonal
}

/// Reduces the symmetric `a` (`m × m`, lower triangle used) to tridiagonal form by
/// Householder reflections (Golub & Van Loan, Algorithm 8.3.1): returns the diagonal (`m`)
/// and the sub-diagonal (`m`, entry `k` couples `k` and `k + 1`; the last is 0).
fn tridiagonalise(mut a: Vec<f64>, m: usize) -> (Vec<f64>, Vec<f64>) {
    let mut off = vec![0.0f64; m];
    let (mut v, mut p) = (vec![0.0f64; m], vec![0.0f64; m]);
    for k in 0..m.saturating_sub(2) {
        let s = m - k - 1;
        let at = |i: usize, j: usize| (k + 1 + i) * m + k + 1 + j;
        let v = &mut v[..s];
        for (i, vi) in v.iter_mut().enumerate() {
            *vi = a[(k + 1 + i) * m + k];
        }
        let alpha = v.iter().map(|x| x * x).sum::<f64>().sqrt();
        if alpha == 0.0 || !alpha.is_finite() {
            off[k] = if alpha == 0.0 { 0.0 } else { f64::NAN };
            continue;
        }
        let sign = if v[0] < 0.0 { -1.0 } else { 1.0 };
        off[k] = -sign * alpha;
        let beta = 1.0 / (alpha * (alpha + v[0].abs()));
        v[0] += sign * alpha;

        // p = β B v over the trailing block B, reading its lower triangle row by row.
        let p = &mut p[..s];
        p.fill(0.0);
        for i in 0..s {
            let row = &a[at(i, 0)..at(i, i) + 1];
            let (below, diag) = row.split_at(i);
            p[i] += dot(below, &v[..i]) + diag[0] * v[i];
            for (pj, &bij) in p[..i].iter_mut().zip(below) {
                *pj += bij * v[i];
            }
        }
        p.iter_mut().for_each(|x| *x *= beta);
        // w = p − (β pᵀv / 2) v, stored in p; then B −= v wᵀ + w vᵀ.
        let half = 0.5 * beta * dot(p, v);
        p.iter_mut().zip(v.iter()).for_each(|(w, &vi)| *w -= half * vi);
        for i in 0..s {
            let (vi, wi) = (v[i], p[i]);
            let row = &mut a[at(i, 0)..at(i, i) + 1];
            for ((bij, &vj), &wj) in row.iter_mut().zip(&v[..=i]).zip(&p[..=i]) {
                *bij -= vi * wj + wi * vj;
            }
        }
    }
    if m >= 2 {
        off[m - 2] = a[(m - 1) * m + m - 2];
    }
    let diagonal = (0..m).map(|i| a[i * m + i]).collect();
    (diagonal, off)
}

/// Replaces `d` (the diagonal) by the eigenvalues of the symmetric tridiagonal matrix with
/// sub-diagonal `e` (`e[i]` couples `i` and `i + 1`), destroying `e`: the implicit QL method
/// (`tqli`, Numerical Recipes §11.3).
fn tridiagonal_ql(d: &mut [f64], e: &mut [f64]) {
    let n = d.len();
    for l in 0..n {
        for _ in 0..MAX_SWEEPS {
            let mut m = l;
            while m + 1 < n && e[m].abs() > f64::EPSILON * (d[m].abs() + d[m + 1].abs()) {
                m += 1;
            }
            if m == l {
                break;
            }
            let mut g = (d[l + 1] - d[l]) / (2.0 * e[l]);
            let mut r = g.hypot(1.0);
            g = d[m] - d[l] + e[l] / (g + r.copysign(g));
            let (mut s, mut c, mut p) = (1.0f64, 1.0f64, 0.0f64);
            let mut deflated = false;
            for i in (l..m).rev() {
                let f = s * e[i];
                let b = c * e[i];
                r = f.hypot(g);
                e[i + 1] = r;
                if r == 0.0 {
                    d[i + 1] -= p;
                    e[m] = 0.0;
                    deflated = true;
                    break;
                }
                s = f / r;
                c = g / r;
                g = d[i + 1] - p;
                r = (d[i] - g) * s + 2.0 * c * b;
                p = s * r;
                d[i + 1] = g + p;
                g = c * r - b;
            }
            if !deflated {
                d[l] -= p;
                e[l] = g;
                e[m] = 0.0;
            }
        }
    }
}

/// The dot product of two f64 slices with four accumulators (vectorisable).
fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut acc = [0.0f64; 4];
    let (ca, cb) = (a.chunks_exact(4), b.chunks_exact(4));
    let tail: f64 = ca.remainder().iter().zip(cb.remainder()).map(|(x, y)| x * y).sum();
    for (x, y) in ca.zip(cb) {
        for k in 0..4 {
            acc[k] += x[k] * y[k];
        }
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}
