//! A drawing pad's ink → a 28×28 MNIST-style image, by MNIST's own preprocessing.

use super::resample::{Rect, box_resample};

/// The side of an MNIST image.
const SIDE: usize = 28;
/// The side of the box the digit is scaled into (its longer side).
const BOX: usize = 20;
/// Where MNIST puts a digit's centre of mass, pixel centres counted at `x + 0.5`.
const MASS_CENTRE: f64 = 14.5;
/// Ink above this counts as drawn (for the bounding box and the "anything drawn?" test).
const INK: f32 = 0.05;

/// The 784 values (28×28, row-major, in `[0, 1]`) of an MNIST-style image of the drawing `ink`
/// (`width × height`, row-major, values in `[0, 1]` where 1 = full ink, e.g. a pad's alpha
/// channel at any resolution), or `None` if nothing is drawn (no value above 0.05).
///
/// As MNIST was made: crop to the ink's bounding box (values > 0.05); scale it, keeping the
/// aspect ratio, so that its longer side is 20 px, averaging the source area under each target
/// pixel (anti-aliased when shrinking a large pad, blocky when enlarging a tiny stroke); then
/// place it in the 28×28 frame by a whole-pixel shift that puts the intensity-weighted centre of
/// mass (pixel centres at `x + 0.5`) within half a pixel of (14.5, 14.5) — the middle of pixel
/// (14, 14), where MNIST's digits have theirs (their mean over the shipped test images is
/// (14.50, 14.49) in this convention) — unless that
/// would push ink out of the frame, in which case the shift is clamped. Values are clamped to
/// `[0, 1]`; non-finite values count as no ink. Intensities are not rescaled: a thin stroke on
/// a large pad comes out faint.
///
/// Panics if `ink.len() != width * height`.
pub fn mnist_from_ink(ink: &[f32], width: usize, height: usize) -> Option<Vec<f32>> {
    assert_eq!(ink.len(), width * height, "mnist_from_ink: ink is not width × height");
    let ink: Vec<f32> = ink.iter().map(|&v| if v.is_finite() { v.clamp(0.0, 1.0) } else { 0.0 }).collect();
    let bounds = ink_bounds(&ink, width)?;

    // Longer side → 20 px; the shorter rounds to the nearest pixel (at least 1).
    let longer = bounds.width.max(bounds.height) as f64;
    let fit = |side: usize| ((side as f64 * BOX as f64 / longer).round() as usize).clamp(1, BOX);
    let (w, h) = (fit(bounds.width), fit(bounds.height));
    let digit = box_resample(&ink, width, bounds, w, h);

    let (cx, cy) = centre_of_mass(&digit, w);
    let shift = |centre: f64, side: usize| ((MASS_CENTRE - centre).round().max(0.0) as usize).min(SIDE - side);
    let (dx, dy) = (shift(cx, w), shift(cy, h));

    let mut out = vec![0.0f32; SIDE * SIDE];
    for (y, row) in digit.chunks_exact(w).enumerate() {
        for (x, &v) in row.iter().enumerate() {
            out[(y + dy) * SIDE + x + dx] = v.clamp(0.0, 1.0);
        }
    }
    Some(out)
}

/// The bounding box of the values above [`INK`] in `image` (`width` columns), if any.
fn ink_bounds(image: &[f32], width: usize) -> Option<Rect> {
    let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
    for (y, row) in image.chunks_exact(width.max(1)).enumerate() {
        for (x, &v) in row.iter().enumerate() {
            if v > INK {
                (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            }
        }
    }
    (x0 != usize::MAX).then(|| Rect { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 })
}

/// The intensity-weighted centre of mass `(x, y)` of `image` (`width` columns), pixel `(x, y)`
/// counting at `(x + 0.5, y + 0.5)`. The middle of the image if it is all zero.
fn centre_of_mass(image: &[f32], width: usize) -> (f64, f64) {
    let (mut total, mut sx, mut sy) = (0.0f64, 0.0f64, 0.0f64);
    for (y, row) in image.chunks_exact(width).enumerate() {
        for (x, &v) in row.iter().enumerate() {
            let v = v as f64;
            total += v;
            sx += v * (x as f64 + 0.5);
            sy += v * (y as f64 + 0.5);
        }
    }
    if total > 0.0 { (sx / total, sy / total) } else { (width as f64 / 2.0, (image.len() / width) as f64 / 2.0) }
}
