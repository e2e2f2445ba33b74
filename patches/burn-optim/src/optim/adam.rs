use burn_core as burn;

use crate::RecordState;

use burn::config::Config;
use burn::tensor::Device;
use burn::tensor::Tensor;

use super::{
    Optimizer,
    decay::{WeightDecay, WeightDecayConfig},
    module_optimizer::ModuleOptimizer,
};
use crate::{LearningRate, grad_clipping::GradientClippingConfig};

#[cfg(not(feature = "std"))]
#[allow(unused_imports)]
use num_traits::Float as _;

/// Adam configuration.
#[derive(Config, Debug)]
pub struct AdamConfig {
    /// Parameter for Adam.
    #[config(default = 0.9)]
    beta_1: f32,
    /// Parameter for Adam.
    #[config(default = 0.999)]
    beta_2: f32,
    /// A value required for numerical stability.
    #[config(default = 1e-5)]
    epsilon: f32,
    /// Whether to use AMSGrad algorithm
    #[config(default = false)]
    amsgrad: bool,
    /// [Weight decay](WeightDecayConfig) config.
    weight_decay: Option<WeightDecayConfig>,
    /// [Gradient Clipping](GradientClippingConfig) config.
    grad_clipping: Option<GradientClippingConfig>,
}

/// Adam optimizer.
///
/// See:
/// - [Adam: A Method for Stochastic Optimization](https://arxiv.org/pdf/1412.6980.pdf).
/// - [On the Convergence of Adam and Beyond](https://openreview.net/forum?id=ryQu7f-RZ)
#[derive(Clone)]
pub struct Adam {
    momentum: AdaptiveMomentum,
    weight_decay: Option<WeightDecay>,
}

/// Adam state.
#[derive(RecordState, Clone, new)]
pub struct AdamState<const D: usize> {
    /// The current adaptive momentum.
    pub momentum: AdaptiveMomentumState<D>,
}

impl Optimizer for Adam {
    type State<const D: usize> = AdamState<D>;

    fn step<const D: usize>(
        &self,
        lr: LearningRate,
        tensor: Tensor<D>,
        grad: Tensor<D>,
        state: Option<Self::State<D>>,
    ) -> (Tensor<D>, Option<Self::State<D>>) {
        // One pass over each parameter on the CPU backend instead of ~13 (replab patch).
        #[cfg(feature = "fused-flex")]
        let (tensor, grad, state) = match fused::step(self, lr, tensor, grad, state) {
            Ok(done) => return done,
            Err(unchanged) => unchanged,
        };
        let mut grad = grad;

        let mut state_momentum = None;

        if let Some(state) = state {
            state_momentum = Some(state.momentum);
        }

        if let Some(weight_decay) = &self.weight_decay {
            grad = weight_decay.transform(grad, tensor.clone());
        }

        let (grad, state_momentum) = self.momentum.transform(grad, state_momentum);

        let state = AdamState::new(state_momentum);
        let delta = grad.mul_scalar(lr);

        (tensor - delta, Some(state))
    }

    fn to_device<const D: usize>(mut state: Self::State<D>, device: &Device) -> Self::State<D> {
        state.momentum = state.momentum.to_device(device);
        state
    }
}

/// Adam's update as one loop over each parameter's elements on the flex (CPU) backend (replab
/// patch): the unfused update above makes about 13 passes over every parameter, each allocating
/// or copying, which on the CPU costs more than some of the model's matmuls. The same f32
/// operations in the same order, so the result is bit for bit the unfused one's (tested by the
/// lab: `tests/flex_patch.rs`). Taken when the parameter, its gradient and both moments are f32
/// flex tensors laid out contiguously from offset 0, after the first step (which creates the
/// moments), without weight decay or AMSGrad; anything else takes the unfused path. With the
/// feature `rayon` a large parameter's elements are updated in chunks over rayon's pool (each
/// element's update reads only that element, so the bits are the same).
#[cfg(feature = "fused-flex")]
mod fused {
    use super::{Adam, AdamState, AdaptiveMomentumState, LearningRate, Tensor};
    use burn_core::backend::flex::FlexTensor;
    use burn_core::backend::{
        BackendTensor, DispatchAutodiffContext, DispatchTensor, DispatchTensorKind,
    };
    use burn_core::tensor::{Bytes, DType};

    type Unchanged<const D: usize> = (Tensor<D>, Tensor<D>, Option<AdamState<D>>);
    type Stepped<const D: usize> = (Tensor<D>, Option<AdamState<D>>);

    /// From this many elements a parameter's update is split over rayon's pool (feature `rayon`,
    /// replab patch), in chunks of [`CHUNK_ELEMENTS`]: below it the update takes less than
    /// waking another thread costs (microseconds natively, more in a browser's worker pool).
    #[cfg(feature = "rayon")]
    const SPLIT_ELEMENTS: usize = 64 * 1024;
    /// 32 Ki elements: 128 KiB of each of the four arrays, in a core's L2 cache together.
    #[cfg(feature = "rayon")]
    const CHUNK_ELEMENTS: usize = 32 * 1024;

    /// The number of elements of an f32 flex tensor laid out contiguously from offset 0.
    fn flex_f32_len(tensor: &DispatchTensor) -> Option<usize> {
        match &tensor.kind {
            DispatchTensorKind::Flex(BackendTensor::Float(t)) if t.dtype() == DType::F32 => {
                match t.layout().contiguous_offsets() {
                    Some((0, end)) => Some(end),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    fn into_flex(tensor: DispatchTensor) -> (FlexTensor, DispatchAutodiffContext) {
        match tensor.kind {
            DispatchTensorKind::Flex(BackendTensor::Float(t)) => (t, tensor.autodiff),
            _ => unreachable!("checked by flex_f32_len"),
        }
    }

    fn from_flex<const D: usize>(t: FlexTensor, autodiff: DispatchAutodiffContext) -> Tensor<D> {
        Tensor::from_dispatch(DispatchTensor {
            kind: DispatchTensorKind::Flex(BackendTensor::Float(t)),
            autodiff,
        })
    }

    /// `t` to write into: itself when it is the only reference to its storage, else a copy.
    fn writable(t: FlexTensor) -> FlexTensor {
        if t.is_unique() {
            return t;
        }
        let data = t.storage::<f32>().to_vec();
        FlexTensor::new(Bytes::from_elems(data), t.layout().clone(), DType::F32)
    }

    pub(super) fn step<const D: usize>(
        adam: &Adam,
        lr: LearningRate,
        tensor: Tensor<D>,
        grad: Tensor<D>,
        state: Option<AdamState<D>>,
    ) -> Result<Stepped<D>, Unchanged<D>> {
        let momentum = &adam.momentum;
        let plain = adam.weight_decay.is_none() && !momentum.amsgrad;
        let state = match state {
            Some(state) if plain && state.momentum.max_moment_2.is_none() => state,
            state => return Err((tensor, grad, state)),
        };
        let AdaptiveMomentumState { time, moment_1, moment_2, .. } = state.momentum;
        let [p, g, m, v] = [tensor, grad, moment_1, moment_2].map(Tensor::into_dispatch);
        let n = match flex_f32_len(&p) {
            Some(n) if [&g, &m, &v].iter().all(|t| flex_f32_len(t) == Some(n)) => n,
            _ => {
                let moments = AdaptiveMomentumState::new(
                    time,
                    Tensor::from_dispatch(m),
                    Tensor::from_dispatch(v),
                );
                let state = Some(AdamState::new(moments));
                return Err((Tensor::from_dispatch(p), Tensor::from_dispatch(g), state));
            }
        };
        let ((p, p_autodiff), (g, _)) = (into_flex(p), into_flex(g));
        let ((m, m_autodiff), (v, v_autodiff)) = (into_flex(m), into_flex(v));
        let (mut p, mut m, mut v) = (writable(p), writable(m), writable(v));

        // The constants as `AdaptiveMomentum::transform` and `Adam::step` compute them.
        let time = time + 1;
        let (b1, b2) = (momentum.beta_1, momentum.beta_2);
        let (f1, f2) = (1.0 - b1, 1.0 - b2);
        let (bias_correction2_sqrt, combined_factor) = momentum.bias_corrections(time);
        let epsilon = momentum.epsilon * bias_correction2_sqrt;
        let lr = lr as f32;
        let update = |p: &mut [f32], g: &[f32], m: &mut [f32], v: &mut [f32]| {
            for (((p, &g), m), v) in p.iter_mut().zip(g).zip(m.iter_mut()).zip(v.iter_mut()) {
                let m1 = *m * b1 + g * f1;
                let v1 = *v * b2 + g * g * f2;
                let update = m1 * combined_factor / (v1.sqrt() + epsilon);
                *p -= update * lr;
                *m = m1;
                *v = v1;
            }
        };
        {
            let g = &g.storage::<f32>()[..n];
            let p = &mut p.storage_mut::<f32>()[..n];
            let m = &mut m.storage_mut::<f32>()[..n];
            let v = &mut v.storage_mut::<f32>()[..n];
            // Each element's update depends on that element only: split or not, the same bits.
            #[cfg(feature = "rayon")]
            if n >= SPLIT_ELEMENTS && rayon::current_num_threads() > 1 {
                use rayon::prelude::*;
                let c = CHUNK_ELEMENTS;
                let chunks = p.par_chunks_mut(c).zip(g.par_chunks(c));
                let chunks = chunks.zip(m.par_chunks_mut(c)).zip(v.par_chunks_mut(c));
                chunks.for_each(|(((p, g), m), v)| update(p, g, m, v));
            } else {
                update(p, g, m, v);
            }
            #[cfg(not(feature = "rayon"))]
            update(p, g, m, v);
        }
        let moments = AdaptiveMomentumState::new(
            time,
            from_flex(m, m_autodiff),
            from_flex(v, v_autodiff),
        );
        Ok((from_flex(p, p_autodiff), Some(AdamState::new(moments))))
    }
}

impl AdamConfig {
    /// Build an [`Adam`] from the config.
    ///
    /// The bare optimizer, which
    /// [`ModuleOptimizer::with_group`](crate::ModuleOptimizer::with_group) takes to
    /// optimize one parameter group. [`init`](Self::init) is the whole-module
    /// counterpart, and the only one that applies the configured gradient clipping.
    pub fn build(&self) -> Adam {
        Adam {
            momentum: AdaptiveMomentum {
                beta_1: self.beta_1,
                beta_2: self.beta_2,
                epsilon: self.epsilon,
                amsgrad: self.amsgrad,
            },
            weight_decay: self.weight_decay.as_ref().map(WeightDecay::new),
        }
    }

    /// Initialize Adam optimizer.
    ///
    /// # Returns
    ///
    /// Returns an optimizer that can be used to optimize a module.
    pub fn init(&self) -> ModuleOptimizer {
        let mut optim = ModuleOptimizer::from(self.build());
        if let Some(config) = &self.grad_clipping {
            optim = optim.with_grad_clipping(config.init());
        }
        optim
    }
}

/// Adaptive momentum state.
#[derive(RecordState, new, Clone)]
pub struct AdaptiveMomentumState<const D: usize> {
    /// The number of iterations aggregated.
    pub time: usize,
    /// The first order momentum.
    pub moment_1: Tensor<D>,
    /// The second order momentum.
    pub moment_2: Tensor<D>,
    /// Max of second  order momentum (for AMSGrad)
    #[new(default)]
    pub max_moment_2: Option<Tensor<D>>,
}

#[derive(Clone)]
struct AdaptiveMomentum {
    beta_1: f32,
    beta_2: f32,
    epsilon: f32,
    amsgrad: bool,
}

impl AdaptiveMomentum {
    /// `(√(1 − β₂ᵗ), √(1 − β₂ᵗ) / (1 − β₁ᵗ))` at step `time`: the update is
    /// `m · combined / (√v + ε · bias_correction2_sqrt)`. One function for the unfused update and
    /// the fused one, so that both use the same f32 constants (replab patch).
    fn bias_corrections(&self, time: usize) -> (f32, f32) {
        let time = time as i32;
        let bias_correction2_sqrt = (1.0 - self.beta_2.powi(time)).sqrt();
        let combined_factor = bias_correction2_sqrt / (1.0 - self.beta_1.powi(time));
        (bias_correction2_sqrt, combined_factor)
    }

    pub fn transform<const D: usize>(
        &self,
        grad: Tensor<D>,
        momentum_state: Option<AdaptiveMomentumState<D>>,
    ) -> (Tensor<D>, AdaptiveMomentumState<D>) {
        let state = if let Some(mut state) = momentum_state {
            let factor = 1.0 - self.beta_1;
            state.moment_1 = state
                .moment_1
                .mul_scalar(self.beta_1)
                .add(grad.clone().mul_scalar(factor));

            let factor = 1.0 - self.beta_2;
            state.moment_2 = state
                .moment_2
                .mul_scalar(self.beta_2)
                .add(grad.square().mul_scalar(factor));
            if self.amsgrad {
                let max_v = state
                    .max_moment_2
                    .take()
                    .unwrap_or_else(|| state.moment_2.clone());

                let new_max = max_v.max_pair(state.moment_2.clone());
                state.max_moment_2 = Some(new_max);
            }

            state.time += 1;

            state
        } else {
            let factor = 1.0 - self.beta_1;
            let moment_1 = grad.clone().mul_scalar(factor);

            let factor = 1.0 - self.beta_2;
            let moment_2 = grad.square().mul_scalar(factor);
            let max_moment_2 = self.amsgrad.then(|| moment_2.clone());
            AdaptiveMomentumState {
                time: 1,
                moment_1,
                moment_2,
                max_moment_2,
            }
        };

        let (bias_correction2_sqrt, combined_factor) = self.bias_corrections(state.time);

        let v_to_use = if self.amsgrad {
            state.max_moment_2.as_ref().unwrap_or(&state.moment_2)
        } else {
            &state.moment_2
        };

        let grad = state.moment_1.clone().mul_scalar(combined_factor).div(
            v_to_use
                .clone()
                .sqrt()
                .add_scalar(self.epsilon * bias_correction2_sqrt),
        );
        (grad, state)
    }
}

impl<const D: usize> AdaptiveMomentumState<D> {
    /// Move state to device.
    ///
    /// # Arguments
    ///
    /// * `device` - Device to move state to.
    ///
    /// # Returns
    ///
    /// Returns state moved to device.
    pub fn to_device(mut self, device: &Device) -> Self {
        self.moment_1 = self.moment_1.to_device(device);
        self.moment_2 = self.moment_2.to_device(device);
        self.max_moment_2 = self.max_moment_2.map(|tensor| tensor.to_device(device));
        self
    }
}

#[cfg(test)]
mod tests {
    use crate::optim::test_utils::assert_optimizer_resume;
    use burn::tensor::Tolerance;

    use super::*;
    use crate::GradientsParams;
    use burn::module::Param;
    use burn::tensor::{Tensor, TensorData};
    use burn_nn::{Linear, LinearConfig};

    const LEARNING_RATE: LearningRate = 0.01;

    #[test]
    fn test_adam_optimizer_save_load_state() {
        let device = Device::default().autodiff();
        let linear = LinearConfig::new(6, 6).init(&device);
        assert_optimizer_resume(|| AdamConfig::new().init(), linear, LEARNING_RATE);
    }

    /// A burnpack round-trip must restore the full state — the moment tensors, amsgrad's optional
    /// `max_moment_2`, and the `time` step counter — so that a subsequent step produces identical
    /// parameters whether taken on the original or the reloaded optimizer.
    #[test]
    fn test_adam_state_survives_burnpack_round_trip() {
        let device = Device::default().autodiff();
        let linear = LinearConfig::new(6, 6).init(&device);
        assert_optimizer_resume(
            || AdamConfig::new().with_amsgrad(true).init(),
            linear,
            LEARNING_RATE,
        );
    }

    #[test]
    fn test_adam_optimizer_with_amsgrad_50_steps() {
        let device = Device::default().autodiff();
        let mut linear = given_linear_layer(
            TensorData::from([
                [-0.3206, 0.1374, 0.4043, 0.3200, 0.0859, 0.0671],
                [0.0777, -0.0185, -0.3667, 0.2550, 0.1955, -0.2922],
                [-0.0190, 0.0346, -0.2962, 0.2484, -0.2780, 0.3130],
                [-0.2980, -0.2214, -0.3715, -0.2981, -0.0761, 0.1626],
                [0.3300, -0.2182, 0.3717, -0.1729, 0.3796, -0.0304],
                [-0.0159, -0.0120, 0.1258, 0.1921, 0.0293, 0.3833],
            ]),
            TensorData::from([-0.3905, 0.0884, -0.0970, 0.1176, 0.1366, 0.0130]),
            &device,
        );

        let mut optimizer = AdamConfig::new()
            .with_epsilon(1e-8)
            .with_beta_1(0.9)
            .with_beta_2(0.999)
            .with_amsgrad(true)
            .with_weight_decay(Some(WeightDecayConfig::new(0.5)))
            .init();

        for i in 1..=50 {
            let x = Tensor::<2>::ones([2, 6], &device)
                .mul_scalar(i as f32 * 0.1)
                .require_grad();

            let grads = linear.forward(x).backward();
            let grads = GradientsParams::from_grads(grads, &linear);
            linear = optimizer.step(LEARNING_RATE, linear, grads);
        }

        let state_updated = linear;
        let weight_updated = state_updated.weight.to_data();
        let bias_updated = state_updated.bias.unwrap().to_data();

        let weights_expected = TensorData::from([
            [
                -0.9125810265541077,
                -0.45855265855789185,
                -0.1915993094444275,
                -0.2759990692138672,
                -0.5099529027938843,
                -0.5287043452262878,
            ],
            [
                -0.5181325674057007,
                -0.6139854788780212,
                -0.9574727416038513,
                -0.34102925658226013,
                -0.400514155626297,
                -0.8847861886024475,
            ],
            [
                -0.614483118057251,
                -0.5611032247543335,
                -0.8887064456939697,
                -0.34762972593307495,
                -0.8708556890487671,
                -0.2830044627189636,
            ],
            [
                -0.8904699683189392,
                -0.8151527643203735,
                -0.9621278643608093,
                -0.8905676603317261,
                -0.671261191368103,
                -0.4333854615688324,
            ],
            [
                -0.26599061489105225,
                -0.8119961023330688,
                -0.22424538433551788,
                -0.7672406435012817,
                -0.2163349837064743,
                -0.6258266568183899,
            ],
            [
                -0.611397922039032,
                -0.6075160503387451,
                -0.4701341986656189,
                -0.4039117991924286,
                -0.5663845539093018,
                -0.21262989938259125,
            ],
        ]);
        let bias_expected = TensorData::from([
            -0.8817203044891357,
            -0.4038999378681183,
            -0.5889149308204651,
            -0.37475723028182983,
            -0.3557940721511841,
            -0.47914788126945496,
        ]);

        let tolerance = Tolerance::absolute(1e-5);
        weight_updated.assert_approx_eq::<f32>(&weights_expected, tolerance);
        bias_updated.assert_approx_eq::<f32>(&bias_expected, tolerance);
    }
    #[test]
    fn test_adam_optimizer_with_numbers() {
        let device = Device::default().autodiff();
        let linear = given_linear_layer(
            TensorData::from([
                [-0.3206, 0.1374, 0.4043, 0.3200, 0.0859, 0.0671],
                [0.0777, -0.0185, -0.3667, 0.2550, 0.1955, -0.2922],
                [-0.0190, 0.0346, -0.2962, 0.2484, -0.2780, 0.3130],
                [-0.2980, -0.2214, -0.3715, -0.2981, -0.0761, 0.1626],
                [0.3300, -0.2182, 0.3717, -0.1729, 0.3796, -0.0304],
                [-0.0159, -0.0120, 0.1258, 0.1921, 0.0293, 0.3833],
            ]),
            TensorData::from([-0.3905, 0.0884, -0.0970, 0.1176, 0.1366, 0.0130]),
            &device,
        );
        let x_1 = Tensor::<2>::from_floats(
            [
                [0.6294, 0.0940, 0.8176, 0.8824, 0.5228, 0.4310],
                [0.7152, 0.9559, 0.7893, 0.5684, 0.5939, 0.8883],
            ],
            &device,
        )
        .require_grad();
        let x_2 = Tensor::<2>::from_floats(
            [
                [0.8491, 0.2108, 0.8939, 0.4433, 0.5527, 0.2528],
                [0.3270, 0.0412, 0.5538, 0.9605, 0.3195, 0.9085],
            ],
            &device,
        )
        .require_grad();

        let mut optimizer = AdamConfig::new()
            .with_epsilon(1e-8)
            .with_beta_1(0.9)
            .with_beta_2(0.999)
            .with_weight_decay(Some(WeightDecayConfig::new(0.5)))
            .init();

        let grads = linear.forward(x_1).backward();
        let grads = GradientsParams::from_grads(grads, &linear);
        let linear = optimizer.step(LEARNING_RATE, linear, grads);

        let grads = linear.forward(x_2).backward();
        let grads = GradientsParams::from_grads(grads, &linear);
        let linear = optimizer.step(LEARNING_RATE, linear, grads);

        let state_updated = linear;
        let weights_expected = TensorData::from([
            [-0.340528, 0.118929, 0.384336, 0.300010, 0.066034, 0.047154],
            [
                0.057757, -0.036690, -0.386649, 0.235010, 0.175624, -0.312133,
            ],
            [
                -0.038940, 0.016306, -0.316151, 0.228410, -0.297819, 0.293047,
            ],
            [
                -0.317929, -0.239100, -0.391449, -0.318087, -0.095948, 0.142651,
            ],
            [
                0.310050, -0.235909, 0.351736, -0.192888, 0.359710, -0.050343,
            ],
            [-0.035840, -0.030203, 0.105840, 0.172110, 0.009440, 0.363346],
        ]);
        let bias_expected = TensorData::from([
            -0.410499, 0.068401, -0.116999, 0.097601, 0.116601, -0.006999,
        ]);

        let (weight_updated, bias_updated) = (
            state_updated.weight.to_data(),
            state_updated.bias.unwrap().to_data(),
        );

        let tolerance = Tolerance::absolute(1e-2);
        bias_updated.assert_approx_eq::<f32>(&bias_expected, tolerance);
        weight_updated.assert_approx_eq::<f32>(&weights_expected, tolerance);
    }

    #[test]
    fn test_adam_optimizer_no_nan() {
        let device = Device::default().autodiff();
        let linear = given_linear_layer(
            TensorData::from([
                [-0.3206, 0.1374, 0.4043, 0.3200, 0.0859, 0.0671],
                [0.0777, -0.0185, -0.3667, 0.2550, 0.1955, -0.2922],
                [-0.0190, 0.0346, -0.2962, 0.2484, -0.2780, 0.3130],
                [-0.2980, -0.2214, -0.3715, -0.2981, -0.0761, 0.1626],
                [0.3300, -0.2182, 0.3717, -0.1729, 0.3796, -0.0304],
                [-0.0159, -0.0120, 0.1258, 0.1921, 0.0293, 0.3833],
            ]),
            TensorData::from([-0.3905, 0.0884, -0.0970, 0.1176, 0.1366, 0.0130]),
            &device,
        );

        let x = Tensor::<2>::from_floats(
            [
                [0.8491, 0.2108, 0.8939, 0.4433, 0.5527, 0.2528],
                [0.3270, 0.0412, 0.5538, 0.9605, 0.3195, 0.9085],
            ],
            &device,
        )
        .require_grad();

        let mut optimizer = AdamConfig::new()
            .with_epsilon(1e-8)
            .with_beta_1(0.9)
            .with_beta_2(0.999)
            .with_weight_decay(Some(WeightDecayConfig::new(0.5)))
            .init();

        let grads = linear.forward(x.clone()).backward();
        let grads = GradientsParams::from_grads(grads, &linear);
        let linear = optimizer.step(LEARNING_RATE, linear, grads);

        let grads = linear.forward(x).backward();
        let grads = GradientsParams::from_grads(grads, &linear);
        let linear = optimizer.step(LEARNING_RATE, linear, grads);

        let state_updated = linear;
        assert!(!state_updated.weight.to_data().as_slice::<f32>().unwrap()[0].is_nan());
    }

    fn given_linear_layer(weight: TensorData, bias: TensorData, device: &Device) -> Linear {
        Linear {
            weight: Param::from_data(weight, device),
            bias: Some(Param::from_data(bias, device)),
        }
    }
}
