//! Epoch replay: the scatter of the test codes at the end of every epoch of a run, kept so
//! that a scrubber can show how the clusters formed. Each frame is turned and mirrored onto the
//! one before it (orthogonal Procrustes in the plane), so that a principal direction whose sign
//! flips between epochs does not flip the picture. A model with a decoder also keeps each
//! frame's latent map, decoded over the turned frame (so the tiles lie under its dots), and its
//! reconstructions of the grid's test images.

use super::{Projection, Scatter};
use crate::data::ImageStrip;
use crate::explore::{MAP_SIDE, MapExtent, Plane, grid_points};

/// Frames kept at most. A frame of 2,000 test points is about 18 KB (two f32 and a label per
/// point), so the scatters of a replay hold at most about 1.2 MB; a longer run keeps every other
/// frame of its older history (the first and the latest always stay).
pub const MAX_FRAMES: usize = 64;

/// Bytes of latent maps a replay keeps at most: 16 MiB. A map is 256 decoded tiles, 200 KB for
/// MNIST (every frame's fits) and 786 KB for CIFAR-10 (about 21 fit); past the budget every
/// other older frame gives its map up, the first and the latest keep theirs.
pub const MAP_BUDGET: usize = 16 << 20;

/// A turn (and possibly a mirror) of the plane about one centre, then a move to another: how a
/// frame's own coordinates become the replay's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Turn {
    /// −1 to mirror (y → −y) before turning.
    mirror: f64,
    cos: f64,
    sin: f64,
    from: (f64, f64),
    to: (f64, f64),
}

impl Turn {
    /// Leaves every point where it is.
    pub const NONE: Turn = Turn { mirror: 1.0, cos: 1.0, sin: 0.0, from: (0.0, 0.0), to: (0.0, 0.0) };

    /// The turn that lays `points` (`n × 2`, row-major) as close as possible (least squares) onto
    /// `reference` (the same `n` points elsewhere), centre onto centre; their own scale is kept.
    /// Non-finite points do not count. [`Turn::NONE`] when the sizes differ or nothing counts.
    pub fn onto(reference: &[f32], points: &[f32]) -> Turn {
        if reference.len() != points.len() || !points.len().is_multiple_of(2) {
            return Turn::NONE;
        }
        let pairs = || {
            reference.chunks_exact(2).zip(points.chunks_exact(2)).filter(|(a, b)| a.iter().chain(b.iter()).all(|v| v.is_finite()))
        };
        let count = pairs().count();
        if count == 0 {
            return Turn::NONE;
        }
        let (mut ra, mut rb) = ((0.0f64, 0.0f64), (0.0f64, 0.0f64));
        for (a, b) in pairs() {
            ra = (ra.0 + f64::from(a[0]), ra.1 + f64::from(a[1]));
            rb = (rb.0 + f64::from(b[0]), rb.1 + f64::from(b[1]));
        }
        let n = count as f64;
        let (ra, rb) = ((ra.0 / n, ra.1 / n), (rb.0 / n, rb.1 / n));
        // For a rotation by θ, Σ a·R(θ)b = S cos θ + C sin θ, largest at θ = atan2(C, S); a mirror
        // (y → −y) first gives the same with b's y negated. The larger of the two wins.
        let best = |mirror: f64| {
            let (mut s, mut c) = (0.0f64, 0.0f64);
            for (a, b) in pairs() {
                let (ax, ay) = (f64::from(a[0]) - ra.0, f64::from(a[1]) - ra.1);
                let (bx, by) = (f64::from(b[0]) - rb.0, mirror * (f64::from(b[1]) - rb.1));
                s += ax * bx + ay * by;
                c += ay * bx - ax * by;
            }
            (s.hypot(c), c.atan2(s))
        };
        let ((plain, angle), (mirrored, mirror_angle)) = (best(1.0), best(-1.0));
        let (mirror, angle) = if mirrored > plain { (-1.0, mirror_angle) } else { (1.0, angle) };
        let (sin, cos) = angle.sin_cos();
        Turn { mirror, cos, sin, from: rb, to: ra }
    }

    /// Where `(x, y)` goes.
    pub fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        let (bx, by) = (f64::from(x) - self.from.0, self.mirror * (f64::from(y) - self.from.1));
        ((bx * self.cos - by * self.sin + self.to.0) as f32, (bx * self.sin + by * self.cos + self.to.1) as f32)
    }

    /// Where `(u, v)` came from: the inverse of [`Turn::apply`].
    pub fn undo(&self, u: f32, v: f32) -> (f32, f32) {
        let (dx, dy) = (f64::from(u) - self.to.0, f64::from(v) - self.to.1);
        let (bx, by) = (dx * self.cos + dy * self.sin, -dx * self.sin + dy * self.cos);
        ((bx + self.from.0) as f32, (self.mirror * by + self.from.1) as f32)
    }

    /// Every point of `points` (`n × 2`) turned; non-finite points stay where they are.
    pub fn apply_all(&self, points: &[f32]) -> Vec<f32> {
        points
            .chunks_exact(2)
            .flat_map(|p| {
                if !(p[0].is_finite() && p[1].is_finite()) {
                    return [p[0], p[1]];
                }
                let (x, y) = self.apply(p[0], p[1]);
                [x, y]
            })
            .collect()
    }
}

/// `points` turned onto `reference` ([`Turn::onto`]).
pub fn aligned_to(reference: &[f32], points: &[f32]) -> Vec<f32> {
    Turn::onto(reference, points).apply_all(points)
}

/// A latent map kept with its frame: the tiles and the training step of the model that decoded
/// them (the page asks as the frame arrives, and the worker answers between two chunks of
/// training: usually one chunk, 10 steps, past the frame's).
#[derive(Debug, Clone, PartialEq)]
pub struct FrameMap {
    pub grid: ImageStrip,
    pub step: usize,
}

/// One epoch of the replay.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// The epoch's scatter turned onto the frame before it (its `plane` is `None`).
    pub scatter: Scatter,
    /// The latent map over the turned scatter's extent, once decoded.
    pub map: Option<FrameMap>,
    /// The reconstruction grid's test images as the model rebuilt them at this epoch (the
    /// epoch's `EpochEnd`; 16 images: 12.5 KB for MNIST, 49 KB for CIFAR-10).
    pub reconstructions: Option<ImageStrip>,
    /// The scatter's plane in its own coordinates, for a model with a decoder.
    plane: Option<Plane>,
    /// From the scatter's own coordinates to the frame's.
    turn: Turn,
}

impl Frame {
    /// The codes of the frame's latent map tiles (`MAP_SIDE²`, row by row from the top left),
    /// laid over its turned scatter: each tile's point turned back into the epoch's own plane.
    /// `None` without a plane (no decoder, or a view that has none).
    pub fn map_codes(&self) -> Option<Vec<f32>> {
        let plane = self.plane.as_ref()?;
        let extent = MapExtent::of(&self.scatter.points);
        Some(grid_points(&extent, MAP_SIDE).flat_map(|(x, y)| {
            let (x, y) = self.turn.undo(x, y);
            plane.code(x, y)
        }).collect())
    }
}

/// The frames of one run, oldest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Replay {
    frames: Vec<Frame>,
    /// Reconstructions of an epoch whose frame has not come yet (they come first).
    pending: Option<(usize, ImageStrip)>,
}

impl Replay {
    /// Keep `scatter` if it is the first one of a later epoch than the last frame (epoch 0 is
    /// the untrained model), drawn the same way (a t-SNE map is never a frame: it is computed
    /// once, after training); returns whether it was kept. Aligned onto the frame before it.
    pub fn push(&mut self, scatter: &Scatter) -> bool {
        if matches!(scatter.projection, Projection::Tsne { .. }) {
            return false;
        }
        if let Some(last) = self.frames.last() {
            let later = scatter.epoch > last.scatter.epoch;
            let same_view = last.scatter.projection == scatter.projection && last.scatter.labels == scatter.labels;
            if !later || !same_view {
                return false;
            }
        }
        let turn = self.frames.last().map_or(Turn::NONE, |last| Turn::onto(&last.scatter.points, &scatter.points));
        let mut turned = scatter.clone();
        turned.points = turn.apply_all(&scatter.points);
        // The plane belongs to the scatter's own coordinates: the frame keeps it beside.
        let plane = turned.plane.take();
        let reconstructions = self.pending.take().filter(|(epoch, _)| *epoch == scatter.epoch).map(|(_, r)| r);
        self.frames.push(Frame { scatter: turned, map: None, reconstructions, plane, turn });
        if self.frames.len() > MAX_FRAMES {
            // Thin the older half: drop every other frame between the first and the middle.
            let middle = self.frames.len() / 2;
            let mut index = 0;
            self.frames.retain(|_| {
                let keep = index == 0 || index >= middle || index % 2 == 0;
                index += 1;
                keep
            });
        }
        true
    }

    /// Keep `grid` (decoded by the model at `step`) as the latent map of the frame of `epoch`;
    /// false when there is no such frame any more. Past [`MAP_BUDGET`] every other older map
    /// goes.
    pub fn set_map(&mut self, epoch: usize, grid: ImageStrip, step: usize) -> bool {
        let Some(frame) = self.frames.iter_mut().find(|f| f.scatter.epoch == epoch) else { return false };
        frame.map = Some(FrameMap { grid, step });
        let bytes = |frames: &[Frame]| frames.iter().filter_map(|f| f.map.as_ref()).map(|m| m.grid.pixels.len()).sum::<usize>();
        while bytes(&self.frames) > MAP_BUDGET {
            let last = self.frames.len() - 1;
            let with_map: Vec<usize> = (1..last).filter(|&i| self.frames[i].map.is_some()).collect();
            if with_map.is_empty() {
                break;
            }
            // The 2nd, 4th… of the older frames that still have a map (the 1st if there is one).
            for &i in with_map.iter().skip(usize::from(with_map.len() > 1)).step_by(2) {
                self.frames[i].map = None;
            }
        }
        true
    }

    /// Keep `reconstructions` (the model's at the end of `epoch`) with that epoch's frame, now
    /// or when the frame comes.
    pub fn note_reconstructions(&mut self, epoch: usize, reconstructions: ImageStrip) {
        match self.frames.iter_mut().find(|f| f.scatter.epoch == epoch) {
            Some(frame) => frame.reconstructions = Some(reconstructions),
            None => self.pending = Some((epoch, reconstructions)),
        }
    }

    pub fn frames(&self) -> &[Frame] {
        &self.frames
    }

    /// The latest frame that has its latent map.
    pub fn latest_map(&self) -> Option<&Frame> {
        self.frames.iter().rev().find(|f| f.map.is_some())
    }

    pub fn len(&self) -> usize {
        self.frames.len()
    }

    pub fn is_empty(&self) -> bool {
        self.frames.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scatter(epoch: usize, points: Vec<f32>) -> Scatter {
        let n = points.len() / 2;
        Scatter {
            step: epoch * 10,
            epoch,
            projection: Projection::Pca,
            dim: 8,
            points,
            labels: (0..n).map(|i| (i % 3) as u8).collect(),
            knn_codes: 0.5,
            knn_points: 0.5,
            plane: None,
        }
    }

    fn cloud() -> Vec<f32> {
        (0..40).flat_map(|i| [(i as f32 * 0.37).sin() * 3.0 + i as f32 * 0.1, (i as f32 * 1.3).cos() - 0.05 * i as f32]).collect()
    }

    #[test]
    fn a_turned_mirrored_shifted_copy_aligns_back_onto_the_original() {
        let a = cloud();
        let (sin, cos) = 2.1f32.sin_cos();
        // Mirror, turn by 2.1 rad, shift: what a PCA sign flip and a new centre do.
        let b: Vec<f32> = a.chunks_exact(2).flat_map(|p| { let (x, y) = (p[0], -p[1]); [x * cos - y * sin + 5.0, x * sin + y * cos - 2.0] }).collect();
        let back = aligned_to(&a, &b);
        for (u, v) in a.iter().zip(&back) {
            assert!((u - v).abs() < 1e-4, "{u} vs {v}");
        }
        // Already aligned: unchanged.
        for (u, v) in a.iter().zip(&aligned_to(&a, &a)) {
            assert!((u - v).abs() < 1e-5);
        }
    }

    #[test]
    fn frames_are_one_per_epoch_aligned_and_bounded() {
        let mut replay = Replay::default();
        let a = cloud();
        assert!(replay.push(&scatter(0, a.clone())));
        // Epoch 1, with the second principal direction's sign flipped: kept, flipped back.
        let flipped: Vec<f32> = a.chunks_exact(2).flat_map(|p| [p[0], -p[1]]).collect();
        assert!(replay.push(&scatter(1, flipped)));
        for (u, v) in a.iter().zip(&replay.frames()[1].scatter.points) {
            assert!((u - v).abs() < 1e-4);
        }
        // A later picture of the same epoch, a t-SNE map, another view: not frames.
        assert!(!replay.push(&scatter(1, a.clone())));
        assert!(!replay.push(&Scatter { projection: Projection::Tsne { perplexity: 30.0, seed: 1 }, ..scatter(2, a.clone()) }));
        assert!(!replay.push(&Scatter { projection: Projection::Raw, ..scatter(2, a.clone()) }));
        assert_eq!(replay.len(), 2);
        // A long run: at most MAX_FRAMES, the first and the latest kept.
        for epoch in 2..200 {
            replay.push(&scatter(epoch, a.clone()));
            assert!(replay.len() <= MAX_FRAMES);
        }
        assert_eq!(replay.frames()[0].scatter.epoch, 0);
        assert_eq!(replay.frames().last().unwrap().scatter.epoch, 199);
        assert!(replay.frames().windows(2).all(|w| w[0].scatter.epoch < w[1].scatter.epoch));
    }

    #[test]
    fn a_turn_undoes_itself() {
        let a = cloud();
        let b: Vec<f32> = a.chunks_exact(2).flat_map(|p| [-p[1] + 3.0, p[0] * 1.0 - 7.0]).collect();
        let turn = Turn::onto(&a, &b);
        for p in b.chunks_exact(2) {
            let (u, v) = turn.apply(p[0], p[1]);
            let (x, y) = turn.undo(u, v);
            assert!((x - p[0]).abs() < 1e-4 && (y - p[1]).abs() < 1e-4);
        }
    }

    #[test]
    fn a_frames_map_lies_under_its_turned_dots_and_maps_keep_to_their_budget() {
        use crate::data::ImageShape;
        let plane = Plane { origin: vec![0.0, 0.0, 1.0], x_axis: vec![1.0, 0.0, 0.0], y_axis: vec![0.0, 1.0, 0.0] };
        let a = cloud();
        let mut replay = Replay::default();
        replay.push(&Scatter { plane: Some(plane.clone()), ..scatter(0, a.clone()) });
        // Epoch 1's plane is epoch 0's with the second direction's sign flipped: its own
        // coordinates are mirrored, the frame is turned back.
        let flipped: Vec<f32> = a.chunks_exact(2).flat_map(|p| [p[0], -p[1]]).collect();
        let flipped_plane = Plane { y_axis: vec![0.0, -1.0, 0.0], ..plane.clone() };
        replay.push(&Scatter { plane: Some(flipped_plane), ..scatter(1, flipped) });
        assert!(replay.frames().iter().all(|f| f.scatter.plane.is_none()));
        // The same codes: the map of epoch 1 is epoch 0's, tile for tile.
        let (m0, m1) = (replay.frames()[0].map_codes().unwrap(), replay.frames()[1].map_codes().unwrap());
        assert_eq!(m0.len(), MAP_SIDE * MAP_SIDE * 3);
        for (u, v) in m0.iter().zip(&m1) {
            assert!((u - v).abs() < 1e-3, "{u} vs {v}");
        }
        // Without a plane, no map.
        replay.push(&scatter(2, a.clone()));
        assert!(replay.frames()[2].map_codes().is_none());
        // Maps: kept by epoch; past the budget every other older one goes, first and last stay.
        let shape = ImageShape { channels: 3, height: 32, width: 32 };
        let grid = || ImageStrip { shape, count: 256, pixels: vec![7; 256 * shape.len()] };
        for epoch in 3..40 {
            replay.push(&scatter(epoch, a.clone()));
        }
        for epoch in 0..40 {
            assert!(replay.set_map(epoch, grid(), epoch * 10));
            let bytes: usize = replay.frames().iter().filter_map(|f| f.map.as_ref()).map(|m| m.grid.pixels.len()).sum();
            assert!(bytes <= MAP_BUDGET);
        }
        assert!(!replay.set_map(99, grid(), 0), "no frame of epoch 99");
        let kept: Vec<usize> = replay.frames().iter().filter(|f| f.map.is_some()).map(|f| f.scatter.epoch).collect();
        assert_eq!(kept.first(), Some(&0));
        assert_eq!(kept.last(), Some(&39));
        assert!(kept.len() >= MAP_BUDGET / (256 * 3072) / 2, "{kept:?}");
        assert_eq!(replay.latest_map().unwrap().map.as_ref().unwrap().step, 390);
    }

    #[test]
    fn reconstructions_join_their_epochs_frame_before_or_after_it_comes() {
        use crate::data::ImageShape;
        let strip = |v: u8| ImageStrip { shape: ImageShape::MNIST, count: 1, pixels: vec![v; 784] };
        let mut replay = Replay::default();
        // As the worker sends them: the epoch's figures and reconstructions, then its scatter.
        replay.note_reconstructions(0, strip(1));
        replay.push(&scatter(0, cloud()));
        replay.note_reconstructions(1, strip(2));
        replay.push(&scatter(1, cloud()));
        // Another epoch's reconstructions do not join a frame; a late one does.
        replay.note_reconstructions(5, strip(5));
        replay.push(&scatter(2, cloud()));
        replay.note_reconstructions(2, strip(3));
        let kept: Vec<u8> = replay.frames().iter().map(|f| f.reconstructions.as_ref().map_or(0, |r| r.pixels[0])).collect();
        assert_eq!(kept, [1, 2, 3]);
    }
}
