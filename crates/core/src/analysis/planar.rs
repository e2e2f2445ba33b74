//! Codes → the scatter's two axes, by their first coordinates or their principal components.

use crate::explore::{dot, pca};
use crate::explore::Plane;

/// The first two coordinates of each code (a 1-D code gets 0 as its second).
///
/// # Shapes
/// - `codes`: `n × dim`, row-major, `dim ≥ 1`
/// - returns: `n × 2`
pub fn leading_coordinates(codes: &[f32], dim: usize) -> Vec<f32> {
    codes.chunks_exact(dim).flat_map(|z| [z[0], z.get(1).copied().unwrap_or(0.0)]).collect()
}

/// Each code's coordinates along the top two principal components of all of them (centred).
///
/// # Shapes
/// - `codes`: `n × dim`, row-major, `dim ≥ 1`
/// - returns: `n × 2`
pub fn principal_coordinates(codes: &[f32], dim: usize) -> Vec<f32> {
    principal_plane(codes, dim).0
}

/// [`principal_coordinates`] and the plane they are taken in: the point `(x, y)` stands for
/// the code `origin + x·x_axis + y·y_axis` (the codes' mean and top two principal
/// directions; a zero axis where the codes have fewer dimensions).
pub fn principal_plane(codes: &[f32], dim: usize) -> (Vec<f32>, Plane) {
    let axes = pca(codes, dim, 2.min(dim));
    let mut centred = vec![0.0; dim];
    let points = codes
        .chunks_exact(dim)
        .flat_map(|z| {
            centred.iter_mut().zip(z.iter().zip(&axes.mean)).for_each(|(c, (v, m))| *c = v - m);
            let along = |i: usize| axes.components.get(i).map_or(0.0, |axis| dot(axis, &centred));
            [along(0), along(1)]
        })
        .collect();
    let axis = |i: usize| axes.components.get(i).cloned().unwrap_or_else(|| vec![0.0; dim]);
    let plane = Plane { x_axis: axis(0), y_axis: axis(1), origin: axes.mean };
    (points, plane)
}
