//! A robust value range, e.g. for a slider over one latent coordinate.

/// The `lo`- and `hi`-quantiles of `values` (fractions in `[0, 1]`, e.g. `(0.01, 0.99)` for the
/// 1st and 99th percentiles), linearly interpolated between order statistics: the quantile `p`
/// of `n` sorted values is at position `p·(n − 1)`.
///
/// Non-finite values are ignored; `lo`/`hi` are clamped to `[0, 1]` and swapped if reversed.
/// The result is never empty: when both ends coincide (constant data) it is widened to
/// `v ± 1e-3·max(|v|, 1)`. With no finite values at all it is `(-1, 1)`.
pub fn percentile_range(values: &[f32], lo: f32, hi: f32) -> (f32, f32) {
    let mut sorted: Vec<f32> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if sorted.is_empty() {
        return (-1.0, 1.0);
    }
    sorted.sort_by(f32::total_cmp);
    let clamp = |p: f32| if p.is_nan() { 0.0 } else { p.clamp(0.0, 1.0) };
    let (lo, hi) = (clamp(lo), clamp(hi));
    let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    let (a, b) = (quantile(&sorted, lo), quantile(&sorted, hi));
    if b > a {
        (a, b)
    } else {
        let half = 1e-3 * a.abs().max(1.0);
        (a - half, a + half)
    }
}

/// The quantile `p ∈ [0, 1]` of non-empty, ascending `sorted`.
fn quantile(sorted: &[f32], p: f32) -> f32 {
    let pos = p as f64 * (sorted.len() - 1) as f64;
    let below = pos.floor() as usize;
    let above = (below + 1).min(sorted.len() - 1);
    let frac = pos - below as f64;
    (sorted[below] as f64 * (1.0 - frac) + sorted[above] as f64 * frac) as f32
}
