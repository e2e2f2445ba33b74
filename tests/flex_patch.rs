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
