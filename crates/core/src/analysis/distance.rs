//! Squared Euclidean distances and brute-force nearest-neighbour search over row-major rows.

use std::cmp::Ordering;

/// The squared Euclidean distance between two equal-length vectors. Eight independent f32
/// accumulators, so that the compiler can vectorise it.
pub(super) fn squared_distance(a: &[f32], b: &[f32]) -> f32 {
    debug_assert_eq!(a.len(), b.len());
    let mut acc = [0.0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = ca.remainder().iter().zip(cb.remainder()).map(|(x, y)| (x - y) * (x - y)).sum();
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            let d = x[k] - y[k];
            acc[k] += d * d;
        }
    }
    ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7])) + tail
}

/// A neighbour found by [`Neighbours::nearest`]: its row index and squared distance.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Neighbour {
    pub index: usize,
    pub squared_distance: f32,
}

/// Brute-force k-nearest-neighbour search over `rows` (`n × dim`): O(n · dim) per query.
/// Reuses one scratch buffer across queries.
pub(super) struct Neighbours<'a> {
    rows: &'a [f32],
    dim: usize,
    scratch: Vec<Neighbour>,
}

impl<'a> Neighbours<'a> {
    /// A searcher over `rows` (`n × dim`, row-major). Panics if `dim == 0` or `rows.len()`
    /// is not a multiple of `dim`.
    pub fn new(rows: &'a [f32], dim: usize) -> Self {
        assert!(dim > 0, "nearest neighbours: dim must be positive");
        assert_eq!(rows.len() % dim, 0, "nearest neighbours: rows.len() is not a multiple of dim");
        Neighbours { rows, dim, scratch: Vec::with_capacity(rows.len() / dim) }
    }

    /// The `min(k, candidates)` rows nearest to `query` (`dim`), nearest first, skipping the
    /// row `exclude` (a query's own index) if given. Ties in distance go to the lower index;
    /// a NaN distance counts as infinitely far.
    pub fn nearest(&mut self, query: &[f32], k: usize, exclude: Option<usize>) -> &[Neighbour] {
        self.scratch.clear();
        for (index, row) in self.rows.chunks_exact(self.dim).enumerate() {
            if Some(index) != exclude {
                let d = squared_distance(query, row);
                let squared_distance = if d.is_nan() { f32::INFINITY } else { d };
                self.scratch.push(Neighbour { index, squared_distance });
            }
        }
        let k = k.min(self.scratch.len());
        if k == 0 {
            return &[];
        }
        if k < self.scratch.len() {
            self.scratch.select_nth_unstable_by(k - 1, by_distance_then_index);
        }
        let nearest = &mut self.scratch[..k];
        nearest.sort_unstable_by(by_distance_then_index);
        nearest
    }
}

/// The total order used for neighbours: distance, then index.
fn by_distance_then_index(a: &Neighbour, b: &Neighbour) -> Ordering {
    a.squared_distance.total_cmp(&b.squared_distance).then(a.index.cmp(&b.index))
}
