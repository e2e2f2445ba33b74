//! t-SNE's input affinities: sparse, symmetric joint probabilities `P` over the k nearest
//! neighbours of each point, each row calibrated to a target perplexity.

use super::distance::Neighbours;

/// Bisection steps allowed per point when calibrating its Gaussian's precision.
const MAX_BISECTIONS: usize = 200;
/// Accepted distance of a row's entropy (nats) from log(perplexity).
const ENTROPY_TOLERANCE: f64 = 1e-5;

/// A sparse symmetric `n × n` matrix of joint probabilities (summing to 1), in compressed
/// rows: row `i`'s entries are `columns[starts[i]..starts[i + 1]]` with `values` alike.
pub(super) struct Affinities {
    pub starts: Vec<usize>,
    pub columns: Vec<u32>,
    pub values: Vec<f64>,
}

/// The perplexity actually used for `n` points: `perplexity`, at most `(n − 1) / 3` so that
/// the `3 · perplexity` neighbours exist.
pub(super) fn effective_perplexity(perplexity: f32, n: usize) -> f64 {
    (perplexity as f64).min(n.saturating_sub(1) as f64 / 3.0)
}

/// The joint affinities of `points` (`n × dim`, row-major): for each point, the conditional
/// probabilities `p(j|i) ∝ exp(−β_i ‖x_i − x_j‖²)` over its `k = max(1, ⌊3·perplexity⌋)`
/// nearest neighbours (an exact search, O(n² · dim) at worst), with `β_i` bisected so that the row's
/// perplexity is [`effective_perplexity`]; then `P = (P_cond + P_condᵀ) / sum`.
pub(super) fn affinities(points: &[f32], dim: usize, perplexity: f32) -> Affinities {
    let n = points.len() / dim;
    let perplexity = effective_perplexity(perplexity, n);
    let k = ((3.0 * perplexity).floor() as usize).clamp(1, n.saturating_sub(1).max(1));
    let mut search = Neighbours::new(points, dim);
    let mut triplets: Vec<(u32, u32, f64)> = Vec::with_capacity(2 * n * k);
    let (mut distances, mut row) = (Vec::with_capacity(k), Vec::with_capacity(k));
    search.each_nearest(points, k, Some, |i, neighbours| {
        distances.clear();
        distances.extend(neighbours.iter().map(|nb| nb.squared_distance as f64));
        row.resize(distances.len(), 0.0);
        calibrated_row(&distances, perplexity, &mut row);
        for (nb, &p) in neighbours.iter().zip(&row) {
            triplets.push((i as u32, nb.index as u32, p));
            triplets.push((nb.index as u32, i as u32, p));
        }
    });
    triplets.sort_unstable_by_key(|t| (t.0, t.1));

    let total: f64 = triplets.iter().map(|t| t.2).sum();
    let scale = if total > 0.0 { 1.0 / total } else { 0.0 };
    let mut starts = vec![0usize; n + 1];
    let (mut columns, mut values) = (Vec::new(), Vec::new());
    for (idx, &(r, c, p)) in triplets.iter().enumerate() {
        if idx > 0 && triplets[idx - 1].0 == r && triplets[idx - 1].1 == c {
            *values.last_mut().unwrap() += p * scale;
        } else {
            starts[r as usize + 1] += 1;
            columns.push(c);
            values.push(p * scale);
        }
    }
    for i in 0..n {
        starts[i + 1] += starts[i];
    }
    Affinities { starts, columns, values }
}

/// Writes into `out` the conditional probabilities `∝ exp(−β d_j)` over the squared
/// distances `d` (nearest first) whose entropy is `ln(perplexity)`, bisecting on `β`.
/// Distances are shifted by the smallest so that the nearest weight is 1 (no underflow); a
/// non-finite distance gets probability 0, and a row of only those is uniform.
fn calibrated_row(d: &[f64], perplexity: f64, out: &mut [f64]) {
    let nearest = d.iter().copied().filter(|x| x.is_finite()).fold(f64::INFINITY, f64::min);
    if !nearest.is_finite() {
        out.fill(1.0 / out.len() as f64);
        return;
    }
    let target = perplexity.ln();
    let (mut beta, mut low, mut high) = (1.0f64, 0.0f64, f64::INFINITY);
    let mut sum = 1.0;
    for _ in 0..MAX_BISECTIONS {
        let mut weighted = 0.0;
        sum = 0.0;
        for (o, &x) in out.iter_mut().zip(d) {
            let shifted = x - nearest;
            *o = if x.is_finite() { (-beta * shifted).exp() } else { 0.0 };
            sum += *o;
            weighted += if *o > 0.0 { *o * shifted } else { 0.0 };
        }
        let entropy = sum.ln() + beta * weighted / sum;
        if (entropy - target).abs() < ENTROPY_TOLERANCE {
            break;
        }
        if entropy > target {
            low = beta;
            beta = if high.is_finite() { 0.5 * (beta + high) } else { 2.0 * beta };
        } else {
            high = beta;
            beta = 0.5 * (beta + low);
        }
    }
    out.iter_mut().for_each(|o| *o /= sum);
}
