//! k-nearest-neighbour classification accuracy: how well labels can be read off a
//! representation by its local neighbourhoods.

use super::distance::{Neighbour, Neighbours};

/// The fraction (0..=1) of `queries` (`q × dim`, row-major, labels `query_labels`, `q`)
/// whose label is predicted correctly by a majority vote of their `k` nearest `reference`
/// rows (`r × dim`, labels `reference_labels`, `r`) by Euclidean distance. When several
/// classes tie for the most votes, the class of the nearest neighbour among those classes
/// wins. `k` is clamped to `r`. Exact (see `distance::Neighbours::each_nearest`):
/// O(q · r · dim) at worst.
///
/// Returns NaN if there are no queries or no reference rows.
///
/// Panics if `dim == 0`, `k == 0`, a slice length is not a multiple of `dim`, or the
/// numbers of labels and rows differ.
pub fn knn_accuracy(
    reference: &[f32],
    reference_labels: &[u8],
    queries: &[f32],
    query_labels: &[u8],
    dim: usize,
    k: usize,
) -> f32 {
    assert!(k > 0, "knn_accuracy: k must be positive");
    assert!(dim > 0, "knn_accuracy: dim must be positive");
    assert_eq!(queries.len() % dim, 0, "knn_accuracy: queries.len() is not a multiple of dim");
    assert_eq!(reference.len(), reference_labels.len() * dim, "knn_accuracy: reference labels");
    assert_eq!(queries.len(), query_labels.len() * dim, "knn_accuracy: query labels");
    if reference_labels.is_empty() || query_labels.is_empty() {
        return f32::NAN;
    }
    let mut correct = 0usize;
    Neighbours::new(reference, dim).each_nearest(queries, k, |_| None, |i, neighbours| {
        correct += usize::from(majority_vote(neighbours, reference_labels) == query_labels[i]);
    });
    correct as f32 / query_labels.len() as f32
}

/// [`knn_accuracy`] within one labelled set (`points`: `n × dim`, `labels`: `n`): the
/// even-indexed points (0, 2, 4, …) are the reference and the odd-indexed ones the queries.
/// NaN when `n < 2`. Panics as [`knn_accuracy`] does.
pub fn held_out_knn_accuracy(points: &[f32], labels: &[u8], dim: usize, k: usize) -> f32 {
    assert!(dim > 0, "held_out_knn_accuracy: dim must be positive");
    assert_eq!(points.len(), labels.len() * dim, "held_out_knn_accuracy: labels and points differ");
    let rows = || points.chunks_exact(dim).zip(labels);
    let (mut reference, mut reference_labels) = (Vec::new(), Vec::new());
    let (mut queries, mut query_labels) = (Vec::new(), Vec::new());
    for (row, &label) in rows().step_by(2) {
        reference.extend_from_slice(row);
        reference_labels.push(label);
    }
    for (row, &label) in rows().skip(1).step_by(2) {
        queries.extend_from_slice(row);
        query_labels.push(label);
    }
    knn_accuracy(&reference, &reference_labels, &queries, &query_labels, dim, k)
}

/// The most frequent label among `neighbours` (nearest first); a tie goes to the tied class
/// that occurs first, i.e. whose nearest member is nearest.
fn majority_vote(neighbours: &[Neighbour], labels: &[u8]) -> u8 {
    let mut votes = [0usize; 256];
    for n in neighbours {
        votes[labels[n.index] as usize] += 1;
    }
    let most = votes.iter().copied().max().unwrap_or(0);
    neighbours
        .iter()
        .map(|n| labels[n.index])
        .find(|&label| votes[label as usize] == most)
        .unwrap_or(0)
}
