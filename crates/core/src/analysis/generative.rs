//! Numbers for the qualitative claims about a generative model's pictures (the Fashion-MNIST
//! report's E4/E5: "samples all meaningful", "traversal abrupt" or "smooth").
//!
//! - [`sample_quality`]: how many decoded samples a reference classifier is sure about, and how
//!   much the samples differ from one another pixel by pixel (uniform grey blobs score near 0
//!   on both: a classifier is rarely sure about them, and they are all alike).
//! - [`frechet_distance`]: how far the samples' distribution is from the real images', in a
//!   reference classifier's feature space (the Fréchet distance between two Gaussians fitted to
//!   the two sets of features: the FID's formula with the lab's own classifier as the feature
//!   extractor). Unlike the share of sure samples it also counts diversity: samples that are all
//!   the same sure-looking picture score far from the real set.
//! - [`largest_step_share`]: of the distance travelled between adjacent decoded frames along a
//!   path, the share taken by the single largest step: `1 / steps` when every step is the same
//!   size, near 1 when the picture jumps once and otherwise stands still.
//! - [`path_energy`]: a path's perceptual energy, `K·Σ|Δf|² / |f_K − f_0|²` over the features
//!   `f` of its `K + 1` frames (a perceptual path length, Karras et al. 2019, divided by the
//!   end-to-end distance): 1 for features moving straight at an even pace, `K` for one jump.
//!
//! Plain slices, row-major, accumulated in f64; no tensors.

/// How sure a classifier counts as sure: the class probability a sample needs.
pub const CONFIDENT: f32 = 0.9;

/// Sample quality of `n` decoded samples.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SampleQuality {
    /// Share of the samples whose most likely class has probability ≥ the threshold.
    pub confident_share: f64,
    /// Variance across the samples of each pixel, averaged over pixels.
    pub pixel_variance: f64,
    /// Which classes the sure samples were given; `None` when none was sure.
    pub sure_classes: Option<SureClasses>,
}

/// The classes a classifier gave the samples it was sure of: one class taking most of them
/// means the share of sure samples counts look-alikes, not variety.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SureClasses {
    /// Samples the classifier was sure of.
    pub sure: usize,
    /// The class it gave most of them, and how many.
    pub top_class: usize,
    pub top_count: usize,
    /// Classes given to at least one sure sample.
    pub distinct: usize,
}

impl SureClasses {
    /// From the sure samples' count per class (see [`sure_by_class`]); `None` when every
    /// count is 0. Ties go to the lower class.
    pub fn from_counts(counts: &[usize]) -> Option<SureClasses> {
        let sure = counts.iter().sum();
        let (top_class, &top_count) = counts.iter().enumerate().rev().max_by_key(|&(_, c)| c)?;
        (sure > 0).then(|| SureClasses { sure, top_class, top_count, distinct: counts.iter().filter(|&&c| c > 0).count() })
    }

    /// The share of the sure samples in [`Self::top_class`].
    pub fn top_share(&self) -> f64 {
        self.top_count as f64 / self.sure.max(1) as f64
    }
}

/// For each class, how many rows of `probabilities` (`n × classes`) give it probability
/// `threshold` or more (a row at or above the threshold in no class counts nowhere).
///
/// Panics if `classes == 0` or `probabilities.len()` is not a multiple of `classes`.
pub fn sure_by_class(probabilities: &[f32], classes: usize, threshold: f32) -> Vec<usize> {
    assert!(classes > 0 && probabilities.len().is_multiple_of(classes), "sure_by_class: not whole rows of {classes}");
    let mut counts = vec![0; classes];
    for row in probabilities.chunks_exact(classes) {
        // With threshold > 0.5 at most one class of a distribution reaches it; the first wins.
        if let Some(class) = row.iter().position(|&p| p >= threshold) {
            counts[class] += 1;
        }
    }
    counts
}

/// Share of the rows of `probabilities` (`n × classes`, row-major; each row a distribution
/// over the classes) with some class at probability `threshold` or more. 0 for no rows.
///
/// Panics if `classes == 0` or `probabilities.len()` is not a multiple of `classes`.
pub fn confident_share(probabilities: &[f32], classes: usize, threshold: f32) -> f64 {
    assert!(classes > 0 && probabilities.len().is_multiple_of(classes), "confident_share: not whole rows of {classes}");
    let n = probabilities.len() / classes;
    if n == 0 {
        return 0.0;
    }
    let sure = probabilities.chunks_exact(classes).filter(|row| row.iter().any(|&p| p >= threshold)).count();
    sure as f64 / n as f64
}

/// The variance across `images` (`n × pixels`, row-major) of each pixel (divided by `n`, the
/// population variance), averaged over the pixels. 0 for fewer than two images.
///
/// Panics if `pixels == 0` or `images.len()` is not a multiple of `pixels`.
pub fn mean_pixel_variance(images: &[f32], pixels: usize) -> f64 {
    assert!(pixels > 0 && images.len().is_multiple_of(pixels), "mean_pixel_variance: not whole images of {pixels}");
    let n = images.len() / pixels;
    if n < 2 {
        return 0.0;
    }
    let mut sum = vec![0.0f64; pixels];
    let mut sum_sq = vec![0.0f64; pixels];
    for image in images.chunks_exact(pixels) {
        for (j, &v) in image.iter().enumerate() {
            let v = f64::from(v);
            sum[j] += v;
            sum_sq[j] += v * v;
        }
    }
    let n = n as f64;
    let total: f64 = sum.iter().zip(&sum_sq).map(|(s, q)| (q / n - (s / n).powi(2)).max(0.0)).sum();
    total / pixels as f64
}

/// [`confident_share`] (at [`CONFIDENT`]) and [`mean_pixel_variance`] of `n` samples:
/// `probabilities` is `n × classes`, `images` is `n × pixels`.
///
/// Panics if the two disagree on `n`, or on the conditions of those two functions.
pub fn sample_quality(probabilities: &[f32], classes: usize, images: &[f32], pixels: usize) -> SampleQuality {
    assert_eq!(probabilities.len() / classes.max(1), images.len() / pixels.max(1), "sample_quality: different numbers of samples");
    SampleQuality {
        confident_share: confident_share(probabilities, classes, CONFIDENT),
        pixel_variance: mean_pixel_variance(images, pixels),
        sure_classes: SureClasses::from_counts(&sure_by_class(probabilities, classes, CONFIDENT)),
    }
}

/// Mean (length `dim`) and covariance (`dim × dim`, divided by `n − 1`) of the rows of `rows`.
fn mean_and_covariance(rows: &[f32], dim: usize) -> (Vec<f64>, Vec<f64>) {
    let n = rows.len() / dim;
    let mut mean = vec![0.0f64; dim];
    for row in rows.chunks_exact(dim) {
        for (m, &v) in mean.iter_mut().zip(row) {
            *m += f64::from(v);
        }
    }
    mean.iter_mut().for_each(|m| *m /= n as f64);
    let mut cov = vec![0.0f64; dim * dim];
    for row in rows.chunks_exact(dim) {
        let centred: Vec<f64> = row.iter().zip(&mean).map(|(&v, m)| f64::from(v) - m).collect();
        for i in 0..dim {
            for j in 0..=i {
                cov[i * dim + j] += centred[i] * centred[j];
            }
        }
    }
    let denominator = (n as f64 - 1.0).max(1.0);
    for i in 0..dim {
        for j in 0..=i {
            cov[i * dim + j] /= denominator;
            cov[j * dim + i] = cov[i * dim + j];
        }
    }
    (mean, cov)
}

/// The Fréchet distance between Gaussians fitted to the rows of `a` and of `b` (`n × dim`,
/// row-major): `‖μa − μb‖² + tr(Ca) + tr(Cb) − 2·tr((Ca·Cb)^½)`. 0 for the same distribution;
/// in squared feature units. The trace of the matrix square root is `Σ √λ` over the
/// eigenvalues of `Lᵀ·Cb·L` (`Ca = L·Lᵀ`, which has the eigenvalues of `Ca·Cb` and is
/// symmetric); `Ca` gets a ridge of 1e-9 of the two sets' mean variance where it is singular
/// (dead features). `None` with fewer than two rows in either set or non-finite values.
///
/// Panics if `dim == 0` or either slice is not whole rows of `dim`.
pub fn frechet_distance(a: &[f32], b: &[f32], dim: usize) -> Option<f64> {
    assert!(dim > 0 && a.len().is_multiple_of(dim) && b.len().is_multiple_of(dim), "frechet_distance: not whole rows of {dim}");
    if a.len() / dim < 2 || b.len() / dim < 2 {
        return None;
    }
    let ((mean_a, cov_a), (mean_b, cov_b)) = (mean_and_covariance(a, dim), mean_and_covariance(b, dim));
    let trace = |c: &[f64]| (0..dim).map(|i| c[i * dim + i]).sum::<f64>();
    let (trace_a, trace_b) = (trace(&cov_a), trace(&cov_b));
    let ridge = 1e-9 * ((trace_a + trace_b) / (2 * dim) as f64).max(f64::MIN_POSITIVE);
    let l = crate::explore::cholesky(&cov_a, dim, 0.0)
        .or_else(|| crate::explore::cholesky(&cov_a, dim, ridge))
        .or_else(|| crate::explore::cholesky(&cov_a, dim, ridge * 1e6))?;
    // m = Lᵀ·Cb·L
    let mut cb_l = vec![0.0f64; dim * dim];
    for i in 0..dim {
        for k in 0..dim {
            let c = cov_b[i * dim + k];
            if c != 0.0 {
                for j in 0..=k {
                    cb_l[i * dim + j] += c * l[k * dim + j];
                }
            }
        }
    }
    let mut m = vec![0.0f64; dim * dim];
    for i in 0..dim {
        for j in 0..=i {
            m[i * dim + j] = (i..dim).map(|k| l[k * dim + i] * cb_l[k * dim + j]).sum();
        }
    }
    let root_trace: f64 = super::symmetric_eigenvalues(&m, dim).iter().map(|&v| v.max(0.0).sqrt()).sum();
    let mean_term: f64 = mean_a.iter().zip(&mean_b).map(|(x, y)| (x - y).powi(2)).sum();
    let distance = (mean_term + trace_a + trace_b - 2.0 * root_trace).max(0.0);
    distance.is_finite().then_some(distance)
}

/// The L2 distances between adjacent frames of a path (`frames × frame_len`, row-major):
/// `frames − 1` values.
///
/// Panics if `frame_len == 0` or `frames.len()` is not a multiple of it.
pub fn step_lengths(frames: &[f32], frame_len: usize) -> Vec<f64> {
    assert!(frame_len > 0 && frames.len().is_multiple_of(frame_len), "step_lengths: not whole frames of {frame_len}");
    let rows: Vec<&[f32]> = frames.chunks_exact(frame_len).collect();
    rows.windows(2)
        .map(|w| w[0].iter().zip(w[1]).map(|(&a, &b)| (f64::from(a) - f64::from(b)).powi(2)).sum::<f64>().sqrt())
        .collect()
}

/// The largest step between adjacent frames divided by the path's length (the sum of the
/// steps): `1 / steps` for a perfectly even path, 1 for a single jump. `None` when the path
/// has no step (fewer than two frames) or does not move at all (every frame the same).
///
/// Panics as [`step_lengths`].
pub fn largest_step_share(frames: &[f32], frame_len: usize) -> Option<f64> {
    let steps = step_lengths(frames, frame_len);
    let total: f64 = steps.iter().sum();
    let largest = steps.iter().copied().fold(0.0f64, f64::max);
    (total > 0.0 && total.is_finite()).then(|| largest / total)
}

/// The mean of [`largest_step_share`] over several paths of `frames_per_path` frames each, laid
/// one after another in `frames` (e.g. the rows of a traversal grid), skipping paths that do
/// not move; `None` when none moves.
///
/// Panics if `frames_per_path == 0`, or `frames` is not whole paths of whole frames.
pub fn mean_largest_step_share(frames: &[f32], frame_len: usize, frames_per_path: usize) -> Option<f64> {
    let path_len = frame_len * frames_per_path;
    assert!(path_len > 0 && frames.len().is_multiple_of(path_len), "mean_largest_step_share: not whole paths");
    let shares: Vec<f64> = frames.chunks_exact(path_len).filter_map(|p| largest_step_share(p, frame_len)).collect();
    (!shares.is_empty()).then(|| shares.iter().sum::<f64>() / shares.len() as f64)
}

/// A path of decoded frames seen against the straight line between its two ends, in pixels
/// (see [`line_view`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineView {
    /// The largest step of the frames' positions along the line, as a share of all their
    /// movement along it: `1 / K` for an even pace (a cross-fade's), near 1 when the picture
    /// changes in one step.
    pub pace: f64,
    /// The in-between frames' mean distance off the line, as a share of the distance between
    /// the ends: 0 when each frame is a blend of the two ends, larger when the frames pass
    /// through other pictures on the way.
    pub detour: f64,
}

impl LineView {
    /// The mean of each figure over `views`; `None` for none.
    pub fn mean(views: &[LineView]) -> Option<LineView> {
        let n = views.len() as f64;
        (!views.is_empty()).then(|| LineView {
            pace: views.iter().map(|v| v.pace).sum::<f64>() / n,
            detour: views.iter().map(|v| v.detour).sum::<f64>() / n,
        })
    }
}

/// A path's frames `x_0 … x_K` against the line from `x_0` to `x_K`: each frame's position
/// along it, `t_k = ⟨x_k − x_0, x_K − x_0⟩ / |x_K − x_0|²`, gives [`LineView::pace`] (the
/// largest `|t_{k+1} − t_k|` over `Σ |t_{k+1} − t_k|`), and its distance off it,
/// `|x_k − x_0 − t_k·(x_K − x_0)|`, averaged over `k = 1 … K − 1` and divided by `|x_K − x_0|`,
/// gives [`LineView::detour`]. Together they split what [`largest_step_share`] sees into an
/// uneven pace and a detour. `None` for fewer than three frames or when the two ends coincide.
///
/// Panics as [`step_lengths`].
pub fn line_view(frames: &[f32], frame_len: usize) -> Option<LineView> {
    assert!(frame_len > 0 && frames.len().is_multiple_of(frame_len), "line_view: not whole frames of {frame_len}");
    let rows: Vec<&[f32]> = frames.chunks_exact(frame_len).collect();
    let k = rows.len().checked_sub(1).filter(|&k| k >= 2)?;
    let first = rows[0];
    let span: Vec<f64> = first.iter().zip(rows[k]).map(|(&a, &b)| f64::from(b) - f64::from(a)).collect();
    let span_sq: f64 = span.iter().map(|v| v * v).sum();
    if !(span_sq > 0.0 && span_sq.is_finite()) {
        return None;
    }
    let (mut along, mut off) = (Vec::with_capacity(k + 1), 0.0);
    for (i, row) in rows.iter().enumerate() {
        let rel: Vec<f64> = row.iter().zip(first).map(|(&x, &a)| f64::from(x) - f64::from(a)).collect();
        let t = rel.iter().zip(&span).map(|(r, s)| r * s).sum::<f64>() / span_sq;
        if i > 0 && i < k {
            off += rel.iter().zip(&span).map(|(r, s)| (r - t * s).powi(2)).sum::<f64>().sqrt();
        }
        along.push(t);
    }
    let steps: Vec<f64> = along.windows(2).map(|w| (w[1] - w[0]).abs()).collect();
    let total: f64 = steps.iter().sum();
    let largest = steps.iter().copied().fold(0.0f64, f64::max);
    Some(LineView { pace: largest / total, detour: off / (k - 1) as f64 / span_sq.sqrt() })
}

/// [`LineView::mean`] of [`line_view`] over several paths of `frames_per_path` frames each, laid
/// one after another in `frames`, skipping paths whose ends coincide; `None` when every path's
/// do.
///
/// Panics if `frames_per_path == 0`, or `frames` is not whole paths of whole frames.
pub fn mean_line_view(frames: &[f32], frame_len: usize, frames_per_path: usize) -> Option<LineView> {
    let path_len = frame_len * frames_per_path;
    assert!(path_len > 0 && frames.len().is_multiple_of(path_len), "mean_line_view: not whole paths");
    let views: Vec<LineView> = frames.chunks_exact(path_len).filter_map(|p| line_view(p, frame_len)).collect();
    LineView::mean(&views)
}

/// A path's perceptual energy: with `f_0 … f_K` the rows of `features` (`(K + 1) × dim`, the
/// features of its frames in order), `K · Σ_k |f_{k+1} − f_k|² / |f_K − f_0|²`. By
/// Cauchy–Schwarz it is at least 1, reached when the features move along a straight line in
/// equal steps; a detour or an uneven pace raises it, and a single jump (every other step
/// still) gives `K`. Dividing by the end-to-end distance keeps it from calling a blurrier
/// model (features closer together) smoother. `None` for fewer than two frames or when the
/// two ends coincide.
///
/// Panics if `dim == 0` or `features` is not whole rows of `dim`.
pub fn path_energy(features: &[f32], dim: usize) -> Option<f64> {
    assert!(dim > 0 && features.len().is_multiple_of(dim), "path_energy: not whole rows of {dim}");
    let frames = features.len() / dim;
    if frames < 2 {
        return None;
    }
    let squared = |a: &[f32], b: &[f32]| a.iter().zip(b).map(|(&x, &y)| (f64::from(x) - f64::from(y)).powi(2)).sum::<f64>();
    let rows: Vec<&[f32]> = features.chunks_exact(dim).collect();
    let walked: f64 = rows.windows(2).map(|w| squared(w[0], w[1])).sum();
    let end_to_end = squared(rows[0], rows[frames - 1]);
    let energy = (frames - 1) as f64 * walked / end_to_end;
    (end_to_end > 0.0 && energy.is_finite()).then_some(energy)
}

/// The median of [`path_energy`] over paths of `frames_per_path` frames laid one after another
/// in `features`, skipping paths whose ends coincide; `None` when none is left.
///
/// Panics if `frames_per_path == 0`, or as [`path_energy`].
pub fn median_path_energy(features: &[f32], dim: usize, frames_per_path: usize) -> Option<f64> {
    let path_len = dim * frames_per_path;
    assert!(path_len > 0 && features.len().is_multiple_of(path_len), "median_path_energy: not whole paths");
    let mut energies: Vec<f64> = features.chunks_exact(path_len).filter_map(|p| path_energy(p, dim)).collect();
    if energies.is_empty() {
        return None;
    }
    energies.sort_by(f64::total_cmp);
    let mid = energies.len() / 2;
    Some(if energies.len() % 2 == 1 { energies[mid] } else { (energies[mid - 1] + energies[mid]) / 2.0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confident_share_counts_rows_at_or_above_the_threshold() {
        let probs = [
            0.95, 0.05, 0.0, // sure
            0.5, 0.4, 0.1, // unsure
            0.0, 0.1, 0.9, // exactly at 0.9: sure
            0.34, 0.33, 0.33, // unsure
        ];
        assert_eq!(confident_share(&probs, 3, 0.9), 0.5);
        assert_eq!(confident_share(&probs, 3, 0.99), 0.0);
        assert_eq!(confident_share(&[], 3, 0.9), 0.0);
    }

    #[test]
    fn identical_images_have_no_pixel_variance() {
        let blob = [0.3f32, 0.3, 0.3, 0.3];
        let images: Vec<f32> = blob.iter().cycle().take(4 * 5).copied().collect();
        assert_eq!(mean_pixel_variance(&images, 4), 0.0);
        assert_eq!(mean_pixel_variance(&blob, 4), 0.0, "one image has no spread");
    }

    #[test]
    fn pixel_variance_is_the_population_variance_averaged_over_pixels() {
        // Pixel 0 takes 0 and 1 (variance 0.25); pixel 1 is always 0.5 (variance 0).
        let images = [0.0f32, 0.5, 1.0, 0.5];
        assert!((mean_pixel_variance(&images, 2) - 0.125).abs() < 1e-12);
    }

    #[test]
    fn sample_quality_combines_both() {
        let probs = [1.0f32, 0.0, 0.5, 0.5];
        let images = [0.0f32, 1.0];
        let q = sample_quality(&probs, 2, &images, 1);
        assert_eq!(q.confident_share, 0.5);
        assert!((q.pixel_variance - 0.25).abs() < 1e-12);
        assert_eq!(q.sure_classes, Some(SureClasses { sure: 1, top_class: 0, top_count: 1, distinct: 1 }));
    }

    #[test]
    fn a_path_against_the_line_between_its_ends() {
        // A cross-fade of two-pixel frames from (0, 1) to (1, 0) in 4 steps: an even pace, on the line.
        let fade: Vec<f32> = (0..5).flat_map(|i| [i as f32 / 4.0, 1.0 - i as f32 / 4.0]).collect();
        let v = line_view(&fade, 2).unwrap();
        assert!((v.pace - 0.25).abs() < 1e-12 && v.detour < 1e-12, "{v:?}");
        // On the line but all of the change in the last of 3 steps: pace 1.
        let jump = [0.0f32, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0, 0.0];
        let v = line_view(&jump, 2).unwrap();
        assert!((v.pace - 1.0).abs() < 1e-12 && v.detour < 1e-12, "{v:?}");
        // Even along the line from (0, 0) to (2, 0), but the middle frame 1 off it: detour 1/2.
        let bump = [0.0f32, 0.0, 1.0, 1.0, 2.0, 0.0];
        let v = line_view(&bump, 2).unwrap();
        assert!((v.pace - 0.5).abs() < 1e-12 && (v.detour - 0.5).abs() < 1e-12, "{v:?}");
        assert_eq!(line_view(&[0.0, 1.0], 1), None, "no in-between frame");
        assert_eq!(line_view(&[0.3, 0.9, 0.3], 1), None, "the ends coincide");
        // Two paths averaged (the fade's and the bump's), a still one skipped.
        let mut paths: Vec<f32> = [0.0f32, 0.0, 1.0, 0.0, 2.0, 0.0].to_vec();
        paths.extend(bump);
        paths.extend([0.5f32; 6]);
        let v = mean_line_view(&paths, 2, 3).unwrap();
        assert!((v.pace - 0.5).abs() < 1e-12 && (v.detour - 0.25).abs() < 1e-12, "{v:?}");
        assert_eq!(mean_line_view(&[0.5f32; 6], 2, 3), None);
    }

    #[test]
    fn sure_samples_are_counted_by_the_class_they_were_given() {
        // Rows: sure of 2, sure of 0, unsure, sure of 2, sure of 2 at exactly the threshold.
        let probs = [0.0f32, 0.05, 0.95, 0.92, 0.08, 0.0, 0.4, 0.3, 0.3, 0.0, 0.0, 1.0, 0.1, 0.0, 0.9];
        let counts = sure_by_class(&probs, 3, 0.9);
        assert_eq!(counts, vec![1, 0, 3]);
        let s = SureClasses::from_counts(&counts).unwrap();
        assert_eq!(s, SureClasses { sure: 4, top_class: 2, top_count: 3, distinct: 2 });
        assert_eq!(s.top_share(), 0.75);
        assert_eq!(SureClasses::from_counts(&[0, 0, 0]), None, "nothing sure");
        assert_eq!(SureClasses::from_counts(&[]), None);
        assert_eq!(SureClasses::from_counts(&[2, 0, 2]).unwrap().top_class, 0, "a tie goes to the lower class");
    }

    /// `n` rows of `dim` values: row `i` is `offset + scale · z_i` with `z` a fixed,
    /// zero-mean, uncorrelated pattern of ±1 (Hadamard-like signs).
    fn pattern(n: usize, dim: usize, offset: f32, scale: &[f32]) -> Vec<f32> {
        (0..n).flat_map(|i| (0..dim).map(move |j| (i, j))).map(|(i, j)| offset + scale[j] * if (i >> j) & 1 == 0 { 1.0 } else { -1.0 }).collect()
    }

    #[test]
    fn frechet_distance_of_a_set_to_itself_is_zero() {
        let a = pattern(64, 3, 0.2, &[1.0, 0.5, 2.0]);
        assert!(frechet_distance(&a, &a, 3).unwrap() < 1e-9);
    }

    #[test]
    fn frechet_distance_matches_the_closed_forms() {
        // Same covariance, means apart by (1, 1, 1): the squared distance of the means, 3.
        let (a, b) = (pattern(64, 3, 0.0, &[1.0, 1.0, 1.0]), pattern(64, 3, 1.0, &[1.0, 1.0, 1.0]));
        assert!((frechet_distance(&a, &b, 3).unwrap() - 3.0).abs() < 1e-9);
        // Same mean, standard deviations 1 and 2 per axis: Σ (σa − σb)² = 3 · 1 (variances
        // divided by n − 1: scaled by n / (n − 1) on both sides).
        let (a, b) = (pattern(64, 3, 0.0, &[1.0, 1.0, 1.0]), pattern(64, 3, 0.0, &[2.0, 2.0, 2.0]));
        let expected = 3.0 * 64.0 / 63.0;
        assert!((frechet_distance(&a, &b, 3).unwrap() - expected).abs() < 1e-9, "{:?}", frechet_distance(&a, &b, 3));
    }

    #[test]
    fn identical_samples_are_far_from_a_varied_set() {
        // All samples the same point at the real set's mean: the whole real variance is missed.
        let real = pattern(64, 2, 0.0, &[1.0, 1.0]);
        let collapsed = vec![0.0f32; 64 * 2];
        let d = frechet_distance(&collapsed, &real, 2).unwrap();
        // The singular covariance gets its ridge: off by about 2·Σ√(ridge·λ), ~1e-4 here.
        assert!((d - 2.0 * 64.0 / 63.0).abs() < 1e-3, "{d}");
        assert_eq!(frechet_distance(&[1.0, 2.0], &real, 2), None, "one row has no covariance");
    }

    #[test]
    fn an_even_path_scores_one_over_its_steps() {
        // 5 frames of 2 values moving by the same amount each step: 4 steps.
        let frames: Vec<f32> = (0..5).flat_map(|i| [i as f32 * 0.1, 1.0 - i as f32 * 0.1]).collect();
        let share = largest_step_share(&frames, 2).unwrap();
        assert!((share - 0.25).abs() < 1e-6, "{share}");
    }

    #[test]
    fn a_single_jump_scores_one() {
        let frames = [0.0f32, 0.0, 0.0, 1.0, 1.0, 1.0];
        assert_eq!(largest_step_share(&frames, 1), Some(1.0));
        let lengths = step_lengths(&frames, 1);
        assert_eq!(lengths, vec![0.0, 0.0, 1.0, 0.0, 0.0]);
    }

    #[test]
    fn an_abrupt_path_scores_above_an_even_one_with_the_same_ends() {
        let even: Vec<f32> = (0..8).map(|i| i as f32 / 7.0).collect();
        let abrupt: Vec<f32> = (0..8).map(|i| if i < 4 { 0.05 * i as f32 } else { 0.85 + 0.05 * (i - 4) as f32 }).collect();
        let (e, a) = (largest_step_share(&even, 1).unwrap(), largest_step_share(&abrupt, 1).unwrap());
        assert!(a > e, "abrupt {a} vs even {e}");
        assert!((e - 1.0 / 7.0).abs() < 1e-6);
    }

    #[test]
    fn a_still_or_single_frame_path_has_no_share() {
        assert_eq!(largest_step_share(&[0.2, 0.2, 0.2, 0.2], 2), None);
        assert_eq!(largest_step_share(&[0.2, 0.4], 2), None);
        assert_eq!(largest_step_share(&[], 2), None);
    }

    #[test]
    fn mean_share_averages_moving_paths_and_skips_still_ones() {
        // Three paths of 3 frames of 1 value: even (0.5), one jump (1.0), still (skipped).
        let frames = [0.0f32, 1.0, 2.0, 0.0, 0.0, 3.0, 5.0, 5.0, 5.0];
        assert_eq!(mean_largest_step_share(&frames, 1, 3), Some(0.75));
        assert_eq!(mean_largest_step_share(&[1.0, 1.0], 1, 2), None);
    }
    #[test]
    fn an_even_straight_path_has_energy_one() {
        // Five frames on a line at equal steps, in 2-D.
        let f: Vec<f32> = (0..5).flat_map(|k| [k as f32 * 0.5, 1.0 - k as f32 * 0.25]).collect();
        assert!((path_energy(&f, 2).unwrap() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn a_jump_scores_the_number_of_steps_and_a_detour_more_than_one() {
        // Four steps, all the change in one: K = 4.
        let jump = [0.0f32, 0.0, 0.0, 1.0, 1.0];
        assert!((path_energy(&jump, 1).unwrap() - 4.0).abs() < 1e-12);
        // Out to (1, 1) and back down to (2, 0) in two equal steps: walked 2 · 2 = 4 squared
        // units, end to end 4: energy 2 · 4 / 4 = 2.
        let detour = [0.0f32, 0.0, 1.0, 1.0, 2.0, 0.0];
        assert!((path_energy(&detour, 2).unwrap() - 2.0).abs() < 1e-12);
        // Ends that coincide have no energy.
        assert_eq!(path_energy(&[1.0f32, 2.0, 1.0], 1), None);
        assert_eq!(path_energy(&[1.0f32], 1), None);
    }

    #[test]
    fn the_median_path_energy_skips_still_paths() {
        let even = [0.0f32, 1.0, 2.0];
        let jump = [0.0f32, 0.0, 1.0];
        let still = [3.0f32, 4.0, 3.0];
        let paths: Vec<f32> = [even, jump, jump, still].concat();
        // Energies 1, 2, 2 (the still path skipped): median 2.
        assert_eq!(median_path_energy(&paths, 1, 3), Some(2.0));
        assert_eq!(median_path_energy(&still, 1, 3), None);
        let two: Vec<f32> = [even, jump].concat();
        assert_eq!(median_path_energy(&two, 1, 3), Some(1.5));
    }
}
