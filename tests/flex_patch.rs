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
