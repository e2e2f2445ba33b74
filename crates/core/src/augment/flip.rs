//! Mirroring an image left ↔ right.

/// Mirrors `image` left ↔ right in place: every row of `width` values is reversed. Works for any
/// number of channels, since in the channel-planar layout every row of every plane is a
/// contiguous run of `width` values. Applying it twice restores the image.
///
/// Panics if `width` is 0 or does not divide `image.len()`.
pub fn flip_horizontal(image: &mut [f32], width: usize) {
    assert!(width > 0 && image.len().is_multiple_of(width), "flip_horizontal: image is not whole rows of {width}");
    for row in image.chunks_exact_mut(width) {
        row.reverse();
    }
}
