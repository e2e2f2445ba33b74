//! Parzen estimators, the densities TPE compares: a mixture of truncated Gaussians for a
//! numeric dimension, smoothed frequencies for a choice.
//!
//! Numeric kernels follow Optuna's independent TPE (`consider_prior`, `consider_magic_clip`,
//! no `consider_endpoints`): one kernel per observation, centred on it, whose width is the
//! larger distance to its sorted neighbours (the interval's ends count as neighbours; the
//! outermost observations use their inner neighbour only), clipped to
//! `[range / min(100, 1 + kernels), range]`; plus a prior kernel centred on the interval with
//! width `range`. Every kernel is truncated to the interval.

use rand::{Rng, RngExt};

use super::normal;

/// Optuna's observation weights, oldest first: 1 each below 25 observations, otherwise a ramp
/// from `1/n` up to 1 over all but the newest 25, which weigh 1.
pub(super) fn observation_weights(n: usize) -> Vec<f64> {
    if n < 25 {
        return vec![1.0; n];
    }
    let ramp = n - 25;
    let step = |i: usize| if ramp > 1 { i as f64 / (ramp - 1) as f64 } else { 0.0 };
    let first = 1.0 / n as f64;
    let mut weights: Vec<f64> = (0..ramp).map(|i| first + (1.0 - first) * step(i)).collect();
    weights.extend(std::iter::repeat_n(1.0, 25));
    weights
}

/// A mixture of Gaussians truncated to `[lo, hi]` (`lo < hi`).
pub(super) struct Parzen {
    lo: f64,
    hi: f64,
    mus: Vec<f64>,
    sigmas: Vec<f64>,
    /// Kernel weights, summing to 1.
    weights: Vec<f64>,
    /// `ln` of each kernel's mass inside `[lo, hi]`.
    log_masses: Vec<f64>,
}

impl Parzen {
    /// The estimator of `observations` (oldest first, inside `[lo, hi]`) with a prior kernel
    /// of weight `prior_weight`.
    pub fn new(observations: &[f64], lo: f64, hi: f64, prior_weight: f64) -> Parzen {
        let range = hi - lo;
        let n = observations.len();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| observations[a].total_cmp(&observations[b]));
        let sorted: Vec<f64> = order.iter().map(|&i| observations[i]).collect();
        let mut sigmas = vec![0.0; n];
        for (rank, &i) in order.iter().enumerate() {
            let below = if rank == 0 { lo } else { sorted[rank - 1] };
            let above = if rank + 1 == n { hi } else { sorted[rank + 1] };
            let (left, right) = (sorted[rank] - below, above - sorted[rank]);
            sigmas[i] = match (rank == 0, rank + 1 == n) {
                (true, false) => right,
                (false, true) => left,
                _ => left.max(right),
            };
        }
        let min_sigma = range / (1.0 + (n + 1) as f64).min(100.0);
        let mut sigmas: Vec<f64> = sigmas.into_iter().map(|s| s.clamp(min_sigma, range)).collect();
        let mut mus: Vec<f64> = observations.to_vec();
        let mut weights = observation_weights(n);
        mus.push(0.5 * (lo + hi));
        sigmas.push(range);
        weights.push(prior_weight);
        let total: f64 = weights.iter().sum();
        weights.iter_mut().for_each(|w| *w /= total);
        let log_masses = mus
            .iter()
            .zip(&sigmas)
            .map(|(&mu, &s)| {
                (normal::cdf((hi - mu) / s) - normal::cdf((lo - mu) / s)).max(1e-300).ln()
            })
            .collect();
        Parzen { lo, hi, mus, sigmas, weights, log_masses }
    }

    /// One draw: a kernel by weight, then a Gaussian draw from it until one lands inside.
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        let k = pick(&self.weights, rng.random::<f64>());
        let (mu, sigma) = (self.mus[k], self.sigmas[k]);
        // Each kernel keeps at least Φ(1) − Φ(0) ≈ 34% of its mass inside, so this loop
        // practically never runs out.
        for _ in 0..200 {
            let x = mu + sigma * normal::standard_normal(rng);
            if (self.lo..=self.hi).contains(&x) {
                return x;
            }
        }
        mu.clamp(self.lo, self.hi)
    }

    /// The log density at `x` (in `[lo, hi]`).
    pub fn log_pdf(&self, x: f64) -> f64 {
        let terms = self.mus.iter().zip(&self.sigmas).zip(&self.weights).zip(&self.log_masses);
        let logs: Vec<f64> = terms
            .map(|(((&mu, &s), &w), &mass)| w.ln() - mass - s.ln() + normal::log_pdf((x - mu) / s))
            .collect();
        log_sum_exp(&logs)
    }
}

/// Smoothed frequencies over `n` options: each observation adds its weight to its option,
/// and `prior_weight` is spread evenly over all options.
pub(super) struct Categorical {
    probabilities: Vec<f64>,
}

impl Categorical {
    /// The estimator of `observations` (oldest first, each below `n`).
    pub fn new(observations: &[usize], n: usize, prior_weight: f64) -> Categorical {
        let mut counts = vec![prior_weight / n as f64; n];
        for (&o, w) in observations.iter().zip(observation_weights(observations.len())) {
            counts[o.min(n - 1)] += w;
        }
        let total: f64 = counts.iter().sum();
        Categorical { probabilities: counts.into_iter().map(|c| c / total).collect() }
    }

    /// One draw.
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> usize {
        pick(&self.probabilities, rng.random::<f64>())
    }

    /// The log probability of option `i`.
    pub fn log_pmf(&self, i: usize) -> f64 {
        self.probabilities[i].ln()
    }
}

/// The index where the running sum of `weights` (summing to 1) passes `u` in `[0, 1)`.
fn pick(weights: &[f64], u: f64) -> usize {
    let mut sum = 0.0;
    for (i, w) in weights.iter().enumerate() {
        sum += w;
        if u < sum {
            return i;
        }
    }
    weights.len() - 1
}

/// `ln Σ exp(x)`, computed stably.
fn log_sum_exp(xs: &[f64]) -> f64 {
    let max = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        return max;
    }
    max + xs.iter().map(|x| (x - max).exp()).sum::<f64>().ln()
}
