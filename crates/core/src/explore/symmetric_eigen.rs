//! Eigen-decomposition of a small symmetric matrix, by nalgebra's `SymmetricEigen`
//! (Householder tridiagonalisation and implicit QR): the Rayleigh–Ritz step of
//! [`super::top_eigen`], at most 16 × 16. Measured against the cyclic Jacobi solver it replaced
//! (same matrices, release build): equal time at m ≤ 64, equal eigenvalues to 2·10⁻¹⁵.

use nalgebra::DMatrix;

/// The eigenvalues (`m`, decreasing) and unit eigenvectors of the symmetric `m × m` matrix
/// `a` (row-major; only its symmetric part is used). The eigenvectors come back as the
/// columns of an `m × m` row-major matrix: `vectors[row * m + k]` is entry `row` of the
/// eigenvector for `values[k]`.
pub(crate) fn symmetric_eigen(a: &[f64], m: usize) -> (Vec<f64>, Vec<f64>) {
    assert_eq!(a.len(), m * m, "symmetric_eigen: a is not m × m");
    let symmetric = DMatrix::from_fn(m, m, |i, j| 0.5 * (a[i * m + j] + a[j * m + i]));
    let eigen = symmetric.symmetric_eigen();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&i, &j| eigen.eigenvalues[j].total_cmp(&eigen.eigenvalues[i]));
    let values = order.iter().map(|&k| eigen.eigenvalues[k]).collect();
    let mut vectors = vec![0.0f64; m * m];
    for (new, &old) in order.iter().enumerate() {
        for row in 0..m {
            vectors[row * m + new] = eigen.eigenvectors[(row, old)];
        }
    }
    (values, vectors)
}
