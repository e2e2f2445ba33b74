//! Random colour jitter: brightness, contrast, saturation and hue, in random order.

use rand::{Rng, RngExt};

use super::colour;
use super::crop::uniform;

/// The strengths of torchvision's `ColorJitter(brightness, contrast, saturation, hue)`: the
/// brightness, contrast and saturation factors are uniform in `[max(0, 1 − x), 1 + x]`, the
/// hue shift uniform in `[−hue, hue]` turns (`hue ≤ 0.5`). A strength of 0 turns that
/// adjustment off.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ColourJitter {
    pub brightness: f32,
    pub contrast: f32,
    pub saturation: f32,
    pub hue: f32,
}

/// One colour adjustment of [`ColourJitter`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JitterOp {
    Brightness,
    Contrast,
    Saturation,
    Hue,
}

/// One draw of [`ColourJitter`]: the factors and the order to apply them in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct JitterDraw {
    pub order: [JitterOp; 4],
    pub brightness: f32,
    pub contrast: f32,
    pub saturation: f32,
    pub hue: f32,
}

impl ColourJitter {
    /// SimCLR's colour distortion at the strength its paper uses for CIFAR-10: it jitters by
    /// `(0.8 s, 0.8 s, 0.8 s, 0.2 s)` with s = 1 on ImageNet and s = 0.5 on CIFAR-10, giving
    /// 0.4 / 0.4 / 0.4 / 0.1. Colour matters for SimCLR because two crops of one image share
    /// their colour histogram, a shortcut that would let it match views without seeing shapes.
    pub const SIMCLR_CIFAR: Self = Self { brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1 };

    /// Draws a random order (uniform over the 24 permutations, as torchvision's `randperm`)
    /// and the four factors.
    pub fn sample(&self, rng: &mut impl Rng) -> JitterDraw {
        let mut order = [JitterOp::Brightness, JitterOp::Contrast, JitterOp::Saturation, JitterOp::Hue];
        for i in (1..order.len()).rev() {
            order.swap(i, rng.random_range(0..=i));
        }
        JitterDraw {
            order,
            brightness: factor(rng, self.brightness),
            contrast: factor(rng, self.contrast),
            saturation: factor(rng, self.saturation),
            hue: uniform(rng, -self.hue, self.hue),
        }
    }
}

impl JitterDraw {
    /// Applies the draw to one channel-planar RGB image in place (adjustments whose factor is
    /// the identity are skipped).
    pub fn apply(&self, image: &mut [f32]) {
        for op in self.order {
            match op {
                JitterOp::Brightness if self.brightness != 1.0 => colour::brightness(image, self.brightness),
                JitterOp::Contrast if self.contrast != 1.0 => colour::contrast(image, self.contrast),
                JitterOp::Saturation if self.saturation != 1.0 => colour::saturation(image, self.saturation),
                JitterOp::Hue if self.hue != 0.0 => colour::hue(image, self.hue),
                _ => {}
            }
        }
    }
}

/// A factor uniform in `[max(0, 1 − x), 1 + x]` (exactly 1, with no draw, when `x` is 0).
fn factor(rng: &mut impl Rng, x: f32) -> f32 {
    uniform(rng, (1.0 - x).max(0.0), 1.0 + x)
}
