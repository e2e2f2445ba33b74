//! The Adam optimiser (Kingma & Ba 2015) over one flat f32 parameter vector.

/// Adam's moment estimates for a parameter vector of fixed length.
pub(super) struct Adam {
    first: Vec<f32>,
    second: Vec<f32>,
    steps: i32,
}

const BETA1: f32 = 0.9;
const BETA2: f32 = 0.999;
const EPSILON: f32 = 1e-8;

impl Adam {
    /// Zero moments for `len` parameters.
    pub fn new(len: usize) -> Self {
        Adam { first: vec![0.0; len], second: vec![0.0; len], steps: 0 }
    }

    /// One bias-corrected Adam update of `params` with gradient `grads` (same length) and
    /// learning rate `lr`.
    pub fn step(&mut self, params: &mut [f32], grads: &[f32], lr: f32) {
        self.steps = self.steps.saturating_add(1);
        let scale1 = 1.0 / (1.0 - BETA1.powi(self.steps));
        let scale2 = 1.0 / (1.0 - BETA2.powi(self.steps));
        let moments = self.first.iter_mut().zip(self.second.iter_mut());
        for ((p, &g), (m, v)) in params.iter_mut().zip(grads).zip(moments) {
            *m = BETA1 * *m + (1.0 - BETA1) * g;
            *v = BETA2 * *v + (1.0 - BETA2) * g * g;
            *p -= lr * (*m * scale1) / ((*v * scale2).sqrt() + EPSILON);
        }
    }
}
