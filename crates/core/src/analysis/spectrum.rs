//! The PCA explained-variance spectrum of raw data: what share of the total variance each
//! principal component carries.

use super::gram::gram;
use super::symmetric_eigenvalues::symmetric_eigenvalues;

/// The fraction of the total variance carried by each principal component of `rows`
/// (`n × dim`, row-major): `min(n − 1, dim)` values (the most a centred `n`-row set can
/// have), decreasing, summing to 1. Empty when `n < 2`; all zeros when the data has no
/// variance. A non-finite entry counts as its column's mean (the mean of the finite values).
///
/// The eigenvalues come from the `dim × dim` scatter matrix when `dim ≤ n`, otherwise from
/// the `n × n` Gram matrix of the centred rows, which has the same non-zero eigenvalues:
/// cost O(n·dim·min(n, dim) + min(n, dim)³), in f64.
///
/// Panics if `dim == 0` or `rows.len()` is not a multiple of `dim`.
pub fn explained_variance(rows: &[f32], dim: usize) -> Vec<f32> {
    assert!(dim > 0, "explained_variance: dim must be positive");
    assert_eq!(rows.len() % dim, 0, "explained_variance: rows.len() is not a multiple of dim");
    let n = rows.len() / dim;
    let count = n.saturating_sub(1).min(dim);
    if count == 0 {
        return Vec::new();
    }
    let mean = finite_column_means(rows, dim);
    let centred = |r: usize, j: usize| {
        let x = rows[r * dim + j];
        if x.is_finite() { x as f64 - mean[j] } else { 0.0 }
    };
    // Scatter XᵀX is the Gram matrix of the columns; XXᵀ that of the rows.
    let (x, m, len) = if dim <= n {
        let columns = (0..dim).flat_map(|j| (0..n).map(move |r| (r, j)));
        (columns.map(|(r, j)| centred(r, j)).collect::<Vec<_>>(), dim, n)
    } else {
        let entries = (0..n).flat_map(|r| (0..dim).map(move |j| (r, j)));
        (entries.map(|(r, j)| centred(r, j)).collect::<Vec<_>>(), n, dim)
    };
    let eigenvalues = symmetric_eigenvalues(&gram(&x, m, len), m);
    let kept: Vec<f64> = eigenvalues[..count].iter().map(|&v| v.max(0.0)).collect();
    let total: f64 = kept.iter().sum();
    if !(total > 0.0 && total.is_finite()) {
        return vec![0.0; count];
    }
    kept.iter().map(|&v| (v / total) as f32).collect()
}

/// The fewest leading components whose cumulative share of `fractions` (as returned by
/// [`explained_variance`]) reaches `share` (e.g. 0.95; 10⁻⁶ of slack absorbs f32 rounding):
/// 0 when `share ≤ 0` or NaN, and
/// `fractions.len()` when the shares never reach it (e.g. `share > 1`, or all zeros).
pub fn components_for(fractions: &[f32], share: f32) -> usize {
    if share.is_nan() || share <= 0.0 {
        return 0;
    }
    let mut cumulative = 0.0f64;
    for (k, &f) in fractions.iter().enumerate() {
        cumulative += f as f64;
        // A hair of slack so that rounding in f32 fractions summing to 1 still reaches 1.
        if cumulative >= share as f64 - 1e-6 {
            return k + 1;
        }
    }
    fractions.len()
}

/// The mean of the finite values of each of the `dim` columns of `rows` (0 for a column
/// with none), in f64.
fn finite_column_means(rows: &[f32], dim: usize) -> Vec<f64> {
    let mut sum = vec![0.0f64; dim];
    let mut count = vec![0u64; dim];
    for row in rows.chunks_exact(dim) {
        for (j, &x) in row.iter().enumerate() {
            if x.is_finite() {
                sum[j] += x as f64;
                count[j] += 1;
            }
        }
    }
    sum.iter().zip(&count).map(|(&s, &c)| if c > 0 { s / c as f64 } else { 0.0 }).collect()
}
