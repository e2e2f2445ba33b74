//! Analysing representations: how they look, how well labels can be read off them, and how
//! much of the raw data's variance a few directions carry.
//!
//! Plain f32 slices, row-major `n × dim`, accumulated in f64 where it matters; single
//! threaded and deterministic, so everything runs the same natively and in a wasm worker.
//!
//! - [`Tsne`]: a seeded, steppable Barnes–Hut t-SNE of `n` points to the plane.
//! - [`knn_accuracy`], [`held_out_knn_accuracy`]: k-nearest-neighbour label accuracy.
//! - [`LinearProbe`]: softmax regression on frozen features (linear decodability).
//! - [`explained_variance`], [`components_for`]: the PCA spectrum of raw data.
//! - [`symmetric_eigenvalues`]: all eigenvalues of a dense symmetric matrix.
//! - [`leading_coordinates`], [`principal_coordinates`]: codes to the plane without iterations.
//! - [`CodeView`]: one model's test codes and every scatter view of them.
//! - [`Confusion`]: a classifier's confusion matrix and per-class precision, recall, F1.
//! - [`sample_quality`], [`largest_step_share`]: numbers for a generative model's samples and
//!   traversals (how many a classifier is sure about; how evenly a path's pictures change).
//! - [`column_envelope`]: a long training curve thinned to what a chart's width can show.
//! - [`looks_collapsed`], [`chance_note`]: whether an autoencoder draws one picture whatever its
//!   input, or a classifier gives one answer.

mod adam;
mod affinities;
mod code_view;
mod confusion;
mod distance;
mod envelope;
mod generative;
mod gram;
mod knn;
mod linear_probe;
mod planar;
mod quadtree;
mod replay;
mod sameness;
mod scatter;
mod spectrum;
mod standardise;
mod symmetric_eigenvalues;
mod tsne;

pub use confusion::{ClassMetrics, Confusion};
pub use envelope::column_envelope;
pub use generative::{
    CONFIDENT, LineView, SampleQuality, SureClasses, confident_share, frechet_distance, largest_step_share, line_view,
    mean_largest_step_share, mean_line_view, mean_pixel_variance, median_path_energy, path_energy, sample_quality, step_lengths,
    sure_by_class,
};
pub use code_view::{CodeView, KNN_K, TSNE_ITERATIONS, TsneStep};
pub use knn::{held_out_knn_accuracy, knn_accuracy};
pub use linear_probe::{LinearProbe, ProbeConfig};
pub use sameness::{
    CHANCE_MARGIN, COLLAPSED_BELOW, chance_note, looks_collapsed, one_picture_note, reconstruction_spread_share, spread, usual_learning_rates,
};
pub use replay::{Frame, FrameMap, MAP_BUDGET, MAX_FRAMES, Replay, Turn, aligned_to};
pub use scatter::{Projection, Scatter};
pub use planar::{leading_coordinates, principal_coordinates, principal_plane};
pub use spectrum::{components_for, explained_variance};
pub use symmetric_eigenvalues::symmetric_eigenvalues;
pub use tsne::{Tsne, TsneConfig};
