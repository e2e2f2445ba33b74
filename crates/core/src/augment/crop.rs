//! Random resized crop: a random rectangle of the image stretched back to full size.

use rand::{Rng, RngExt};

use super::affine::{Affine, Border, warp};
use crate::data::ImageShape;

/// A rectangle of the source image in continuous pixel coordinates (may be fractional).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CropBox {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

impl CropBox {
    /// The whole `height × width` image (cropping to it is the identity).
    pub fn whole(height: usize, width: usize) -> Self {
        Self { x: 0.0, y: 0.0, width: width as f32, height: height as f32 }
    }

    /// The map that stretches this box over a whole `height × width` output.
    pub fn affine(&self, height: usize, width: usize) -> Affine {
        Affine::crop(self.x, self.y, self.width, self.height, height, width)
    }
}

/// How [`ResizedCrop::sample`] draws a crop, as torchvision's `RandomResizedCrop`: the crop's
/// area is a uniform fraction `scale` of the image's, its aspect ratio (width / height) is
/// log-uniform in `ratio`, its position uniform among those that fit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ResizedCrop {
    /// Range of the crop area as a fraction of the image area, `0 < lo ≤ hi ≤ 1`.
    pub scale: (f32, f32),
    /// Range of the crop's width / height, `0 < lo ≤ hi`.
    pub ratio: (f32, f32),
}

impl ResizedCrop {
    /// The CIFAR policy: area 30–100 %, aspect 3/4–4/3.
    ///
    /// SimCLR crops 8–100 % of a 224 px ImageNet image; 8 % of that is still a 63 px patch. On a
    /// 32 px image 8 % is a 9 px patch: blown up to 32 px it is mostly blur and often misses the
    /// object, so the two views of a pair share too little to be a useful positive (and short
    /// in-browser training cannot afford such hard pairs). 30 % keeps at least a ~17 px patch.
    pub const SMALL_IMAGES: Self = Self { scale: (0.3, 1.0), ratio: (3.0 / 4.0, 4.0 / 3.0) };

    /// A random crop of a `height × width` image. Up to 10 tries of (area, aspect) as
    /// torchvision does; if none fits, the largest centred crop whose aspect ratio is clamped
    /// into `ratio`. Positions are continuous (sub-pixel), which suits the bilinear resample.
    pub fn sample(&self, height: usize, width: usize, rng: &mut impl Rng) -> CropBox {
        let (w, h) = (width as f32, height as f32);
        let area = w * h;
        let (log_lo, log_hi) = (self.ratio.0.ln(), self.ratio.1.ln());
        for _ in 0..10 {
            let target = area * uniform(rng, self.scale.0, self.scale.1);
            let aspect = uniform(rng, log_lo, log_hi).exp();
            let (cw, ch) = ((target * aspect).sqrt(), (target / aspect).sqrt());
            if cw > 0.0 && ch > 0.0 && cw <= w && ch <= h {
                let x = uniform(rng, 0.0, w - cw);
                let y = uniform(rng, 0.0, h - ch);
                return CropBox { x, y, width: cw, height: ch };
            }
        }
        // Fallback: centre crop, aspect clamped into range.
        let aspect = w / h;
        let (cw, ch) = if aspect < self.ratio.0 {
            (w, w / self.ratio.0)
        } else if aspect > self.ratio.1 {
            (h * self.ratio.1, h)
        } else {
            (w, h)
        };
        CropBox { x: (w - cw) / 2.0, y: (h - ch) / 2.0, width: cw, height: ch }
    }
}

/// The rectangle `crop` of `image` stretched bilinearly over the full `geometry` (edge pixels
/// extend outwards, so the crop's rim is not darkened). [`CropBox::whole`] gives back `image`.
///
/// Panics if `image.len() != geometry.len()`.
pub fn resized_crop(image: &[f32], geometry: ImageShape, crop: CropBox) -> Vec<f32> {
    warp(image, geometry, &crop.affine(geometry.height, geometry.width), Border::Clamp)
}

/// Uniform in `[lo, hi)`, or `lo` when the range is empty (so degenerate ranges are allowed).
pub(super) fn uniform(rng: &mut impl Rng, lo: f32, hi: f32) -> f32 {
    if hi > lo { rng.random_range(lo..hi) } else { lo }
}
