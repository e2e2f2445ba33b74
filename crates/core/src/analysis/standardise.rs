//! Per-feature standardisation: `(x − mean) / std`, fitted on one set of rows.

/// A per-feature affine map fitted on training rows, applied to any row of the same `dim`.
#[derive(Clone, Debug)]
pub(super) struct Standardiser {
    mean: Vec<f32>,
    /// `1 / std`, or 0 for a feature whose std is 0 (or not finite): it maps to 0.
    inv_std: Vec<f32>,
}

impl Standardiser {
    /// The mean and population standard deviation of each of the `dim` features of `rows`
    /// (`n × dim`, row-major), accumulated in f64 over the finite values only.
    pub fn fit(rows: &[f32], dim: usize) -> Self {
        let mut count = vec![0u64; dim];
        let mut sum = vec![0.0f64; dim];
        let mut sum_sq = vec![0.0f64; dim];
        for row in rows.chunks_exact(dim) {
            for (j, &x) in row.iter().enumerate() {
                if x.is_finite() {
                    count[j] += 1;
                    sum[j] += x as f64;
                    sum_sq[j] += x as f64 * x as f64;
                }
            }
        }
        let mut mean = vec![0.0f32; dim];
        let mut inv_std = vec![0.0f32; dim];
        for j in 0..dim {
            if count[j] == 0 {
                continue;
            }
            let m = sum[j] / count[j] as f64;
            let var = (sum_sq[j] / count[j] as f64 - m * m).max(0.0);
            let std = var.sqrt();
            mean[j] = m as f32;
            // A spread below f32 rounding of the mean is a constant feature.
            if std.is_finite() && std > 1e-6 * m.abs().max(1e-30) {
                inv_std[j] = (1.0 / std) as f32;
            }
        }
        Standardiser { mean, inv_std }
    }

    /// Writes the standardised `row` (`dim`) into `out` (`dim`); a non-finite input or
    /// result becomes 0 (the mean).
    pub fn apply(&self, row: &[f32], out: &mut [f32]) {
        for (((o, &x), &m), &s) in out.iter_mut().zip(row).zip(&self.mean).zip(&self.inv_std) {
            let z = (x - m) * s;
            *o = if z.is_finite() { z } else { 0.0 };
        }
    }
}
