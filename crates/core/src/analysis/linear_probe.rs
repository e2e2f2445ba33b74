//! A linear probe: softmax regression trained on frozen features, the standard measure of
//! how linearly decodable the labels are from a representation.

use rand::{RngExt, SeedableRng, rngs::StdRng};

use super::adam::Adam;
use super::standardise::Standardiser;

/// Training settings for [`LinearProbe::train`].
#[derive(Clone, Debug, PartialEq)]
pub struct ProbeConfig {
    /// Passes over the training set.
    pub epochs: usize,
    /// Rows per minibatch (the last one of an epoch may be smaller). Must be positive.
    pub batch: usize,
    /// Adam's learning rate.
    pub lr: f32,
    /// L2 penalty `weight_decay / 2 · ‖W‖²` added to the mean cross-entropy (not on biases).
    pub weight_decay: f32,
    /// Seeds the shuffling of the minibatches.
    pub seed: u64,
}

impl Default for ProbeConfig {
    /// 20 epochs of batches of 64, lr 1e-2, no weight decay, seed 0.
    fn default() -> Self {
        ProbeConfig { epochs: 20, batch: 64, lr: 1e-2, weight_decay: 0.0, seed: 0 }
    }
}

/// A trained softmax-regression classifier over standardised `dim`-feature rows.
#[derive(Clone, Debug)]
pub struct LinearProbe {
    dim: usize,
    classes: usize,
    standardiser: Standardiser,
    /// `classes × dim` weights (row-major) followed by `classes` biases.
    params: Vec<f32>,
}

impl LinearProbe {
    /// Trains on `features` (`n × dim`, row-major) with labels `labels` (`n`, each
    /// `< classes`): standardises each feature by the training mean and std (a constant
    /// feature maps to 0), then minimises the mean cross-entropy with Adam on seeded,
    /// reshuffled minibatches. Cost O(epochs · n · classes · dim).
    ///
    /// Panics if `dim`, `classes` or `config.batch` is 0, the lengths disagree, or a label is
    /// `≥ classes`.
    pub fn train(features: &[f32], labels: &[u8], dim: usize, classes: usize, config: &ProbeConfig) -> LinearProbe {
        assert!(dim > 0 && classes > 0, "LinearProbe::train: dim and classes must be positive");
        assert!(config.batch > 0, "LinearProbe::train: batch must be positive");
        assert_eq!(features.len(), labels.len() * dim, "LinearProbe::train: features and labels differ");
        assert!(labels.iter().all(|&l| (l as usize) < classes), "LinearProbe::train: label ≥ classes");

        let standardiser = Standardiser::fit(features, dim);
        let mut x = vec![0.0f32; features.len()];
        for (row, out) in features.chunks_exact(dim).zip(x.chunks_exact_mut(dim)) {
            standardiser.apply(row, out);
        }
        let mut probe = LinearProbe { dim, classes, standardiser, params: vec![0.0; classes * (dim + 1)] };

        let mut adam = Adam::new(probe.params.len());
        let mut grads = vec![0.0f32; probe.params.len()];
        let mut scores = vec![0.0f32; classes];
        let mut order: Vec<usize> = (0..labels.len()).collect();
        let mut rng = StdRng::seed_from_u64(config.seed);
        for _ in 0..config.epochs {
            for i in (1..order.len()).rev() {
                order.swap(i, rng.random_range(0..=i));
            }
            for batch in order.chunks(config.batch) {
                grads.fill(0.0);
                let share = 1.0 / batch.len() as f32;
                for &i in batch {
                    let row = &x[i * dim..(i + 1) * dim];
                    probe.softmax_of_standardised(row, &mut scores);
                    // ∂ cross-entropy / ∂ logits = p − onehot(label).
                    scores[labels[i] as usize] -= 1.0;
                    let (grad_w, grad_b) = grads.split_at_mut(classes * dim);
                    for (c, &s) in scores.iter().enumerate() {
                        let g = s * share;
                        grad_b[c] += g;
                        for (gw, &xj) in grad_w[c * dim..(c + 1) * dim].iter_mut().zip(row) {
                            *gw += g * xj;
                        }
                    }
                }
                if config.weight_decay != 0.0 {
                    for (g, &w) in grads.iter_mut().zip(&probe.params).take(classes * dim) {
                        *g += config.weight_decay * w;
                    }
                }
                adam.step(&mut probe.params, &grads, config.lr);
            }
        }
        probe
    }

    /// The class probabilities (`classes`, summing to 1) of one `feature` row (`dim`).
    /// Panics if `feature.len() != dim`.
    pub fn probabilities(&self, feature: &[f32]) -> Vec<f32> {
        assert_eq!(feature.len(), self.dim, "LinearProbe: feature length is not dim");
        let mut row = vec![0.0f32; self.dim];
        self.standardiser.apply(feature, &mut row);
        let mut p = vec![0.0f32; self.classes];
        self.softmax_of_standardised(&row, &mut p);
        p
    }

    /// The most probable class (`0..classes`) of one `feature` row (`dim`); the lowest index
    /// on a tie. Panics if `feature.len() != dim`.
    pub fn predict(&self, feature: &[f32]) -> usize {
        let p = self.probabilities(feature);
        (0..self.classes).fold(0, |best, c| if p[c] > p[best] { c } else { best })
    }

    /// The fraction (0..=1) of `features` (`n × dim`) whose prediction equals its label
    /// (`n`); NaN when `n == 0`. Panics if the lengths disagree.
    pub fn accuracy(&self, features: &[f32], labels: &[u8]) -> f32 {
        assert_eq!(features.len(), labels.len() * self.dim, "LinearProbe::accuracy: lengths differ");
        let rows = features.chunks_exact(self.dim).zip(labels);
        let correct = rows.filter(|&(row, &label)| self.predict(row) == label as usize).count();
        correct as f32 / labels.len() as f32
    }

    /// Writes softmax(W·row + b) (`classes`) for an already standardised `row` into `out`.
    fn softmax_of_standardised(&self, row: &[f32], out: &mut [f32]) {
        let (weights, bias) = self.params.split_at(self.classes * self.dim);
        for ((o, w), &b) in out.iter_mut().zip(weights.chunks_exact(self.dim)).zip(bias) {
            *o = b + dot(w, row);
        }
        let max = out.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let mut total = 0.0f32;
        for o in out.iter_mut() {
            *o = (*o - max).exp();
            total += *o;
        }
        out.iter_mut().for_each(|o| *o /= total);
    }
}

/// The dot product of two equal-length vectors, eight f32 accumulators (vectorisable).
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0.0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = ca.remainder().iter().zip(cb.remainder()).map(|(x, y)| x * y).sum();
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            acc[k] += x[k] * y[k];
        }
    }
    ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7])) + tail
}
