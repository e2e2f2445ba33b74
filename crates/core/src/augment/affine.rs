//! Affine maps between pixel coordinates, and resampling an image through one (bilinear).
//!
//! Coordinates are continuous: pixel `(x, y)` (column, row; y points down) covers
//! `[x, x + 1) × [y, y + 1)`, so its centre is `(x + 0.5, y + 0.5)` and the image spans
//! `[0, width] × [0, height]`, its centre at `(width / 2, height / 2)`.

use crate::data::ImageShape;

/// An affine map from OUTPUT coordinates to SOURCE coordinates — the inverse of the motion the
/// picture visibly undergoes — which is what a resampler needs: each output pixel centre is
/// mapped back into the source and the source is interpolated there.
///
/// `source_x = m[0][0]·x + m[0][1]·y + m[0][2]`, `source_y = m[1][0]·x + m[1][1]·y + m[1][2]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Affine {
    pub m: [[f32; 3]; 2],
}

impl Affine {
    /// Every output pixel reads the source at the same place.
    pub fn identity() -> Self {
        Self { m: [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]] }
    }

    /// Moves the picture by `(dx, dy)` pixels (right, down).
    pub fn translation(dx: f32, dy: f32) -> Self {
        Self { m: [[1.0, 0.0, -dx], [0.0, 1.0, -dy]] }
    }

    /// Rotates the picture by `degrees` counter-clockwise (as seen on screen) about the image
    /// centre, the same sign convention as torchvision's `rotate`.
    pub fn rotation(degrees: f32, height: usize, width: usize) -> Self {
        Self::similarity(degrees, 1.0, 0.0, 0.0, height, width)
    }

    /// Scales the picture by `scale` and rotates it by `degrees` counter-clockwise, both about
    /// the image centre, then moves it by `(dx, dy)` pixels (right, down).
    ///
    /// The visible motion is `p ↦ c + s·R·(p − c) + d` with `R = [[cos, sin], [−sin, cos]]`
    /// (counter-clockwise on a y-down screen); the stored map is its inverse
    /// `q ↦ c + Rᵀ·(q − c − d) / s`. Sines and cosines within 1e-12 of an integer are snapped to
    /// it, so quarter turns are exact.
    ///
    /// Panics unless `scale` is finite and positive.
    pub fn similarity(degrees: f32, scale: f32, dx: f32, dy: f32, height: usize, width: usize) -> Self {
        assert!(scale.is_finite() && scale > 0.0, "Affine::similarity: scale {scale} is not positive");
        let snap = |v: f64| if (v - v.round()).abs() < 1e-12 { v.round() } else { v };
        let angle = (degrees as f64).to_radians();
        let (sin, cos) = (snap(angle.sin()), snap(angle.cos()));
        let s = scale as f64;
        let (cx, cy) = (width as f64 / 2.0, height as f64 / 2.0);
        // Rᵀ / s.
        let (a, b, c, d) = (cos / s, -sin / s, sin / s, cos / s);
        // q − c − d, then Rᵀ/s, then + c.
        let (ox, oy) = (cx + dx as f64, cy + dy as f64);
        let m = [[a, b, cx - a * ox - b * oy], [c, d, cy - c * ox - d * oy]];
        Self { m: m.map(|row| row.map(|v| v as f32)) }
    }

    /// Stretches the source rectangle at `(x, y)`, `crop_width × crop_height` (continuous
    /// source coordinates, may be fractional) over the whole `height × width` output.
    pub fn crop(x: f32, y: f32, crop_width: f32, crop_height: f32, height: usize, width: usize) -> Self {
        Self { m: [[crop_width / width as f32, 0.0, x], [0.0, crop_height / height as f32, y]] }
    }

    /// Where the output point `(x, y)` reads the source.
    pub fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        let [r0, r1] = self.m;
        (r0[0] * x + r0[1] * y + r0[2], r1[0] * x + r1[1] * y + r1[2])
    }
}

/// What the bilinear sampler reads outside the source image.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Border {
    /// The nearest edge pixel (for crops, whose half-pixel rim would otherwise darken).
    Clamp,
    /// This value (0 = black, the fill for rotating/shifting a digit on a black canvas).
    Constant(f32),
}

/// `image` (`geometry`, channel-planar) resampled through `map`: output pixel `(x, y)` of every
/// channel is the bilinear interpolation of the source at `map.apply(x + 0.5, y + 0.5)`.
/// Output has the same geometry. Bilinear weights are a convex combination, so values stay in
/// the range of the inputs and the fill (and are clamped to [0, 1] against rounding). A map
/// that sends pixel centres onto pixel centres (identity, integer shifts, quarter turns of a
/// square image) copies values exactly.
///
/// Panics if `image.len() != geometry.len()`.
pub fn warp(image: &[f32], geometry: ImageShape, map: &Affine, border: Border) -> Vec<f32> {
    let mut out = vec![0.0; geometry.len()];
    warp_into(image, geometry, map, border, &mut out);
    out
}

/// [`warp`] into `out` (`geometry.len()` values), without allocating the output.
pub fn warp_into(image: &[f32], geometry: ImageShape, map: &Affine, border: Border, out: &mut [f32]) {
    assert_eq!(image.len(), geometry.len(), "warp: image does not match its geometry");
    assert_eq!(out.len(), geometry.len(), "warp: output does not match the geometry");
    let (w, h, plane) = (geometry.width, geometry.height, geometry.plane());
    if plane == 0 {
        return;
    }
    // Each plane gets a one-pixel frame (the fill, or a copy of the edge) so that every tap is
    // in range: positions are clamped to [-1, n] and read the frame beyond the image, which for
    // `Clamp` reproduces the edge and for `Constant` fades to the fill over the last pixel.
    let padded_width = w + 2;
    let mut padded = vec![0.0; (w + 2) * (h + 2)];
    let [r0, r1] = map.m;
    let axis_aligned = r0[1] == 0.0 && r1[0] == 0.0;
    // Separable case (crops, shifts, scales): the taps of each column and each row, once.
    let columns: Vec<Tap> =
        if axis_aligned { (0..w).map(|x| tap(r0[0] * (x as f32 + 0.5) + r0[2], w)).collect() } else { Vec::new() };
    let rows: Vec<Tap> =
        if axis_aligned { (0..h).map(|y| tap(r1[1] * (y as f32 + 0.5) + r1[2], h)).collect() } else { Vec::new() };
    let first_row = rows.iter().map(|t| t.index).min().unwrap_or(0);
    let last_row = rows.iter().map(|t| t.index).max().unwrap_or(0);
    let mut across = if axis_aligned { vec![0.0; (last_row - first_row + 2) * w] } else { Vec::new() };
    for (source, target) in image.chunks_exact(plane).zip(out.chunks_exact_mut(plane)) {
        pad(source, w, h, border, &mut padded);
        if axis_aligned {
            // Horizontal pass over the framed rows that are read, then a vertical pass (two
            // contiguous rows blended with one weight, which vectorises).
            let width_pass = &mut across[..(last_row - first_row + 2) * w];
            for (sy, dst) in (first_row..).zip(width_pass.chunks_exact_mut(w)) {
                let src = &padded[sy * padded_width..][..padded_width];
                for (d, tx) in dst.iter_mut().zip(&columns) {
                    let (a, b) = (src[tx.index], src[tx.index + 1]);
                    *d = a + tx.frac * (b - a);
                }
            }
            for (row, ty) in target.chunks_exact_mut(w).zip(&rows) {
                let upper = &width_pass[(ty.index - first_row) * w..][..w];
                let lower = &width_pass[(ty.index + 1 - first_row) * w..][..w];
                for ((value, &a), &b) in row.iter_mut().zip(upper).zip(lower) {
                    *value = (a + ty.frac * (b - a)).clamp(0.0, 1.0);
                }
            }
        } else {
            for (y, row) in target.chunks_exact_mut(w).enumerate() {
                let yc = y as f32 + 0.5;
                for (x, value) in row.iter_mut().enumerate() {
                    let xc = x as f32 + 0.5;
                    let tx = tap(r0[0] * xc + r0[1] * yc + r0[2], w);
                    let ty = tap(r1[0] * xc + r1[1] * yc + r1[2], h);
                    let i = ty.index * padded_width + tx.index;
                    let (f, g) = (tx.frac, ty.frac);
                    let upper = padded[i] + f * (padded[i + 1] - padded[i]);
                    let j = i + padded_width;
                    let lower = padded[j] + f * (padded[j + 1] - padded[j]);
                    *value = (upper + g * (lower - upper)).clamp(0.0, 1.0);
                }
            }
        }
    }
}

/// One axis of a bilinear sample: the first of two neighbouring taps (in framed coordinates,
/// where the image starts at 1) and the weight of the second.
#[derive(Debug, Clone, Copy)]
struct Tap {
    index: usize,
    frac: f32,
}

/// The taps for continuous coordinate `position` along an axis of `n` pixels. Pixel centres
/// sit at `i + 0.5`, i.e. at framed index `i + 1` once shifted by the frame and the half pixel.
fn tap(position: f32, n: usize) -> Tap {
    // Framed index space, clamped into the frame: [0, n + 1]. NaN clamps to 0 via max/min.
    let p = (position + 0.5).max(0.0).min((n + 1) as f32);
    // Truncation is floor here (p ≥ 0) and, unlike `floor`, needs no libm call on SSE2.
    let index = (p as usize).min(n);
    Tap { index, frac: p - index as f32 }
}

/// `plane` (`w × h`) into `padded` (`(w + 2) × (h + 2)`) with a one-pixel frame: the edge
/// pixels repeated (`Clamp`) or the fill (`Constant`).
fn pad(plane: &[f32], w: usize, h: usize, border: Border, padded: &mut [f32]) {
    let pw = w + 2;
    for (y, row) in plane.chunks_exact(w).enumerate() {
        let framed = &mut padded[(y + 1) * pw..][..pw];
        framed[1..=w].copy_from_slice(row);
        (framed[0], framed[w + 1]) = match border {
            Border::Clamp => (row[0], row[w - 1]),
            Border::Constant(fill) => (fill, fill),
        };
    }
    let (top, bottom) = (0, (h + 1) * pw);
    match border {
        Border::Clamp => {
            padded.copy_within(pw..2 * pw, top);
            padded.copy_within(h * pw..(h + 1) * pw, bottom);
        }
        Border::Constant(fill) => {
            padded[top..top + pw].fill(fill);
            padded[bottom..bottom + pw].fill(fill);
        }
    }
}
