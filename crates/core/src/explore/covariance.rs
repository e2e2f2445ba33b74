//! The sample mean and covariance of a set of rows, accumulated in f64.

/// Rows per block: each block is centred into an f64 buffer and added to the covariance.
const BLOCK: usize = 64;

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

    // The upper triangle of Σ (x − mean)(x − mean)ᵀ.
    let mut sums = vec![0.0f64; dim * dim];
    let mut block = vec![0.0f64; BLOCK * dim];
    for chunk in rows.chunks(dim * BLOCK) {
        let centred = &mut block[..chunk.len()];
        for ((c, &x), &m) in centred.iter_mut().zip(chunk).zip(mean.iter().cycle()) {
            *c = x as f64 - m;
        }
        accumulate_outer_products(centred, dim, &mut sums);
    }

    let denom = if n >= 2 { (n - 1) as f64 } else { 1.0 };
    let mut cov = vec![0.0f64; dim * dim];
    for i in 0..dim {
        for j in i..dim {
            let v = sums[i * dim + j] / denom;
            cov[i * dim + j] = v;
            cov[j * dim + i] = v;
        }
    }
    (mean, cov)
}

/// `sums += Σ_r x_r x_rᵀ` over the rows `x_r` of `block` (each `dim`), upper triangle only
/// (`sums` is `dim × dim`). Four rows at a time, so that each entry of `sums` is read and
/// written once per four rows.
fn accumulate_outer_products(block: &[f64], dim: usize, sums: &mut [f64]) {
    let quads = block.chunks_exact(4 * dim);
    let rest = quads.remainder();
    for quad in quads {
        let (x0, x) = quad.split_at(dim);
        let (x1, x) = x.split_at(dim);
        let (x2, x3) = x.split_at(dim);
        for i in 0..dim {
            let (a0, a1, a2, a3) = (x0[i], x1[i], x2[i], x3[i]);
            let dst = &mut sums[i * dim + i..(i + 1) * dim];
            let lanes = dst.iter_mut().zip(&x0[i..]).zip(&x1[i..]).zip(&x2[i..]).zip(&x3[i..]);
            for ((((d, &b0), &b1), &b2), &b3) in lanes {
                *d += (a0 * b0 + a1 * b1) + (a2 * b2 + a3 * b3);
            }
        }
    }
    for x in rest.chunks_exact(dim) {
        for i in 0..dim {
            let a = x[i];
            for (d, &b) in sums[i * dim + i..(i + 1) * dim].iter_mut().zip(&x[i..]) {
                *d += a * b;
            }
        }
    }
}
