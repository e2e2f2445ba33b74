//! The patched burn-flex (`patches/burn-flex`, see patches/README.md): the sigmoid that ends
//! every autoencoder's decoder, rewritten so that it vectorizes, still matches the f64 sigmoid.

use burn::prelude::*;
use burn::tensor::activation::sigmoid;

fn ulp(a: f32, b: f32) -> u64 {
    (a.to_bits() as i64 - b.to_bits() as i64).unsigned_abs()
}

#[test]
fn flex_sigmoid_is_within_two_ulp_of_the_f64_one() {
    // [-100, 100] in steps of 1/1024, through the same op a decoder's forward pass calls.
    let xs: Vec<f32> = (-102_400..=102_400).map(|i| i as f32 / 1024.0).collect();
    let device = Device::flex();
    let ys = sigmoid(Tensor::<1>::from_data(TensorData::new(xs.clone(), [xs.len()]), &device));
    let ys = ys.into_data().try_to_vec::<f32>().expect("f32");
    let mut worst = (0, 0.0);
    for (&x, &y) in xs.iter().zip(&ys) {
        let want = (1.0 / (1.0 + (-(x as f64)).exp())) as f32;
        if want >= f32::MIN_POSITIVE {
            if ulp(y, want) > worst.0 {
                worst = (ulp(y, want), x);
            }
        } else {
            // Below e^-87.3 the patch returns 0 where f32 still has subnormals.
            assert!(y < 1e-37, "sigmoid({x}) = {y}");
        }
    }
    assert!(worst.0 <= 2, "{} ulp at x = {}", worst.0, worst.1);

    let edges = [f32::INFINITY, f32::NEG_INFINITY, 0.0, f32::NAN];
    let ys = sigmoid(Tensor::<1>::from_data(TensorData::new(edges.to_vec(), [4]), &device));
    let ys = ys.into_data().try_to_vec::<f32>().expect("f32");
    assert_eq!(ys[..3], [1.0, 0.0, 0.5]);
    assert!(ys[3].is_nan(), "NaN in, NaN out");
}

/// The patched burn-optim's one-pass Adam (taken on the flex device without weight decay, from
/// the second step) against its unfused update, which a weight decay of 0 selects (it adds
/// `0 · θ` to each gradient, an exact no-op): the parameters must agree bit for bit.
#[test]
fn fused_adam_matches_the_unfused_update_bit_for_bit() {
    adam_both_ways(32, 16);
}

/// The same with a weight of 512 × 256 (131,072 elements): natively the one-pass Adam splits it
/// over rayon's pool in chunks (from 65,536 elements), so the split update is checked too.
#[test]
fn fused_adam_split_over_threads_matches_the_unfused_update_bit_for_bit() {
    adam_both_ways(512, 256);
}

fn adam_both_ways(inputs: usize, outputs: usize) {
    use burn::nn::{Linear, LinearConfig};
    use burn::optim::decay::WeightDecayConfig;
    use burn::optim::{AdamConfig, GradientsParams};

    let device = Device::flex().autodiff();
    let model: Linear = LinearConfig::new(inputs, outputs).init(&device);
    let values = |t: Tensor<2>| t.into_data().try_to_vec::<f32>().expect("f32");
    let before = values(model.weight.val());
    let (mut fused, mut unfused) = (model.clone(), model);
    let mut fused_optim = AdamConfig::new().with_epsilon(1e-8).init();
    let mut unfused_optim = AdamConfig::new()
        .with_epsilon(1e-8)
        .with_weight_decay(Some(WeightDecayConfig::new(0.0)))
        .init();
    for step in 0..6 {
        let xs: Vec<f32> = (0..8 * inputs).map(|i| ((i * 37 + step * 11) % 23) as f32 / 23.0 - 0.4).collect();
        let x = Tensor::<2>::from_data(TensorData::new(xs, [8, inputs]), &device);
        let loss = |m: &Linear| m.forward(x.clone()).powi_scalar(2).mean();
        let grads = GradientsParams::from_grads(loss(&fused).backward(), &fused);
        fused = fused_optim.step(3e-2, fused, grads);
        let grads = GradientsParams::from_grads(loss(&unfused).backward(), &unfused);
        unfused = unfused_optim.step(3e-2, unfused, grads);
    }
    let (a, b) = (values(fused.weight.val()), values(unfused.weight.val()));
    assert!(a.iter().zip(&before).all(|(x, y)| x != y), "every weight moved");
    assert!(a.iter().zip(&b).all(|(x, y)| x.to_bits() == y.to_bits()), "weights differ");
    let bias = |m: &Linear| values(m.bias.as_ref().expect("a bias").val().unsqueeze::<2>());
    assert!(bias(&fused).iter().zip(&bias(&unfused)).all(|(x, y)| x.to_bits() == y.to_bits()), "biases differ");
}

/// Deterministic values in [-1, 1] (xorshift), the same on every run.
fn values(n: usize, seed: u32) -> Vec<f32> {
    let mut s = seed.wrapping_mul(2_654_435_761).wrapping_add(12_345);
    (0..n)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
            (s % 2001) as f32 / 1000.0 - 1.0
        })
        .collect()
}

/// One convolution for the gradient check: sizes, stride, padding `(begin, end)`, dilation,
/// groups.
struct ConvCase {
    batch: usize,
    in_channels: usize,
    side: [usize; 2],
    out_channels: usize,
    kernel: [usize; 2],
    stride: [usize; 2],
    padding: [(usize, usize); 2],
    dilation: [usize; 2],
    groups: usize,
}

impl ConvCase {
    fn out(&self, axis: usize) -> usize {
        let (begin, end) = self.padding[axis];
        (self.side[axis] + begin + end - self.dilation[axis] * (self.kernel[axis] - 1) - 1) / self.stride[axis] + 1
    }

    /// The input element that kernel position `k` reads for output position `out` of image
    /// `n`, input channel `c` (0 where it falls in the padding).
    fn input_at(&self, x: &[f32], n: usize, c: usize, out: [usize; 2], k: [usize; 2]) -> f64 {
        let at = |axis: usize| (out[axis] * self.stride[axis] + k[axis] * self.dilation[axis]) as isize - self.padding[axis].0 as isize;
        let (ih, iw) = (at(0), at(1));
        if ih < 0 || iw < 0 || ih as usize >= self.side[0] || iw as usize >= self.side[1] {
            return 0.0;
        }
        x[((n * self.in_channels + c) * self.side[0] + ih as usize) * self.side[1] + iw as usize] as f64
    }

    /// The weight and bias gradients of `Σ y · r` (so `dL/dy = r`) by their definitions, in f64.
    fn naive(&self, x: &[f32], r: &[f32]) -> (Vec<f64>, Vec<f64>) {
        let (oh_n, ow_n) = (self.out(0), self.out(1));
        let cpg = self.in_channels / self.groups;
        let opg = self.out_channels / self.groups;
        let [kh_n, kw_n] = self.kernel;
        let mut w = vec![0.0; self.out_channels * cpg * kh_n * kw_n];
        let mut b = vec![0.0; self.out_channels];
        for n in 0..self.batch {
            for o in 0..self.out_channels {
                for oh in 0..oh_n {
                    for ow in 0..ow_n {
                        let g = r[((n * self.out_channels + o) * oh_n + oh) * ow_n + ow] as f64;
                        b[o] += g;
                        for c in 0..cpg {
                            for kh in 0..kh_n {
                                for kw in 0..kw_n {
                                    let xv = self.input_at(x, n, o / opg * cpg + c, [oh, ow], [kh, kw]);
                                    w[((o * cpg + c) * kh_n + kh) * kw_n + kw] += xv * g;
                                }
                            }
                        }
                    }
                }
            }
        }
        (w, b)
    }

    /// The convolution's output by its definition (bias 0), in f64.
    fn naive_forward(&self, x: &[f32], w: &[f32]) -> Vec<f64> {
        let (oh_n, ow_n) = (self.out(0), self.out(1));
        let cpg = self.in_channels / self.groups;
        let opg = self.out_channels / self.groups;
        let [kh_n, kw_n] = self.kernel;
        let mut y = vec![0.0; self.batch * self.out_channels * oh_n * ow_n];
        for n in 0..self.batch {
            for o in 0..self.out_channels {
                for oh in 0..oh_n {
                    for ow in 0..ow_n {
                        let mut s = 0.0;
                        for c in 0..cpg {
                            for kh in 0..kh_n {
                                for kw in 0..kw_n {
                                    let xv = self.input_at(x, n, o / opg * cpg + c, [oh, ow], [kh, kw]);
                                    s += xv * w[((o * cpg + c) * kh_n + kh) * kw_n + kw] as f64;
                                }
                            }
                        }
                        y[((n * self.out_channels + o) * oh_n + oh) * ow_n + ow] = s;
                    }
                }
            }
        }
        y
    }

    /// The patched flex's output (its matrix products written straight into the output) and its
    /// weight and bias gradients (through burn's autodiff) against [`Self::naive_forward`] and
    /// [`Self::naive`].
    fn check(&self) {
        use burn::tensor::module::conv2d;
        use burn::tensor::ops::ConvOptions;
        let device = Device::flex().autodiff();
        let x_values = values(self.batch * self.in_channels * self.side[0] * self.side[1], 1);
        let w_len = self.out_channels * (self.in_channels / self.groups) * self.kernel[0] * self.kernel[1];
        let r_values = values(self.batch * self.out_channels * self.out(0) * self.out(1), 3);
        let x = Tensor::<4>::from_data(TensorData::new(x_values.clone(), [self.batch, self.in_channels, self.side[0], self.side[1]]), &device);
        let w_values = values(w_len, 2);
        let w = Tensor::<4>::from_data(
            TensorData::new(w_values.clone(), [self.out_channels, self.in_channels / self.groups, self.kernel[0], self.kernel[1]]),
            &device,
        )
        .require_grad();
        let bias = Tensor::<1>::zeros([self.out_channels], &device).require_grad();
        let r = Tensor::<4>::from_data(TensorData::new(r_values.clone(), [self.batch, self.out_channels, self.out(0), self.out(1)]), &device);
        let options = ConvOptions::new_with_padding(self.stride, self.padding, self.dilation, self.groups);
        let y = conv2d(x, w.clone(), Some(bias.clone()), options);
        let got_y = y.clone().into_data().try_to_vec::<f32>().unwrap();
        let want_y = self.naive_forward(&x_values, &w_values);
        assert_eq!(got_y.len(), want_y.len(), "output length");
        for (i, (a, b)) in got_y.iter().zip(&want_y).enumerate() {
            assert!((*a as f64 - b).abs() <= 1e-4 * (1.0 + b.abs()), "output element {i}: {a} vs {b}");
        }
        let grads = (y * r).sum().backward();
        let got_w = w.grad(&grads).expect("a weight gradient").into_data().try_to_vec::<f32>().unwrap();
        let got_b = bias.grad(&grads).expect("a bias gradient").into_data().try_to_vec::<f32>().unwrap();
        let (want_w, want_b) = self.naive(&x_values, &r_values);
        for (name, got, want) in [("weight", got_w, want_w), ("bias", got_b, want_b)] {
            assert_eq!(got.len(), want.len(), "{name} gradient's length");
            for (i, (a, b)) in got.iter().zip(&want).enumerate() {
                assert!((*a as f64 - b).abs() <= 1e-4 * (1.0 + b.abs()), "{name} gradient element {i}: {a} vs {b}");
            }
        }
    }
}

/// The patched flex's conv2d output and its weight and bias gradients (an im2col product,
/// instead of burn's forward convolution with the output gradient as its kernel) match their
/// definitions: the CNN's same-padded 3 × 3 layers, the conv autoencoders' stride-2 kernel-4
/// ones, dilation with a rectangular kernel, groups, padding wider than the kernel reaches,
/// asymmetric padding, a single image. The first case and the groups one take flex's im2col
/// forward path (more than 4 input or 16 output channels), the others its small-channel one.
#[test]
fn flex_conv2d_weight_and_bias_gradients_match_their_definitions() {
    let case = |batch, in_channels, side, out_channels, kernel, stride, padding, dilation, groups| ConvCase {
        batch,
        in_channels,
        side,
        out_channels,
        kernel,
        stride,
        padding,
        dilation,
        groups,
    };
    case(7, 3, [9, 8], 20, [3, 3], [1, 1], [(1, 1), (1, 1)], [1, 1], 1).check();
    case(3, 2, [10, 10], 5, [4, 4], [2, 2], [(1, 1), (1, 1)], [1, 1], 1).check();
    case(2, 3, [11, 9], 2, [3, 2], [1, 2], [(0, 0), (0, 0)], [2, 1], 1).check();
    case(3, 8, [7, 7], 6, [3, 3], [1, 1], [(1, 1), (1, 1)], [1, 1], 2).check();
    case(2, 1, [4, 5], 3, [3, 3], [1, 1], [(3, 3), (2, 2)], [1, 1], 1).check();
    case(2, 2, [6, 7], 3, [3, 3], [2, 1], [(0, 2), (1, 0)], [1, 1], 1).check();
    case(1, 2, [5, 5], 2, [3, 3], [1, 1], [(1, 1), (1, 1)], [1, 1], 1).check();
}

/// The patched flex's 2 × 2 max-pool (its whole-window path, without a branch per element)
/// gives the published path's values and indices: the first element of a window unless a later
/// one is greater or NaN, a NaN winning with the last NaN's index; the gradient goes to that
/// index.
#[test]
fn flex_max_pool_whole_windows_keeps_values_indices_and_gradient() {
    use burn::tensor::module::max_pool2d_with_indices;
    use burn::tensor::ops::MaxPoolOptions;
    let (batch, channels, h, w) = (2, 3, 6, 8);
    let mut x = values(batch * channels * h * w, 5);
    // Ties, a NaN, two NaNs in one window and a window of equal values.
    x[2] = 0.5;
    x[3] = 0.5;
    x[w + 2] = 0.1;
    x[w + 3] = 0.1;
    x[9] = f32::NAN;
    x[2 * w + 2] = f32::NAN;
    x[3 * w + 3] = f32::NAN;
    for i in [4, 5, w + 4, w + 5] {
        x[i] = -0.25;
    }
    let device = Device::flex().autodiff();
    let input = Tensor::<4>::from_data(TensorData::new(x.clone(), [batch, channels, h, w]), &device).require_grad();
    let (y, indices) = max_pool2d_with_indices(input.clone(), MaxPoolOptions::new([2, 2]).with_stride([2, 2]));
    let got = y.clone().into_data().try_to_vec::<f32>().unwrap();
    let got_idx: Vec<i64> = indices.into_data().convert::<i64>().try_to_vec::<i64>().unwrap();
    let (oh_n, ow_n) = (h / 2, w / 2);
    for plane in 0..batch * channels {
        for oh in 0..oh_n {
            for ow in 0..ow_n {
                let base = plane * h * w;
                let mut best = (2 * oh) * w + 2 * ow;
                for (kh, kw) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
                    let i = (2 * oh + kh) * w + 2 * ow + kw;
                    if x[base + i] > x[base + best] || x[base + i].is_nan() {
                        best = i;
                    }
                }
                let o = (plane * oh_n + oh) * ow_n + ow;
                assert_eq!(got_idx[o], best as i64, "index of window {o}");
                let (a, b) = (got[o], x[base + best]);
                assert!(a == b || (a.is_nan() && b.is_nan()), "value of window {o}: {a} vs {b}");
            }
        }
    }
    assert_eq!(got_idx[0], 9, "a NaN wins its window");
    assert_eq!(got_idx[1], 2, "of two equal maxima the first wins");
    assert_eq!(got_idx[ow_n + 1], (3 * w + 3) as i64, "the last of two NaNs wins");
    assert_eq!(got_idx[2], 4, "in a window of equal values the first wins");
    // The gradient of Σ y·r reaches exactly the chosen elements.
    let r_values = values(batch * channels * oh_n * ow_n, 6);
    let r = Tensor::<4>::from_data(TensorData::new(r_values.clone(), [batch, channels, oh_n, ow_n]), &device);
    let grads = (y * r).sum().backward();
    let g = input.grad(&grads).expect("an input gradient").into_data().try_to_vec::<f32>().unwrap();
    let mut want = vec![0.0f32; x.len()];
    for (o, &idx) in got_idx.iter().enumerate() {
        let plane = o / (oh_n * ow_n);
        want[plane * h * w + idx as usize] += r_values[o];
    }
    assert_eq!(g, want);
}

#[test]
fn flex_bernoulli_masks_are_zeros_and_ones_at_the_asked_rate() {
    let device = Device::flex();
    let mask = |seed: u64, keep: f64| {
        device.seed(seed);
        Tensor::<1>::zeros([200_001], &device).random_like(burn::tensor::Distribution::Bernoulli(keep)).into_data().try_to_vec::<f32>().unwrap()
    };
    for keep in [0.5, 0.75, 0.995] {
        let m = mask(7, keep);
        assert!(m.iter().all(|&v| v == 0.0 || v == 1.0));
        let share = m.iter().sum::<f32>() as f64 / m.len() as f64;
        // 200,001 draws: the share's standard error is at most 0.0011.
        assert!((share - keep).abs() < 0.006, "kept {share} of the asked {keep}");
    }
    // (Other tests in this binary draw from the same global generator in parallel, so "the same
    // seed, the same mask" is left to tests/determinism.rs, which trains with dropout twice.)
    assert_ne!(mask(7, 0.75), mask(8, 0.75));
    assert!(mask(1, 1.0).iter().all(|&v| v == 1.0) && mask(1, 0.0).iter().all(|&v| v == 0.0));
}

/// The patched matmul's output buffer is not zeroed first (gemm overwrites it): every element is
/// still written, also on memory that just held NaNs (a freed buffer of the same size, which the
/// allocator hands out again), for plain, transposed (strided) and batched products, and with
/// k = 0 (an empty sum: zeros).
#[test]
fn flex_matmul_writes_every_element_of_an_unzeroed_output() {
    let device = Device::flex();
    let naive = |a: &[f32], b: &[f32], m: usize, k: usize, n: usize| -> Vec<f32> {
        (0..m * n).map(|i| (0..k).map(|p| a[i / n * k + p] * b[p * n + i % n]).sum()).collect()
    };
    for (m, k, n) in [(128, 784, 256), (7, 5, 3), (300, 1, 200), (64, 0, 48)] {
        for _ in 0..3 {
            // Garbage where the product is about to be allocated.
            let nan = Tensor::<2>::full([m, n], f32::NAN, &device);
            drop(nan.into_data());
            let (a, b) = (values(m * k, 1), values(k * n, 2));
            let want = naive(&a, &b, m, k, n);
            let ta = Tensor::<2>::from_data(TensorData::new(a.clone(), [m, k]), &device);
            let tb = Tensor::<2>::from_data(TensorData::new(b.clone(), [k, n]), &device);
            let plain = ta.clone().matmul(tb.clone());
            // The same product through transposed views (strided, as in a backward pass).
            let strided = tb.clone().transpose().matmul(ta.clone().transpose()).transpose();
            let mut results = vec![
                ("plain", plain.into_data().try_to_vec::<f32>().unwrap()),
                ("strided", strided.into_data().try_to_vec::<f32>().unwrap()),
            ];
            if k > 0 {
                // (burn's reshape refuses a [1, m, 0] view.)
                let batched = ta.reshape([1, m, k]).repeat_dim(0, 3).matmul(tb.reshape([1, k, n]).repeat_dim(0, 3));
                results.push(("batched", batched.into_data().try_to_vec::<f32>().unwrap()));
            }
            for (name, got) in results {
                assert_eq!(got.len() % want.len().max(1), 0);
                for (i, (&g, &w)) in got.iter().zip(want.iter().cycle()).enumerate() {
                    assert!((g - w).abs() <= 1e-3 * (1.0 + w.abs()), "{name} {m}x{k}x{n}: element {i} is {g}, want {w}");
                }
            }
        }
    }
}
