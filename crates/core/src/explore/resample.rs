//! Area-averaging (box-filter) resampling of an image region, for both shrinking and enlarging.

/// A rectangle of pixels: columns `x..x + width`, rows `y..y + height`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rect {
    pub x: usize,
    pub y: usize,
    pub width: usize,
    pub height: usize,
}

/// The region `rect` of `image` (`image_width` columns, row-major) resampled to
/// `out_width × out_height` (row-major). Each output pixel is the average of the source area it
/// covers, partially covered source pixels weighted by the covered fraction: an anti-aliased
/// shrink, and a blocky (nearest-like, blended at the seams) enlargement.
pub(crate) fn box_resample(
    image: &[f32],
    image_width: usize,
    rect: Rect,
    out_width: usize,
    out_height: usize,
) -> Vec<f32> {
    let across = axis_weights(rect.width, out_width);
    let down = axis_weights(rect.height, out_height);

    // Horizontal pass: rect.height × out_width.
    let mut rows = vec![0.0f64; rect.height * out_width];
    for sy in 0..rect.height {
        let src = &image[(rect.y + sy) * image_width + rect.x..][..rect.width];
        for (tx, taps) in across.iter().enumerate() {
            rows[sy * out_width + tx] = taps.iter().map(|&(sx, w)| w * src[sx] as f64).sum();
        }
    }
    // Vertical pass.
    let mut out = vec![0.0f32; out_width * out_height];
    for (ty, taps) in down.iter().enumerate() {
        for tx in 0..out_width {
            out[ty * out_width + tx] = taps.iter().map(|&(sy, w)| w * rows[sy * out_width + tx]).sum::<f64>() as f32;
        }
    }
    out
}

/// For each of `target` output pixels along an axis of `source` input pixels: the input pixels
/// it overlaps and their weights (overlap length / output pixel length, summing to 1).
fn axis_weights(source: usize, target: usize) -> Vec<Vec<(usize, f64)>> {
    let scale = source as f64 / target as f64; // input pixels per output pixel
    (0..target)
        .map(|t| {
            let (lo, hi) = (t as f64 * scale, (t + 1) as f64 * scale);
            let first = lo.floor() as usize;
            let last = (hi.ceil() as usize).min(source);
            (first..last)
                .filter_map(|i| {
                    let overlap = hi.min((i + 1) as f64) - lo.max(i as f64);
                    (overlap > 1e-12).then_some((i, overlap / scale))
                })
                .collect()
        })
        .collect()
}
