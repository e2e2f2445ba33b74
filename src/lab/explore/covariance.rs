//! The sample mean and covariance of a set of rows, accumulated in f64.

use super::linalg::dot64;

/// Rows processed per block: the block is held column-major so that every covariance entry is
/// a contiguous dot product.
const BLOCK: usize = 128;

/// The mean (`dim`) and the sample covariance (`dim × dim`, row-major, symmetric, divided by
/// `n − 1`; by 1 when `n < 2`) of `rows` (`n × dim`, row-major).
///
/// Panics if `dim == 0` or `rows.len()` is not a multiple of `dim`.
pub(crate) fn mean_and_covariance(rows: &[f32], dim: usize) -> (Vec<f64>, Vec<f64>) {
    assert!(dim > 0, "covariance: dim must be positive");
    assert_eq!(rows.len() % dim, 0, "covariance: rows.len() is not a multiple of dim");
    let n = rows.len() / dim;

    let mut mean = vec![0.0f64; dim];
    for row in rows.chunks_exact(dim) {
        for (m, &x) in mean.iter_mut().zip(row) {
            *m += x as f64;
        }
    }
    if n > 0 {
        mean.iter_mut().for_each(|m| *m /= n as f64);
    }

    // Upper triangle, block by block of rows.
    let mut cov = vec![0.0f64; dim * dim];
    let mut block = vec![0.0f64; dim * BLOCK];
    for chunk in rows.chunks(dim * BLOCK) {
        let b = chunk.len() / dim;
        for (r, row) in chunk.chunks_exact(dim).enumerate() {
            for (j, &x) in row.iter().enumerate() {
                block[j * BLOCK + r] = x as f64 - mean[j];
            }
        }
        for i in 0..dim {
            let col_i = &block[i * BLOCK..i * BLOCK + b];
            let cov_row = &mut cov[i * dim..(i + 1) * dim];
            for (j, c) in cov_row.iter_mut().enumerate().skip(i) {
                *c += dot64(col_i, &block[j * BLOCK..j * BLOCK + b]);
            }
        }
    }

    let denom = if n >= 2 { (n - 1) as f64 } else { 1.0 };
    for i in 0..dim {
        for j in i..dim {
            let v = cov[i * dim + j] / denom;
            cov[i * dim + j] = v;
            cov[j * dim + i] = v;
        }
    }
    (mean, cov)
}
