//! Epoch replay: the scatter of the test codes at the end of every epoch of a run, kept so
//! that a scrubber can show how the clusters formed. Each frame is turned and mirrored onto the
//! one before it (orthogonal Procrustes in the plane), so that a principal direction whose sign
//! flips between epochs does not flip the picture.

use super::{Projection, Scatter};

/// Frames kept at most. A frame of 2,000 test points is about 18 KB (two f32 and a label per
/// point), so a replay holds at most about 1.2 MB; a longer run keeps every other frame of
/// its older history (the first and the latest always stay).
pub const MAX_FRAMES: usize = 64;

/// The frames of one run, oldest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Replay {
    frames: Vec<Scatter>,
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
            let later = scatter.epoch > last.epoch;
            let same_view = last.projection == scatter.projection && last.labels == scatter.labels;
            if !later || !same_view {
                return false;
            }
        }
        let mut frame = scatter.clone();
        if let Some(last) = self.frames.last() {
            frame.points = aligned_to(&last.points, &frame.points);
            // The plane (the latent map's) belongs to the live scatter's coordinates.
            frame.plane = None;
        }
        self.frames.push(frame);
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

    pub fn frames(&self) -> &[Scatter] {
        &self.frames
    }

    pub fn len(&self) -> usize {
        self.frames.len()
    }

    pub fn is_empty(&self) -> bool {
        self.frames.is_empty()
    }
}

/// `points` (`n × 2`, row-major) turned and possibly mirrored about their centre so that they
/// lie as close as possible (least squares) to `reference` (the same `n` points elsewhere), then
/// moved onto the reference's centre; their own scale is kept. Non-finite points stay where
/// they are and do not count. When the sizes differ, `points` come back unchanged.
pub fn aligned_to(reference: &[f32], points: &[f32]) -> Vec<f32> {
    if reference.len() != points.len() || points.len() % 2 != 0 {
        return points.to_vec();
    }
    let pairs = || {
        reference.chunks_exact(2).zip(points.chunks_exact(2)).filter(|(a, b)| a.iter().chain(b.iter()).all(|v| v.is_finite()))
    };
    let count = pairs().count();
    if count == 0 {
        return points.to_vec();
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
    points
        .chunks_exact(2)
        .flat_map(|b| {
            if !(b[0].is_finite() && b[1].is_finite()) {
                return [b[0], b[1]];
            }
            let (bx, by) = (f64::from(b[0]) - rb.0, mirror * (f64::from(b[1]) - rb.1));
            [(bx * cos - by * sin + ra.0) as f32, (bx * sin + by * cos + ra.1) as f32]
        })
        .collect()
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
        for (u, v) in a.iter().zip(&replay.frames()[1].points) {
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
        assert_eq!(replay.frames()[0].epoch, 0);
        assert_eq!(replay.frames().last().unwrap().epoch, 199);
        assert!(replay.frames().windows(2).all(|w| w[0].epoch < w[1].epoch));
    }
}
