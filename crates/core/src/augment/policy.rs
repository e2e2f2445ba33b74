//! The augmentation policy: which random transforms one view of an image goes through.

use rand::{Rng, RngExt};

use super::affine::{Border, warp, warp_into};
use super::colour::greyscale;
use super::crop::ResizedCrop;
use super::flip::flip_horizontal;
use crate::data::ImageShape;
use super::jitter::ColourJitter;
use super::random_affine::RandomAffine;

/// A SimCLR view policy. Steps run in this order, each skipped when its field is `None` or its
/// probability 0: `affine` (zero fill), `crop`, horizontal flip, colour jitter, greyscale —
/// SimCLR's order (crop, flip, jitter, greyscale). Colour steps need 3 channels and are ignored
/// on other images.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Augmentation {
    pub geometry: ImageShape,
    /// Random rotation / shift / scale, black fill (grey images).
    pub affine: Option<RandomAffine>,
    /// Random resized crop, bilinear back to full size (colour images).
    pub crop: Option<ResizedCrop>,
    /// Probability of a left ↔ right mirror.
    pub flip: f32,
    /// Colour jitter, applied with probability `jitter_probability`.
    pub jitter: Option<ColourJitter>,
    pub jitter_probability: f32,
    /// Probability of converting to greyscale (BT.601 luma in all three channels).
    pub greyscale: f32,
}

impl Augmentation {
    /// The identity: every view is a copy of its image (no random numbers are drawn).
    pub fn none(geometry: ImageShape) -> Self {
        Self { geometry, affine: None, crop: None, flip: 0.0, jitter: None, jitter_probability: 0.0, greyscale: 0.0 }
    }

    /// The colour policy (CIFAR-10, SimCLR's CIFAR recipe): resized crop of 30–100 % of the area
    /// at aspect 3/4–4/3 (see [`ResizedCrop::SMALL_IMAGES`] for why not SimCLR's 8 %), flip with
    /// p = 0.5 (natural photos are mirror-symmetric in distribution), colour jitter
    /// 0.4/0.4/0.4/0.1 with p = 0.8 (see [`ColourJitter::SIMCLR_CIFAR`]), greyscale p = 0.2.
    /// SimCLR's ablations show crop + colour distortion together are what make it work; no blur
    /// (SimCLR drops it for CIFAR, where 32 px images are already blurry).
    pub fn colour(geometry: ImageShape) -> Self {
        Self {
            crop: Some(ResizedCrop::SMALL_IMAGES),
            flip: 0.5,
            jitter: Some(ColourJitter::SIMCLR_CIFAR),
            jitter_probability: 0.8,
            greyscale: 0.2,
            ..Self::none(geometry)
        }
    }

    /// The grey policy (MNIST, Fashion-MNIST): one random affine (±15°, ±3 px, ×0.9–1.1, see
    /// [`RandomAffine::DIGITS`]) resampled bilinearly onto a black canvas. No flip: digits are
    /// not mirror-symmetric (a mirrored 2, 3, 7 is no digit and confuses 2/5), so a flipped view
    /// would teach a false invariance. No crop: a crop can cut off the stroke that tells 1 from 7
    /// or 4 from 9. No colour: there is none.
    pub fn grey(geometry: ImageShape) -> Self {
        Self { affine: Some(RandomAffine::DIGITS), ..Self::none(geometry) }
    }

    /// [`Augmentation::colour`] for 3-channel images, [`Augmentation::grey`] otherwise.
    pub fn for_images(geometry: ImageShape) -> Self {
        if geometry.channels == 3 { Self::colour(geometry) } else { Self::grey(geometry) }
    }

    /// One random view of `image` (`geometry.len()` values in [0, 1], channel-planar): same
    /// length, values in [0, 1].
    ///
    /// Panics if `image.len() != self.geometry.len()`.
    pub fn apply(&self, image: &[f32], rng: &mut impl Rng) -> Vec<f32> {
        let mut view = vec![0.0; self.geometry.len()];
        self.apply_into(image, rng, &mut view);
        view
    }

    /// [`Augmentation::apply`] into `view` (`geometry.len()` values), which is overwritten.
    ///
    /// Panics if `image` or `view` does not have `self.geometry.len()` values.
    pub fn apply_into(&self, image: &[f32], rng: &mut impl Rng, view: &mut [f32]) {
        let g = self.geometry;
        assert_eq!(image.len(), g.len(), "Augmentation::apply: image does not match the geometry");
        assert_eq!(view.len(), g.len(), "Augmentation::apply: view does not match the geometry");
        let black = Border::Constant(0.0);
        // The geometric steps, resampling straight into `view`.
        let affine = self.affine.map(|a| a.sample(g.height, g.width, rng));
        let crop = self.crop.map(|c| c.sample(g.height, g.width, rng).affine(g.height, g.width));
        match (affine, crop) {
            (None, None) => view.copy_from_slice(image),
            (Some(affine), None) => warp_into(image, g, &affine, black, view),
            (None, Some(crop)) => warp_into(image, g, &crop, Border::Clamp, view),
            (Some(affine), Some(crop)) => warp_into(&warp(image, g, &affine, black), g, &crop, Border::Clamp, view),
        }
        if chance(rng, self.flip) {
            flip_horizontal(view, g.width);
        }
        if g.channels == 3 {
            if let Some(jitter) = self.jitter
                && chance(rng, self.jitter_probability)
            {
                jitter.sample(rng).apply(view);
            }
            if chance(rng, self.greyscale) {
                greyscale(view);
            }
        }
    }

    /// Two independent views of each of `images` (whole images back to back): `(views_a,
    /// views_b)`, each as many images back to back. Image `i` gets its view a, then its view b.
    ///
    /// Panics if `images.len()` is not a multiple of `self.geometry.len()`.
    pub fn pairs(&self, images: &[f32], rng: &mut impl Rng) -> (Vec<f32>, Vec<f32>) {
        let (mut a, mut b) = (vec![0.0; images.len()], vec![0.0; images.len()]);
        self.pairs_into(images, rng, &mut a, &mut b);
        (a, b)
    }

    /// [`Augmentation::pairs`] into `views_a` and `views_b` (each `images.len()` values), so a
    /// training loop can reuse its buffers. The same draws as `pairs` for the same generator.
    ///
    /// Panics if `images.len()` is not a multiple of `self.geometry.len()` or a view buffer
    /// has a different length.
    pub fn pairs_into(&self, images: &[f32], rng: &mut impl Rng, views_a: &mut [f32], views_b: &mut [f32]) {
        let n = self.geometry.len();
        assert!(n > 0 && images.len().is_multiple_of(n), "Augmentation::pairs: not whole images");
        assert!(
            views_a.len() == images.len() && views_b.len() == images.len(),
            "Augmentation::pairs: view buffers do not match"
        );
        for ((image, view_a), view_b) in
            images.chunks_exact(n).zip(views_a.chunks_exact_mut(n)).zip(views_b.chunks_exact_mut(n))
        {
            self.apply_into(image, rng, view_a);
            self.apply_into(image, rng, view_b);
        }
    }
}

/// True with probability `p`; draws nothing when `p ≤ 0` or `p ≥ 1`.
fn chance(rng: &mut impl Rng, p: f32) -> bool {
    if p <= 0.0 {
        false
    } else if p >= 1.0 {
        true
    } else {
        rng.random::<f32>() < p
    }
}
