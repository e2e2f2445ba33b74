//! Random rotation, shift and scale in one affine map (for small grey images such as digits).

use rand::Rng;

use super::affine::Affine;
use super::crop::uniform;

/// A random similarity transform about the image centre, as torchvision's
/// `RandomAffine(degrees, translate, scale)`: angle uniform in `[−degrees, degrees]`
/// (counter-clockwise positive), shift uniform in `[−shift, shift]` pixels along x and along y
/// independently (continuous, sub-pixel), scale uniform in `scale`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RandomAffine {
    pub degrees: f32,
    pub shift: f32,
    pub scale: (f32, f32),
}

impl RandomAffine {
    /// The MNIST / Fashion-MNIST policy: ±15°, ±3 px, ×0.9–1.1. Handwriting varies this much
    /// between writers, so it changes the style and not the class; larger rotations start to
    /// confuse 6 with 9, and the digits sit in a 20 px box centred in 28 px, so a 4 px margin
    /// leaves room for a 3 px shift without cutting strokes off.
    pub const DIGITS: Self = Self { degrees: 15.0, shift: 3.0, scale: (0.9, 1.1) };

    /// A random map for a `height × width` image (feed it to [`super::affine::warp`]).
    pub fn sample(&self, height: usize, width: usize, rng: &mut impl Rng) -> Affine {
        let degrees = uniform(rng, -self.degrees, self.degrees);
        let dx = uniform(rng, -self.shift, self.shift);
        let dy = uniform(rng, -self.shift, self.shift);
        let scale = uniform(rng, self.scale.0, self.scale.1);
        Affine::similarity(degrees, scale, dx, dy, height, width)
    }
}
