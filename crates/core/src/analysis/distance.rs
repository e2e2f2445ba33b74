//! Squared Euclidean distances and exact nearest-neighbour search over row-major rows.

use std::cmp::Ordering;

use nalgebra::{DMatrixView, DMatrixViewMut};

/// Coordinates summed between two checks of a partial distance against the search's bound
/// (see [`squared_distance_within`]).
const CHECK_EVERY: usize = 32;

/// Queries whose dot products with every row one matrix product computes (see
/// [`Neighbours::each_nearest`]).
const QUERY_BLOCK: usize = 64;
/// A block of fewer queries is searched without the filter: nalgebra 0.35 hands a product
/// with a side of 5 or less to its own loops instead of to matrixmultiply, and those loops
/// index the row-major views used here out of bounds (a debug build's precondition check
/// caught it in the tests). `FILTER_MIN_DIM` and `FILTER_MIN_ROWS` keep the other sides above 5.
const MIN_BLOCK: usize = 6;
/// The dot-product filter is used from this dimension on; below it a distance costs about
/// what the filter's own bookkeeping does.
const FILTER_MIN_DIM: usize = 16;
/// ... and from this many rows.
const FILTER_MIN_ROWS: usize = 64;
/// The largest squared norm of a row or a query the filter takes: its distances then stay far
/// from f32's overflow (3.4e38), so every rounding error below is relative, plus underflow's.
const FILTER_MAX_SQUARED_NORM: f64 = 1e36;
/// f32's unit roundoff, 2⁻²⁴.
const F32_ROUNDOFF: f64 = 1.0 / 16_777_216.0;
/// f32's smallest normal number, 2⁻¹²⁶: the absolute error a product or a square can lose
/// to underflow is below it.
const F32_MIN_NORMAL: f64 = 1.175_494_350_822_287_5e-38;

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
/// row's distance stops being summed once it is past the `k`-th nearest found so far; many
/// queries at once ([`Neighbours::each_nearest`]) first rule out most rows with dot products.
/// Reuses its buffers across queries.
pub(super) struct Neighbours<'a> {
    rows: &'a [f32],
    dim: usize,
    /// Each row's squared norm (summed in f64), or `None` when a row is unfit for the
    /// dot-product filter (a non-finite value, or a squared norm above
    /// [`FILTER_MAX_SQUARED_NORM`]).
    squared_norms: Option<Vec<f64>>,
    /// The nearest rows found so far for the current query, nearest first.
    nearest: Vec<Neighbour>,
    /// A block of queries' dot products with every row (`block × n`, row-major).
    dots: Vec<f32>,
    /// One query's upper bounds on its distances, for selecting the `k`-th.
    upper: Vec<f64>,
}

impl<'a> Neighbours<'a> {
    /// A searcher over `rows` (`n × dim`, row-major). Panics if `dim == 0` or `rows.len()`
    /// is not a multiple of `dim`.
    pub fn new(rows: &'a [f32], dim: usize) -> Self {
        assert!(dim > 0, "nearest neighbours: dim must be positive");
        assert_eq!(rows.len() % dim, 0, "nearest neighbours: rows.len() is not a multiple of dim");
        let squared_norms = rows.chunks_exact(dim).map(filterable_squared_norm).collect();
        Neighbours { rows, dim, squared_norms, nearest: Vec::new(), dots: Vec::new(), upper: Vec::new() }
    }

    /// The `min(k, candidates)` rows nearest to `query` (`dim`), nearest first, skipping the
    /// row `exclude` (a query's own index) if given. Ties in distance go to the lower index;
    /// a NaN distance counts as infinitely far.
    pub fn nearest(&mut self, query: &[f32], k: usize, exclude: Option<usize>) -> &[Neighbour] {
        scan(self.rows, self.dim, &mut self.nearest, query, k, exclude);
        &self.nearest
    }

    /// Calls `visit(i, nearest)` for each query `i` of `queries` (`q × dim`), in order, with
    /// what [`Neighbours::nearest`]`(query, k, exclude(i))` returns: the same rows and the same
    /// distances, bit for bit.
    ///
    /// Faster where there are many rows of many coordinates: one matrix product gives a block
    /// of queries' dot products with every row, hence each distance as
    /// `‖q‖² + ‖r‖² − 2 q·r` up to a rounding error bounded from the norms. The `k`-th smallest
    /// upper bound is above the `k`-th nearest row's distance, so every row whose lower bound
    /// is above it is farther than the `k`-th (strictly, so ties cannot change), and only the
    /// remaining rows' distances are summed, as `nearest` sums them. A query or a set of rows
    /// the bounds do not hold for (non-finite values, huge norms) is searched as `nearest`
    /// searches it.
    ///
    /// The bounds (`u` = 2⁻²⁴, `s` = ‖q‖² + ‖r‖², norms summed in f64, `t` the exact distance):
    /// - a dot product of `dim` terms, summed in any order, with or without fused
    ///   multiply-adds, is within `γ_dim · Σ|qᵢrᵢ| ≤ γ_dim · s / 2` of the exact one (Higham,
    ///   *Accuracy and Stability of Numerical Algorithms*, §3.1), plus `dim` terms' underflow;
    ///   so `|a − t| ≤ e = (dim + 4) · u · s + η`, where `a` is the f64 combination and
    ///   `η = 4 (dim + 4) · 2⁻¹²⁶` covers underflow;
    /// - the summed distance `d` (`dim` rounded differences, squared and added) is within
    ///   `γ_(dim+3) · t + η ≤ g · t + η` of `t`, `g = (dim + 4) · u`;
    /// - so `d ≤ (a + e)(1 + 2g) + η` and `d ≥ (a − e)(1 − 2g) − η`, each with a factor of
    ///   about two to spare over the f64 arithmetic that evaluates them.
    pub fn each_nearest(
        &mut self,
        queries: &[f32],
        k: usize,
        exclude: impl Fn(usize) -> Option<usize>,
        mut visit: impl FnMut(usize, &[Neighbour]),
    ) {
        let dim = self.dim;
        assert_eq!(queries.len() % dim, 0, "nearest neighbours: queries.len() is not a multiple of dim");
        let n = self.rows.len() / dim;
        let filter = k > 0 && k < n && dim >= FILTER_MIN_DIM && n >= FILTER_MIN_ROWS;
        let (true, Some(squared_norms)) = (filter, self.squared_norms.as_ref()) else {
            for (i, query) in queries.chunks_exact(dim).enumerate() {
                visit(i, self.nearest(query, k, exclude(i)));
            }
            return;
        };
        let g = (dim + 4) as f64 * F32_ROUNDOFF;
        let eta = 4.0 * (dim + 4) as f64 * F32_MIN_NORMAL;
        let bounds = |query_norm: f64, row_norm: f64, dot: f32| {
            let s = query_norm + row_norm;
            let (a, e) = (s - 2.0 * f64::from(dot), g * s + eta);
            ((a - e) * (1.0 - 2.0 * g) - eta, (a + e) * (1.0 + 2.0 * g) + eta)
        };
        let Neighbours { rows, nearest, dots: all_dots, upper, .. } = self;
        let rows_t = DMatrixView::from_slice_with_strides(rows, dim, n, 1, dim);
        for (block_index, block) in queries.chunks(QUERY_BLOCK * dim).enumerate() {
            let b = block.len() / dim;
            let filtered = b >= MIN_BLOCK;
            if filtered {
                all_dots.resize(b * n, 0.0);
                let block_m = DMatrixView::from_slice_with_strides(block, b, dim, dim, 1);
                let mut dots = DMatrixViewMut::from_slice_with_strides_mut(&mut all_dots[..b * n], b, n, n, 1);
                dots.gemm(1.0, &block_m, &rows_t, 0.0);
            }
            for (j, query) in block.chunks_exact(dim).enumerate() {
                let i = block_index * QUERY_BLOCK + j;
                let excluded = exclude(i);
                let Some(query_norm) = filtered.then(|| filterable_squared_norm(query)).flatten() else {
                    scan(rows, dim, nearest, query, k, excluded);
                    visit(i, nearest);
                    continue;
                };
                let query_dots = &all_dots[j * n..(j + 1) * n];
                // The k-th smallest upper bound: at least k rows lie within it.
                upper.clear();
                upper.extend(query_dots.iter().zip(squared_norms).enumerate().map(|(index, (&dot, &norm))| {
                    if Some(index) == excluded { f64::INFINITY } else { bounds(query_norm, norm, dot).1 }
                }));
                let (_, &mut kth_upper, _) = upper.select_nth_unstable_by(k - 1, f64::total_cmp);
                nearest.clear();
                for (index, ((row, &dot), &norm)) in rows.chunks_exact(dim).zip(query_dots).zip(squared_norms).enumerate() {
                    if Some(index) != excluded && bounds(query_norm, norm, dot).0 <= kth_upper {
                        offer(nearest, k, query, index, row);
                    }
                }
                visit(i, nearest);
            }
        }
    }
}

/// Fills `nearest` with the `min(k, candidates)` rows (`n × dim`) nearest to `query`, as
/// [`Neighbours::nearest`] returns them: every row but `exclude` offered in index order.
fn scan(rows: &[f32], dim: usize, nearest: &mut Vec<Neighbour>, query: &[f32], k: usize, exclude: Option<usize>) {
    nearest.clear();
    if k == 0 {
        return;
    }
    for (index, row) in rows.chunks_exact(dim).enumerate() {
        if Some(index) != exclude {
            offer(nearest, k, query, index, row);
        }
    }
}

/// A vector's squared norm summed in f64, if the dot-product filter's bounds hold for it: its
/// values finite and the squared norm at most [`FILTER_MAX_SQUARED_NORM`].
fn filterable_squared_norm(v: &[f32]) -> Option<f64> {
    let norm: f64 = v.iter().map(|&x| f64::from(x) * f64::from(x)).sum();
    (v.iter().all(|x| x.is_finite()) && norm <= FILTER_MAX_SQUARED_NORM).then_some(norm)
}

/// Adds the row `index` to `nearest` (the `k` nearest to `query` so far, nearest first) if it
/// is nearer than the `k`-th. Rows must be offered in index order: a tie with the `k`-th goes
/// to the `k`-th.
fn offer(nearest: &mut Vec<Neighbour>, k: usize, query: &[f32], index: usize, row: &[f32]) {
    let full = nearest.len() == k;
    let bound = if full { nearest[k - 1].squared_distance } else { f32::INFINITY };
    let Some(d) = squared_distance_within(query, row, bound) else { return };
    let candidate = Neighbour { index, squared_distance: if d.is_nan() { f32::INFINITY } else { d } };
    if full {
        if by_distance_then_index(&candidate, &nearest[k - 1]) != Ordering::Less {
            return;
        }
        nearest.pop();
    }
    let at = nearest.partition_point(|n| by_distance_then_index(n, &candidate) == Ordering::Less);
    nearest.insert(at, candidate);
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

    /// [`assert_same`] for [`Neighbours::each_nearest`]: `queries` against `rows`, every third
    /// query excluding the row of its own index.
    fn assert_same_each(rows: &[f32], queries: &[f32], dim: usize, k: usize, what: &str) {
        let exclude = |i: usize| i.is_multiple_of(3).then_some(i);
        let mut visited = 0;
        Neighbours::new(rows, dim).each_nearest(queries, k, exclude, |i, found| {
            assert_eq!(i, visited, "{what}: queries in order");
            visited += 1;
            let expected = brute_force(rows, dim, &queries[i * dim..(i + 1) * dim], k, exclude(i));
            assert_eq!(found.len(), expected.len(), "{what}: dim {dim}, k {k}, query {i}");
            for (f, e) in found.iter().zip(&expected) {
                assert!(
                    f.index == e.index && f.squared_distance.to_bits() == e.squared_distance.to_bits(),
                    "{what}: dim {dim}, k {k}, query {i}: {found:?} vs {expected:?}"
                );
            }
        });
        assert_eq!(visited, queries.len() / dim, "{what}: every query visited");
    }

    #[test]
    fn the_dot_product_filter_finds_what_brute_force_finds() {
        let mut rng = StdRng::seed_from_u64(3);
        for (dim, n) in [(16, 64), (33, 100), (128, 300), (784, 130)] {
            let q = 150; // more than two blocks of queries
            let uniform = |rng: &mut StdRng, len: usize| (0..len).map(|_| rng.random::<f32>() * 2.0 - 1.0).collect::<Vec<f32>>();
            let (rows, queries) = (uniform(&mut rng, n * dim), uniform(&mut rng, q * dim));
            // Clusters far from the origin: the dot products cancel in all but the last digits.
            let far = |rng: &mut StdRng, len: usize| (0..len).map(|i| 1000.0 + (i % 5) as f32 + rng.random::<f32>() * 1e-3).collect::<Vec<f32>>();
            let (far_rows, far_queries) = (far(&mut rng, n * dim), far(&mut rng, q * dim));
            // Few distinct values: distances tie often, and some rows repeat.
            let few = |rng: &mut StdRng, len: usize| (0..len).map(|_| f32::from(rng.random_range(0..3u8))).collect::<Vec<f32>>();
            let (tied_rows, tied_queries) = (few(&mut rng, n * dim), few(&mut rng, q * dim));
            // Tiny values: products and squares underflow.
            let tiny = |v: &[f32]| v.iter().map(|x| x * 1e-21).collect::<Vec<f32>>();
            for k in [1, 3, 10, n / 2, n - 1, n, n + 5] {
                assert_same_each(&rows, &queries, dim, k, "uniform");
                assert_same_each(&rows, &rows, dim, k, "uniform, the rows as queries");
                assert_same_each(&far_rows, &far_queries, dim, k, "far from the origin");
                assert_same_each(&tied_rows, &tied_queries, dim, k, "tied");
                assert_same_each(&tiny(&rows), &tiny(&queries), dim, k, "tiny");
            }
            // A non-finite query, a huge one: searched without the filter, and so are rows with
            // a non-finite value or a huge norm.
            let mut odd_queries = queries.clone();
            odd_queries[dim + 1] = f32::NAN;
            odd_queries[2 * dim] = f32::INFINITY;
            odd_queries[3 * dim] = 3e18;
            let mut odd_rows = rows.clone();
            odd_rows[dim] = f32::NAN;
            let mut huge_rows = rows.clone();
            huge_rows[5 * dim + 2] = -2e18;
            for k in [1, 10] {
                assert_same_each(&rows, &odd_queries, dim, k, "odd queries");
                assert_same_each(&odd_rows, &queries, dim, k, "a NaN row");
                assert_same_each(&huge_rows, &odd_queries, dim, k, "a huge row");
            }
        }
        let mut nothing = 0;
        Neighbours::new(&[0.0; 64 * 16], 16).each_nearest(&[1.0; 16], 0, |_| None, |_, found| {
            assert!(found.is_empty());
            nothing += 1;
        });
        assert_eq!(nothing, 1);
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
