//! Colour adjustments of one RGB image, in place, as torchvision's `adjust_*` functions.
//!
//! Each function takes one channel-planar RGB image (`len` divisible by 3: the R plane, then
//! G, then B) with values in [0, 1], and leaves the values in [0, 1] (results are clamped, as
//! torchvision's `_blend` does). A factor of 1 (shift 0 for hue) leaves the image unchanged.

/// ITU-R BT.601 luma weights for R, G, B (what torchvision's `rgb_to_grayscale` uses).
pub const LUMA: [f32; 3] = [0.299, 0.587, 0.114];

/// The three colour planes of `image`. Panics if its length is not divisible by 3.
fn planes(image: &mut [f32]) -> (&mut [f32], &mut [f32], &mut [f32]) {
    assert!(image.len().is_multiple_of(3), "colour: an RGB image needs a length divisible by 3");
    let plane = image.len() / 3;
    let (r, rest) = image.split_at_mut(plane);
    let (g, b) = rest.split_at_mut(plane);
    (r, g, b)
}

/// The BT.601 luma of one pixel, clamped to [0, 1].
pub fn luma(r: f32, g: f32, b: f32) -> f32 {
    (LUMA[0] * r + LUMA[1] * g + LUMA[2] * b).clamp(0.0, 1.0)
}

/// `factor·x + (1 − factor)·base`, clamped to [0, 1]: torchvision's `_blend`. Exact at
/// `factor` 0 (gives `base`) and 1 (gives `x`).
fn blend(x: f32, base: f32, factor: f32) -> f32 {
    (factor * x + (1.0 - factor) * base).clamp(0.0, 1.0)
}

/// Multiplies every value by `factor` (blend with black). Works for any number of channels.
pub fn brightness(image: &mut [f32], factor: f32) {
    for v in image.iter_mut() {
        *v = (*v * factor).clamp(0.0, 1.0);
    }
}

/// Blends every value with the image's mean luma (a flat grey): `factor` 0 gives that grey,
/// above 1 stretches values away from it.
pub fn contrast(image: &mut [f32], factor: f32) {
    let (r, g, b) = planes(image);
    if r.is_empty() {
        return;
    }
    let mean = mean_luma(r, g, b);
    for p in [r, g, b] {
        for v in p.iter_mut() {
            *v = blend(*v, mean, factor);
        }
    }
}

/// The mean BT.601 luma of the planes `r`, `g`, `b` (f32 sums over 8 lanes, which
/// vectorise; for images of thousands of pixels the rounding stays near 1e-6).
fn mean_luma(r: &[f32], g: &[f32], b: &[f32]) -> f32 {
    let mut lanes = [0.0f32; 8];
    let (mut rs, mut gs, mut bs) = (r.chunks_exact(8), g.chunks_exact(8), b.chunks_exact(8));
    for ((r, g), b) in (&mut rs).zip(&mut gs).zip(&mut bs) {
        for i in 0..8 {
            lanes[i] += luma(r[i], g[i], b[i]);
        }
    }
    let rest: f32 =
        (0..rs.remainder().len()).map(|i| luma(rs.remainder()[i], gs.remainder()[i], bs.remainder()[i])).sum();
    (lanes.iter().sum::<f32>() + rest) / r.len() as f32
}

/// Blends every pixel with its own luma: `factor` 0 is [`greyscale`], above 1 oversaturates.
pub fn saturation(image: &mut [f32], factor: f32) {
    let (r, g, b) = planes(image);
    for i in 0..r.len() {
        let grey = luma(r[i], g[i], b[i]);
        r[i] = blend(r[i], grey, factor);
        g[i] = blend(g[i], grey, factor);
        b[i] = blend(b[i], grey, factor);
    }
}

/// Replaces R, G and B of every pixel by its BT.601 luma `0.299 R + 0.587 G + 0.114 B`.
pub fn greyscale(image: &mut [f32]) {
    let (r, g, b) = planes(image);
    for i in 0..r.len() {
        let grey = luma(r[i], g[i], b[i]);
        (r[i], g[i], b[i]) = (grey, grey, grey);
    }
}

/// Rotates every pixel's hue by `shift` turns (torchvision: in [−0.5, 0.5]; 0.1 = 36°) through
/// HSV, keeping saturation and value. Greys (R = G = B) are unchanged.
pub fn hue(image: &mut [f32], shift: f32) {
    let (r, g, b) = planes(image);
    let shift = shift - shift.floor(); // [0, 1): hue + shift stays in [0, 2)
    for ((r, g), b) in r.iter_mut().zip(g.iter_mut()).zip(b.iter_mut()) {
        // Only the hue changes: max (= v) and min (= v·(1 − s)) stay, so skip s itself.
        let (max, min) = (larger(larger(*r, *g), *b), smaller(smaller(*r, *g), *b));
        let h = hue_of(*r, *g, *b, max, min);
        (*r, *g, *b) = rgb_from_sixths(6.0 * (h + shift), max, max - min);
    }
}

/// Hue (turns, [0, 1)), saturation and value of an RGB pixel, as torchvision's `_rgb2hsv`
/// (greys get hue 0 and saturation 0). Written without branches so that it vectorises.
#[inline]
pub fn rgb_to_hsv(r: f32, g: f32, b: f32) -> (f32, f32, f32) {
    let (max, min) = (r.max(g).max(b), r.min(g).min(b));
    let s = if max > 0.0 { (max - min) / max } else { 0.0 };
    (hue_of(r, g, b, max, min), s, max)
}

/// The hue (turns, [0, 1)) of a pixel whose largest and smallest channel are `max` and `min`.
#[inline]
fn hue_of(r: f32, g: f32, b: f32, max: f32, min: f32) -> f32 {
    let chroma = max - min;
    let inverse = if chroma > 0.0 { 1.0 / chroma } else { 0.0 };
    let (rc, gc, bc) = ((max - r) * inverse, (max - g) * inverse, (max - b) * inverse);
    // Sixths of a turn, in [−1, 5).
    let sixths = if max == r {
        bc - gc
    } else if max == g {
        2.0 + rc - bc
    } else {
        4.0 + gc - rc
    };
    let h = sixths / 6.0;
    if h < 0.0 { h + 1.0 } else { h }
}

/// The RGB pixel of a hue (turns, taken modulo 1), saturation and value, as torchvision's
/// `_hsv2rgb`.
pub fn hsv_to_rgb(h: f32, s: f32, v: f32) -> (f32, f32, f32) {
    let chroma = (v * s).clamp(0.0, v.max(0.0));
    rgb_from_sixths(6.0 * (h - h.floor()), v, chroma)
}

/// The RGB pixel with hue `sixths` (sixths of a turn, in [0, 12)), largest channel `v` and
/// chroma (largest − smallest channel) `chroma = v·s`. The same values as torchvision's sector
/// table, in its branch-free form `channel(n) = v − chroma·clamp(min(k, 4 − k), 0, 1)` with
/// `k = (n + sixths) mod 6` and `n` = 5, 3, 1 for R, G, B: every channel lies in
/// [v − chroma, v], so in [0, 1] for such inputs. The modulo is two compares rather than
/// `floor` or an integer cast, which keeps the loop in [`hue`] vectorised.
#[inline]
fn rgb_from_sixths(sixths: f32, v: f32, chroma: f32) -> (f32, f32, f32) {
    let channel = |n: f32| {
        let x = n + sixths; // [1, 17)
        let x = if x >= 12.0 { x - 12.0 } else { x };
        let k = if x >= 6.0 { x - 6.0 } else { x };
        let ramp = larger(smaller(smaller(k, 4.0 - k), 1.0), 0.0);
        v - chroma * ramp
    };
    (channel(5.0), channel(3.0), channel(1.0))
}

/// `max` without `f32::max`'s NaN handling (a plain `maxps` once vectorised).
#[inline]
fn larger(a: f32, b: f32) -> f32 {
    if a > b { a } else { b }
}

/// `min` without `f32::min`'s NaN handling (a plain `minps` once vectorised).
#[inline]
fn smaller(a: f32, b: f32) -> f32 {
    if a < b { a } else { b }
}
