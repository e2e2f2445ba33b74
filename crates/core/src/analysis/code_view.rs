//! One model's test codes and the scatter views of them: the first two coordinates, the top
//! two principal components, or a t-SNE map computed a few iterations at a time.

use super::{Tsne, TsneConfig, held_out_knn_accuracy, leading_coordinates, principal_plane};
use super::{Projection, Scatter};
use crate::explore::Plane;

/// Neighbours in the separability figure (as in the B6 comparison).
pub const KNN_K: usize = 10;
/// t-SNE iterations per [`CodeView::advance_tsne`] call.
const TSNE_CHUNK: usize = 10;
/// t-SNE iterations in all.
pub const TSNE_ITERATIONS: usize = 1000;

pub struct CodeView {
    /// `n × dim`, row-major.
    codes: Vec<f32>,
    dim: usize,
    labels: Vec<u8>,
    step: usize,
    epoch: usize,
    /// Held-out k-NN accuracy of the codes (computed once).
    knn_codes: f32,
    /// A t-SNE map being computed, with its projection.
    tsne: Option<(Tsne, Projection)>,
    /// The last scatter's points (`n × 2`) and projection, for placing new codes among them.
    shown: Option<(Projection, Vec<f32>)>,
}

/// Where a t-SNE map is after [`CodeView::advance_tsne`]: `done` of `total` iterations, and
/// the scatter once it is finished.
pub struct TsneStep {
    pub done: usize,
    pub total: usize,
    pub scatter: Option<Scatter>,
}

/// Test codes a new code is placed among (see [`CodeView::place`]).
const PLACE_AMONG: usize = 5;

impl CodeView {
    /// Codes of the test images (`labels.len() × dim`) of the model at `step` / `epoch`.
    ///
    /// Panics if `codes.len() != labels.len() * dim` or `dim == 0` (a bug).
    pub fn new(codes: Vec<f32>, dim: usize, labels: Vec<u8>, step: usize, epoch: usize) -> CodeView {
        assert!(dim > 0 && codes.len() == labels.len() * dim, "codes do not match the labels");
        let knn_codes = held_out_knn_accuracy(&codes, &labels, dim, KNN_K);
        CodeView { codes, dim, labels, step, epoch, knn_codes, tsne: None, shown: None }
    }

    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The scatter for a projection that needs no iterations (t-SNE falls back to PCA: use
    /// [`CodeView::start_tsne`]).
    pub fn scatter(&mut self, projection: Projection) -> Scatter {
        match projection {
            Projection::Raw => {
                let mut scatter = self.scatter_of(projection, leading_coordinates(&self.codes, self.dim));
                scatter.plane = Some(self.leading_plane());
                scatter
            }
            Projection::Pca | Projection::Tsne { .. } => {
                let (points, plane) = principal_plane(&self.codes, self.dim);
                let mut scatter = self.scatter_of(Projection::Pca, points);
                scatter.plane = Some(plane);
                scatter
            }
        }
    }

    /// The plane of the codes' first two coordinates, the others held at their mean.
    fn leading_plane(&self) -> Plane {
        let n = (self.codes.len() / self.dim).max(1) as f32;
        let mut origin = vec![0.0f32; self.dim];
        for code in self.codes.chunks_exact(self.dim) {
            origin.iter_mut().zip(code).for_each(|(o, v)| *o += v / n);
        }
        let unit = |i: usize| (0..self.dim).map(|j| if j == i { 1.0 } else { 0.0 }).collect::<Vec<f32>>();
        origin[0] = 0.0;
        if self.dim > 1 {
            origin[1] = 0.0;
        }
        Plane { origin, x_axis: unit(0), y_axis: if self.dim > 1 { unit(1) } else { vec![0.0; self.dim] } }
    }

    fn scatter_of(&mut self, projection: Projection, points: Vec<f32>) -> Scatter {
        self.shown = Some((projection, points.clone()));
        Scatter {
            step: self.step,
            epoch: self.epoch,
            projection,
            dim: self.dim,
            knn_points: held_out_knn_accuracy(&points, &self.labels, 2, KNN_K),
            points,
            labels: self.labels.clone(),
            knn_codes: self.knn_codes,
            plane: None,
        }
    }

    /// Where `code` (another image's, e.g. a drawing's) goes in the last scatter: its own first
    /// two coordinates when the scatter shows those, else the mean position of its
    /// [`PLACE_AMONG`] nearest test codes weighted by closeness (PCA and t-SNE alike: t-SNE
    /// has no map for new points, and this is the usual stand-in). `None` before a scatter.
    pub fn place(&self, code: &[f32]) -> Option<[f32; 2]> {
        let (projection, points) = self.shown.as_ref()?;
        if code.len() != self.dim {
            return None;
        }
        if *projection == Projection::Raw {
            return Some([code[0], code.get(1).copied().unwrap_or(0.0)]);
        }
        let mut nearest: Vec<(f32, usize)> = self
            .codes
            .chunks_exact(self.dim)
            .enumerate()
            .map(|(i, c)| (c.iter().zip(code).map(|(a, b)| (a - b) * (a - b)).sum::<f32>(), i))
            .collect();
        let k = PLACE_AMONG.min(nearest.len());
        if k == 0 {
            return None;
        }
        nearest.select_nth_unstable_by(k - 1, |a, b| a.0.total_cmp(&b.0));
        let (mut at, mut total) = ([0.0f32; 2], 0.0f32);
        for &(d2, i) in &nearest[..k] {
            let w = 1.0 / (d2.sqrt() + 1e-6);
            at[0] += w * points[2 * i];
            at[1] += w * points[2 * i + 1];
            total += w;
        }
        Some([at[0] / total, at[1] / total])
    }

    /// Begin a t-SNE map of the codes (replacing one in progress).
    pub fn start_tsne(&mut self, perplexity: f32, seed: u64) {
        let config = TsneConfig { perplexity, iterations: TSNE_ITERATIONS, seed, ..TsneConfig::default() };
        let tsne = Tsne::new(&self.codes, self.dim, &config);
        self.tsne = Some((tsne, Projection::Tsne { perplexity, seed }));
    }

    pub fn is_mapping(&self) -> bool {
        self.tsne.is_some()
    }

    pub fn cancel_tsne(&mut self) {
        self.tsne = None;
    }

    /// A few more t-SNE iterations: how far the map is, and the finished scatter once the last
    /// iteration is done. `None` when no map is running.
    pub fn advance_tsne(&mut self) -> Option<TsneStep> {
        let (tsne, projection) = self.tsne.as_mut()?;
        let done = tsne.step(TSNE_CHUNK);
        let mut step = TsneStep { done, total: TSNE_ITERATIONS, scatter: None };
        if tsne.is_done() {
            let (projection, points) = (*projection, tsne.embedding().to_vec());
            self.tsne = None;
            step.scatter = Some(self.scatter_of(projection, points));
        }
        Some(step)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Codes of four classes in 3-D.
    fn view(dim: usize) -> CodeView {
        let codes: Vec<f32> = (0..40).flat_map(|i| (0..dim).map(move |j| ((i * 7 + j * 3) % 11) as f32 * 0.3 - (j as f32) * 0.5 + (i % 4) as f32)).collect();
        CodeView::new(codes, dim, (0..40).map(|i| (i % 4) as u8).collect(), 0, 0)
    }

    #[test]
    fn a_planes_point_decodes_to_the_code_it_shows() {
        // 2-D codes: both views are exact (the plane is the whole code space).
        for projection in [Projection::Raw, Projection::Pca] {
            let mut v = view(2);
            let scatter = v.scatter(projection);
            let plane = scatter.plane.expect("a plane");
            for (i, p) in scatter.points.chunks_exact(2).enumerate() {
                let code = plane.code(p[0], p[1]);
                for (a, b) in code.iter().zip(&v.codes[2 * i..2 * i + 2]) {
                    assert!((a - b).abs() < 1e-4, "{projection:?} point {i}: {code:?}");
                }
            }
        }
        // Wider codes through PCA: the point's code is the code's projection on the plane,
        // which lies as far along each axis as the point says.
        let mut v = view(3);
        let scatter = v.scatter(Projection::Pca);
        let plane = scatter.plane.expect("a plane");
        let p = &scatter.points[..2];
        let code = plane.code(p[0], p[1]);
        let along = |axis: &[f32]| code.iter().zip(&plane.origin).zip(axis).map(|((c, o), a)| (c - o) * a).sum::<f32>();
        assert!((along(&plane.x_axis) - p[0]).abs() < 1e-4 && (along(&plane.y_axis) - p[1]).abs() < 1e-4);
    }
}
