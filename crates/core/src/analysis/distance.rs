//! Squared Euclidean distances and exact nearest-neighbour search over row-major rows.

use std::cmp::Ordering;

/// Coordinates summed between two checks of a partial distance against the search's bound
/// (see [`squared_distance_within`]).
const CHECK_EVERY: usize = 32;

/// The squared Euclidean distance between two equal-length vectors, or `None` as soon as a
/// partial sum shows that it exceeds `bound`. Eight independent f32 accumulators, so that the
/// compiler can vectorise it.
///
/// The result, when there is one, is bit for bit the one a full sum gives: the accumulators
/// are updated in the same order, and only read in between. The early answer is exact too: the
/// partial sums are of non-negative terms, and rounding to nearest is monotone, so each
/// accumulator and the sum of the accumulators (in the same order as the final sum) never
/// decrease as terms are added; a partial sum above `bound` means a final one above it.
fn squared_distance_within(a: &[f32], b: &[f32], bound: f32) -> Option<f32> {
    debug_assert_eq!(a.len(), b.len());
    let sum = |acc: &[f32; 8]| ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    let mut acc = [0.0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = ca.remainder().iter().zip(cb.remainder()).map(|(x, y)| (x - y) * (x - y)).sum();
    let (blocks_a, blocks_b) = (a[..a.len() - a.len() % 8].chunks(CHECK_EVERY), b[..b.len() - b.len() % 8].chunks(CHECK_EVERY));
    let blocks = blocks_a.len();
    for (i, (block_a, block_b)) in blocks_a.zip(blocks_b).enumerate() {
        for (x, y) in block_a.chunks_exact(8).zip(block_b.chunks_exact(8)) {
            for k in 0..8 {
                let d = x[k] - y[k];
                acc[k] += d * d;
            }
        }
        if i + 1 < blocks && sum(&acc) > bound {
            return None;
        }
    }
    Some(sum(&acc) + tail)
}

/// A neighbour found by [`Neighbours::nearest`]: its row index and squared distance.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Neighbour {
    pub index: usize,
    pub squared_distance: f32,
}

/// Exact k-nearest-neighbour search over `rows` (`n × dim`): each query scans every row, but a
/// row's distance stops being summed once it is past the `k`-th nearest found so far.
/// Reuses one buffer across queries.
pub(super) struct Neighbours<'a> {
    rows: &'a [f32],
    dim: usize,
    /// The nearest rows found so far for the current query, nearest first.
    nearest: Vec<Neighbour>,
}

impl<'a> Neighbours<'a> {
    /// A searcher over `rows` (`n × dim`, row-major). Panics if `dim == 0` or `rows.len()`
    /// is not a multiple of `dim`.
    pub fn new(rows: &'a [f32], dim: usize) -> Self {
        assert!(dim > 0, "nearest neighbours: dim must be positive");
        assert_eq!(rows.len() % dim, 0, "nearest neighbours: rows.len() is not a multiple of dim");
        Neighbours { rows, dim, nearest: Vec::new() }
    }

    /// The `min(k, candidates)` rows nearest to `query` (`dim`), nearest first, skipping the
    /// row `exclude` (a query's own index) if given. Ties in distance go to the lower index;
    /// a NaN distance counts as infinitely far.
    pub fn nearest(&mut self, query: &[f32], k: usize, exclude: Option<usize>) -> &[Neighbour] {
        self.nearest.clear();
        if k == 0 {
            return &[];
        }
        for (index, row) in self.rows.chunks_exact(self.dim).enumerate() {
            if Some(index) == exclude {
                continue;
            }
            let full = self.nearest.len() == k;
            let bound = if full { self.nearest[k - 1].squared_distance } else { f32::INFINITY };
            let Some(d) = squared_distance_within(query, row, bound) else { continue };
            let candidate = Neighbour { index, squared_distance: if d.is_nan() { f32::INFINITY } else { d } };
            if full {
                // Rows come in index order: a tie with the k-th goes to the k-th.
                if by_distance_then_index(&candidate, &self.nearest[k - 1]) != Ordering::Less {
                    continue;
                }
                self.nearest.pop();
            }
            let at = self.nearest.partition_point(|n| by_distance_then_index(n, &candidate) == Ordering::Less);
            self.nearest.insert(at, candidate);
        }
        &self.nearest
    }
}

/// The total order used for neighbours: distance, then index.
fn by_distance_then_index(a: &Neighbour, b: &Neighbour) -> Ordering {
    a.squared_distance.total_cmp(&b.squared_distance).then(a.index.cmp(&b.index))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{RngExt, SeedableRng, rngs::StdRng};

    /// The distance as summed before the search pruned (session 34): the figures it gave are the
    /// ones the pruned search must give, bit for bit.
    fn unpruned_distance(a: &[f32], b: &[f32]) -> f32 {
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

    /// Every distance, sorted by the search's order, cut at `k`.
    fn brute_force(rows: &[f32], dim: usize, query: &[f32], k: usize, exclude: Option<usize>) -> Vec<Neighbour> {
        let mut all: Vec<Neighbour> = rows
            .chunks_exact(dim)
            .enumerate()
            .filter(|&(index, _)| Some(index) != exclude)
            .map(|(index, row)| {
                let d = unpruned_distance(query, row);
                Neighbour { index, squared_distance: if d.is_nan() { f32::INFINITY } else { d } }
            })
            .collect();
        all.sort_by(by_distance_then_index);
        all.truncate(k);
        all
    }

    fn assert_same(rows: &[f32], dim: usize, k: usize, what: &str) {
        let mut search = Neighbours::new(rows, dim);
        for (i, query) in rows.chunks_exact(dim).enumerate() {
            let exclude = (i % 2 == 0).then_some(i);
            let expected = brute_force(rows, dim, query, k, exclude);
            let found = search.nearest(query, k, exclude);
            assert_eq!(found.len(), expected.len(), "{what}: dim {dim}, k {k}, query {i}");
            for (f, e) in found.iter().zip(&expected) {
                assert!(
                    f.index == e.index && f.squared_distance.to_bits() == e.squared_distance.to_bits(),
                    "{what}: dim {dim}, k {k}, query {i}: {found:?} vs {expected:?}"
                );
            }
        }
    }

    #[test]
    fn the_distance_is_the_unpruned_sum_bit_for_bit() {
        let mut rng = StdRng::seed_from_u64(1);
        for dim in [1, 7, 8, 9, 31, 32, 33, 63, 64, 65, 100, 128, 784] {
            for _ in 0..50 {
                let a: Vec<f32> = (0..dim).map(|_| rng.random::<f32>() * 4.0 - 2.0).collect();
                let b: Vec<f32> = (0..dim).map(|_| rng.random::<f32>() * 4.0 - 2.0).collect();
                let d = squared_distance_within(&a, &b, f32::INFINITY).expect("no bound");
                assert_eq!(d.to_bits(), unpruned_distance(&a, &b).to_bits(), "dim {dim}");
                // Cut off only when above the bound, and then truly above it.
                for bound in [0.0, d * 0.5, d, d * 2.0] {
                    match squared_distance_within(&a, &b, bound) {
                        Some(v) => assert_eq!(v.to_bits(), d.to_bits()),
                        None => assert!(d > bound, "dim {dim}: cut at {bound}, distance {d}"),
                    }
                }
            }
        }
    }

    #[test]
    fn pruned_search_finds_what_brute_force_finds() {
        let mut rng = StdRng::seed_from_u64(2);
        for dim in [1, 2, 8, 33, 128, 784] {
            let n = if dim > 200 { 60 } else { 150 };
            // Spread-out values; then few distinct values, so that distances tie often.
            let spread: Vec<f32> = (0..n * dim).map(|_| rng.random::<f32>() * 2.0 - 1.0).collect();
            let ties: Vec<f32> = (0..n * dim).map(|_| f32::from(rng.random_range(0..3u8))).collect();
            for k in [1, 3, 10, 90, n + 5] {
                assert_same(&spread, dim, k, "spread");
                assert_same(&ties, dim, k, "ties");
            }
        }
        // Rows with a NaN or an infinity are infinitely far; so is an overflowing distance.
        let mut odd: Vec<f32> = (0..40 * 4).map(|i| (i % 7) as f32).collect();
        odd[5] = f32::NAN;
        odd[13] = f32::INFINITY;
        odd[20..24].copy_from_slice(&[3e38, -3e38, 3e38, -3e38]);
        for k in [1, 5, 39, 45] {
            assert_same(&odd, 4, k, "odd");
        }
        assert!(Neighbours::new(&odd, 4).nearest(&odd[..4], 0, None).is_empty());
    }
}
