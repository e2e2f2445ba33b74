//! The latent map's geometry: the rectangle of a 2-D view's plane it covers, and the codes of
//! its tiles (decoded by the worker, drawn by `ui::embedding::latent_map`).

use super::Plane;

/// Room left around the outermost points, as a share of their spread.
const MARGIN: f32 = 0.05;

/// Tiles per side of the latent map.
pub const MAP_SIDE: usize = 16;

/// The rectangle of the plane the map covers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapExtent {
    pub x: (f32, f32),
    pub y: (f32, f32),
}

impl MapExtent {
    /// Around every point (`n × 2`), with a margin; a unit square around a single point.
    pub fn of(points: &[f32]) -> MapExtent {
        let range = |axis: usize| {
            let values = points.chunks_exact(2).map(|p| p[axis]).filter(|v| v.is_finite());
            let (lo, hi) = values.fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
            // Finite values only: no NaN here, so `>=` is the negation of `<`.
            if lo >= hi {
                let centre = if lo.is_finite() { lo } else { 0.0 };
                return (centre - 1.0, centre + 1.0);
            }
            let pad = (hi - lo) * MARGIN;
            (lo - pad, hi + pad)
        };
        MapExtent { x: range(0), y: range(1) }
    }

    /// The plane's point at `(u, v)` of the map, both in [0, 1] from the top left.
    pub fn at(&self, u: f32, v: f32) -> (f32, f32) {
        (self.x.0 + u * (self.x.1 - self.x.0), self.y.1 - v * (self.y.1 - self.y.0))
    }

    /// Where the plane's point `(x, y)` falls on the map, in [0, 1] from the top left.
    pub fn place(&self, x: f32, y: f32) -> (f32, f32) {
        ((x - self.x.0) / (self.x.1 - self.x.0), (self.y.1 - y) / (self.y.1 - self.y.0))
    }
}

/// The centres of `side × side` tiles on the plane, row by row from the top left.
pub fn grid_points(extent: &MapExtent, side: usize) -> impl Iterator<Item = (f32, f32)> + '_ {
    let centre = move |i: usize| (i as f32 + 0.5) / side as f32;
    (0..side).flat_map(move |row| (0..side).map(move |col| extent.at(centre(col), centre(row))))
}

/// The codes of the centres of `side × side` tiles, row by row from the top.
pub fn grid_codes(plane: &Plane, extent: &MapExtent, side: usize) -> Vec<f32> {
    grid_points(extent, side).flat_map(|(x, y)| plane.code(x, y)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extent_maps_both_ways_and_covers_every_point() {
        let points = [0.0f32, 0.0, 2.0, -1.0, 1.0, 3.0];
        let e = MapExtent::of(&points);
        assert!(e.x.0 < 0.0 && e.x.1 > 2.0 && e.y.0 < -1.0 && e.y.1 > 3.0);
        for p in points.chunks_exact(2) {
            let (u, v) = e.place(p[0], p[1]);
            assert!((0.0..=1.0).contains(&u) && (0.0..=1.0).contains(&v));
            let (x, y) = e.at(u, v);
            assert!((x - p[0]).abs() < 1e-5 && (y - p[1]).abs() < 1e-5);
        }
        // Top left is the smallest x and the largest y.
        assert_eq!(e.at(0.0, 0.0), (e.x.0, e.y.1));
        // One point: a unit square around it.
        assert_eq!(MapExtent::of(&[3.0, 4.0]), MapExtent { x: (2.0, 4.0), y: (3.0, 5.0) });
    }

    #[test]
    fn the_grid_has_a_code_per_tile_from_the_top_left() {
        let plane = Plane { origin: vec![10.0, 0.0, 0.0], x_axis: vec![0.0, 1.0, 0.0], y_axis: vec![0.0, 0.0, 1.0] };
        let e = MapExtent { x: (0.0, 16.0), y: (0.0, 16.0) };
        let codes = grid_codes(&plane, &e, MAP_SIDE);
        assert_eq!(codes.len(), MAP_SIDE * MAP_SIDE * 3);
        assert_eq!(&codes[..3], &[10.0, 0.5, 15.5], "the first tile: left, top");
        assert_eq!(&codes[codes.len() - 3..], &[10.0, 15.5, 0.5], "the last tile: right, bottom");
    }
}
