//! How a contrastive batch is paired: a random permutation of the batch (margin loss), or two
//! augmented views of each image (NT-Xent).

use burn::prelude::*;
use rand::Rng;
use rand::seq::SliceRandom;

use super::objective::{Batch, Pairing};
use replab_core::augment::Augmentation;
use replab_core::data::{ImageSet, ImageShape};
use replab_core::settings::{ContrastiveLoss, Hyperparams};

/// What a contrastive run needs besides the resident images: for NT-Xent, the images on the
/// CPU (augmentations run there) and the augmentation policy.
pub struct Pairer {
    views: Option<(Augmentation, ImageSet, ImageSet)>,
}

impl Pairer {
    /// `None` unless `hp` trains a contrastive model.
    pub fn new(hp: &Hyperparams, train: &ImageSet, test: &ImageSet) -> Option<Pairer> {
        if !hp.model.is_contrastive() {
            return None;
        }
        let views = (hp.contrastive == ContrastiveLoss::NtXent).then(|| {
            (Augmentation::for_images(train.shape), train.clone(), test.clone())
        });
        Some(Pairer { views })
    }

    /// The batch of images `indices` of the training (`test = false`) or test split, paired.
    /// `resident`: that split's images and labels on `device`, for the margin loss, which
    /// pairs the images as they are.
    ///
    /// # Shapes
    /// - `resident`: `[n, c, h, w]` and `[n]`
    pub fn batch(
        &self,
        indices: &[i32],
        test: bool,
        resident: (&Tensor<4>, &Tensor<1, Int>),
        rng: &mut impl Rng,
    ) -> Batch {
        let device = resident.0.device();
        let count = indices.len();
        let index_tensor = Tensor::<1, Int>::from_data(TensorData::new(indices.to_vec(), [count]), &device);
        let labels = Some(resident.1.clone().select(0, index_tensor.clone()));
        match &self.views {
            None => {
                let mut partners: Vec<i32> = (0..count as i32).collect();
                partners.shuffle(rng);
                let partners = Tensor::<1, Int>::from_data(TensorData::new(partners, [count]), &device);
                let images = resident.0.clone().select(0, index_tensor);
                Batch { images, labels, pairing: Some(Pairing::Partners(partners)) }
            }
            Some((augmentation, train, test_set)) => {
                let set = if test { test_set } else { train };
                let pixels: Vec<f32> =
                    indices.iter().flat_map(|&i| set.image(i as usize)).map(|&b| f32::from(b) / 255.0).collect();
                let (a, b) = augmentation.pairs(&pixels, rng);
                let ImageShape { channels, height, width } = set.shape;
                let upload = |values: Vec<f32>| Tensor::<4>::from_data(TensorData::new(values, [count, channels, height, width]), &device);
                Batch { images: upload(a), labels, pairing: Some(Pairing::Views(upload(b))) }
            }
        }
    }
}
