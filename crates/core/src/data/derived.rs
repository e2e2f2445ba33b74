//! Datasets made from another: the rotation pretext task and a two-class problem, as the
//! reports' A7 and D1/D2 build them.

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

use super::{Dataset, ImageSet};

/// The image turned a quarter (90° anticlockwise), channel by channel.
///
/// Panics unless the image is square (a bug in the caller: the pretext task is for CIFAR and
/// the digits, all square).
pub fn quarter_turn(image: &[u8], channels: usize, side: usize) -> Vec<u8> {
    assert_eq!(image.len(), channels * side * side, "a square image");
    let mut out = vec![0; image.len()];
    for c in 0..channels {
        let plane = c * side * side;
        for y in 0..side {
            for x in 0..side {
                // Anticlockwise: the right column becomes the top row.
                out[plane + y * side + x] = image[plane + x * side + (side - 1 - y)];
            }
        }
    }
    out
}

/// The rotation pretext task: each image turned a quarter with probability ½ (seeded), labelled
/// 1 if turned and 0 if not. Class labels are dropped.
pub fn rotation_pretext(set: &ImageSet, seed: u64) -> ImageSet {
    let shape = set.shape;
    let mut rng = StdRng::seed_from_u64(seed);
    let mut out = ImageSet { shape, pixels: Vec::with_capacity(set.pixels.len()), labels: Vec::with_capacity(set.len()) };
    for i in 0..set.len() {
        let turned = rng.random_bool(0.5);
        if turned {
            out.pixels.extend(quarter_turn(set.image(i), shape.channels, shape.height));
        } else {
            out.pixels.extend_from_slice(set.image(i));
        }
        out.labels.push(u8::from(turned));
    }
    out
}

/// The images of classes `negative` and `positive`, relabelled 0 and 1.
pub fn class_pair(set: &ImageSet, negative: u8, positive: u8) -> ImageSet {
    let mut out = set.filtered(|_, l| l == negative || l == positive);
    out.labels.iter_mut().for_each(|l| *l = u8::from(*l == positive));
    out
}

impl Dataset {
    /// The rotation pretext task on both splits (different seeds per split).
    pub fn rotation_pretext(&self, seed: u64) -> Dataset {
        Dataset { id: self.id, train: rotation_pretext(&self.train, seed), test: rotation_pretext(&self.test, seed ^ 0x5eed) }
    }

    /// Two classes relabelled 0/1; the training images split `train_share` / rest into
    /// training and validation (the notebook's 70/30). Returns (train + validation as the
    /// test split, the held-out test images of the two classes).
    pub fn class_pair_split(&self, negative: u8, positive: u8, train_share: f64) -> (Dataset, ImageSet) {
        let train = class_pair(&self.train, negative, positive);
        let cut = ((train.len() as f64) * train_share).round() as usize;
        let split = Dataset { id: self.id, train: train.slice(0..cut), test: train.slice(cut..train.len()) };
        (split, class_pair(&self.test, negative, positive))
    }
}
