//! Contrastive losses: the margin loss on labelled pairs (the CIFAR-10 report) and SimCLR's
//! NT-Xent on two augmented views of each image.

use burn::nn::loss::CrossEntropyLossConfig;
use burn::prelude::*;

/// `mean(S·d² + (1 − S)·max(M − d², 0))`, with `d` the Euclidean distance between the two
/// embeddings of a pair and `S` = 1 when their labels match.
///
/// # Shapes
/// - `a`, `b`: `[pairs, dim]`
/// - `same`: `[pairs]`, 1.0 or 0.0
/// - returns: `[1]`
pub fn margin_contrastive_loss(a: Tensor<2>, b: Tensor<2>, same: Tensor<1>, margin: f32) -> Tensor<1> {
    let squared = (a - b).square().sum_dim(1).flatten::<1>(0, 1);
    let apart = (squared.clone().neg() + margin).clamp_min(0.0);
    let different = same.clone().neg() + 1.0;
    (same * squared + different * apart).mean()
}

/// The normalised temperature-scaled cross-entropy of SimCLR: each of the `2n` projections
/// must pick out its own other view among the other `2n − 1`, by cosine similarity / τ.
///
/// # Shapes
/// - `z1`, `z2`: `[n, dim]` (row `i` of each: two views of image `i`)
/// - returns: `[1]`
pub fn nt_xent_loss(z1: Tensor<2>, z2: Tensor<2>, temperature: f32) -> Tensor<1> {
    let n = z1.dims()[0];
    let device = z1.device();
    let z = Tensor::cat(vec![z1, z2], 0);
    let norms = z.clone().square().sum_dim(1).sqrt().clamp_min(1e-12);
    let z = z / norms;
    // A view is never its own candidate: push the diagonal far below every other logit.
    let own = Tensor::<2>::eye(2 * n, &device) * 1e9;
    let logits = z.clone().matmul(z.transpose()) / temperature - own;
    let partners: Vec<i32> = (0..2 * n).map(|i| ((i + n) % (2 * n)) as i32).collect();
    let targets = Tensor::<1, Int>::from_data(TensorData::new(partners, [2 * n]), &device);
    CrossEntropyLossConfig::new().init(&device).forward(logits, targets)
}
