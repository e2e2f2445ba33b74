//! The latent-space exploration helpers and the drawing pad's preprocessing.

mod common;

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use replab_core::explore::{
    Gaussian, bilinear_grid, dot, lerp_path, mnist_from_ink, pca, percentile_range, slerp_path,
};

// ---------------------------------------------------------------------------------------------
// Helpers

/// `count` independent N(0, 1) values (Box–Muller, independent of the crate's own).
fn normals(rng: &mut StdRng, count: usize) -> Vec<f64> {
    (0..count)
        .map(|_| {
            let u1 = 1.0 - rng.random::<f64>();
            let u2 = rng.random::<f64>();
            (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
        })
        .collect()
}

fn norm(v: &[f32]) -> f32 {
    dot(v, v).sqrt()
}

/// A random `dim × dim` orthogonal matrix; its rows are the returned vectors.
fn random_rotation(rng: &mut StdRng, dim: usize) -> Vec<Vec<f64>> {
    let mut rows: Vec<Vec<f64>> = Vec::new();
    while rows.len() < dim {
        let mut v = normals(rng, dim);
        for r in &rows {
            let p: f64 = r.iter().zip(&v).map(|(a, b)| a * b).sum();
            v.iter_mut().zip(r).for_each(|(x, y)| *x -= p * y);
        }
        let n = v.iter().map(|x| x * x).sum::<f64>().sqrt();
        if n > 1e-6 {
            rows.push(v.iter().map(|x| x / n).collect());
        }
    }
    rows
}

/// Mean and covariance (divided by n − 1) of `rows` (`n × dim`), in f64, computed naïvely.
fn moments(rows: &[f32], dim: usize) -> (Vec<f64>, Vec<f64>) {
    let n = rows.len() / dim;
    let mut mean = vec![0.0; dim];
    for r in rows.chunks(dim) {
        for (m, &x) in mean.iter_mut().zip(r) {
            *m += x as f64 / n as f64;
        }
    }
    let mut cov = vec![0.0; dim * dim];
    for r in rows.chunks(dim) {
        for i in 0..dim {
            for j in 0..dim {
                cov[i * dim + j] += (r[i] as f64 - mean[i]) * (r[j] as f64 - mean[j]) / (n - 1) as f64;
            }
        }
    }
    (mean, cov)
}

fn assert_orthonormal(vectors: &[Vec<f32>]) {
    for (i, a) in vectors.iter().enumerate() {
        assert!((norm(a) - 1.0).abs() < 1e-4, "component {i} has norm {}", norm(a));
        for (j, b) in vectors.iter().enumerate().skip(i + 1) {
            assert!(dot(a, b).abs() < 1e-4, "components {i} and {j}: dot {}", dot(a, b));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// PCA

#[test]
fn dot_is_the_inner_product() {
    assert_eq!(dot(&[1.0, 2.0, 3.0], &[4.0, -5.0, 6.0]), 12.0);
    assert_eq!(dot(&[], &[]), 0.0);
}

#[test]
fn pca_recovers_known_directions_and_variances() {
    let (dim, n) = (32, 5000);
    let stds = [10.0, 7.0, 5.0, 3.5, 2.5, 1.8];
    let count = stds.len();
    let mut rng = StdRng::seed_from_u64(7);
    let rotation = random_rotation(&mut rng, dim);
    let offset: Vec<f64> = (0..dim).map(|i| i as f64 * 0.3 - 4.0).collect();

    // x = offset + Σ_k s_k z_k r_k, with s_k = stds[k] for the first few axes, 0.5 for the rest.
    let mut rows = Vec::with_capacity(n * dim);
    for _ in 0..n {
        let z = normals(&mut rng, dim);
        let mut x = offset.clone();
        for (k, r) in rotation.iter().enumerate() {
            let s = stds.get(k).copied().unwrap_or(0.5) * z[k];
            x.iter_mut().zip(r).for_each(|(x, r)| *x += s * r);
        }
        rows.extend(x.iter().map(|&v| v as f32));
    }

    let p = pca(&rows, dim, count);
    assert_eq!(p.mean.len(), dim);
    assert_eq!(p.components.len(), count);
    assert_eq!(p.variances.len(), count);
    for (m, o) in p.mean.iter().zip(&offset) {
        assert!((*m as f64 - o).abs() < 0.5, "mean {m} vs {o}");
    }
    assert_orthonormal(&p.components);
    for k in 0..count {
        let c = &p.components[k];
        assert_eq!(c.len(), dim);
        let cos: f64 = c.iter().zip(&rotation[k]).map(|(&a, b)| a as f64 * b).sum();
        assert!(cos.abs() > 0.99, "component {k}: |cos| = {}", cos.abs());
        let expected = stds[k] * stds[k];
        let got = p.variances[k] as f64;
        assert!((got - expected).abs() < 0.1 * expected, "variance {k}: {got} vs {expected}");
        // Sign convention: the largest-magnitude entry is positive.
        let biggest = c.iter().copied().fold(0.0f32, |m, x| if x.abs() > m.abs() { x } else { m });
        assert!(biggest > 0.0, "component {k} has a negative largest entry");
    }
    assert!(p.variances.windows(2).all(|w| w[0] >= w[1]), "variances not decreasing: {:?}", p.variances);
    // Deterministic.
    assert_eq!(pca(&rows, dim, count), p);
}

#[test]
fn pca_components_are_eigenvectors_of_the_covariance() {
    // Whatever the data: C v = λ v against a naïvely computed covariance, and λ = the sample
    // variance of the projections. dim 37 (not a multiple of 4) and a search block smaller
    // than dim, so every code path of the solver runs.
    let (dim, n) = (37, 800);
    let mut rng = StdRng::seed_from_u64(3);
    let rows: Vec<f32> = (0..n)
        .flat_map(|_| {
            let z = normals(&mut rng, dim);
            (0..dim).map(move |i| (z[i] * (1.0 + 0.2 * i as f64) + z[(i + 1) % dim] * 0.7) as f32).collect::<Vec<_>>()
        })
        .collect();
    let (_, cov) = moments(&rows, dim);
    let p = pca(&rows, dim, 5);
    assert_orthonormal(&p.components);
    for (c, &v) in p.components.iter().zip(&p.variances) {
        let residual: f64 = (0..dim)
            .map(|i| {
                let cv: f64 = (0..dim).map(|j| cov[i * dim + j] * c[j] as f64).sum();
                (cv - v as f64 * c[i] as f64).powi(2)
            })
            .sum::<f64>()
            .sqrt();
        assert!(residual < 1e-3 * p.variances[0] as f64, "residual {residual} for variance {v}");
        let proj: Vec<f64> = rows
            .chunks(dim)
            .map(|r| r.iter().zip(&p.mean).zip(c).map(|((&x, &m), &c)| (x - m) as f64 * c as f64).sum())
            .collect();
        let mean = proj.iter().sum::<f64>() / n as f64;
        let var = proj.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
        assert!((var - v as f64).abs() < 1e-3 * var, "variance {v} vs projected {var}");
    }
    // And they are the top ones: no direction of the (brute-force) covariance beats the first.
    for i in 0..dim {
        assert!(cov[i * dim + i] <= p.variances[0] as f64 * (1.0 + 1e-4));
    }
}

#[test]
fn pca_handles_degenerate_input() {
    // Three points in 8-D span a plane: two positive variances, the rest zero, all orthonormal.
    let rows: Vec<f32> =
        [[1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.0, 2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.0; 8]].concat();
    let p = pca(&rows, 8, 5);
    assert_orthonormal(&p.components);
    assert!(p.variances[1] > 0.1);
    assert!(p.variances[2..].iter().all(|&v| v.abs() < 1e-5), "{:?}", p.variances);
    // count is clamped to dim; one row and constant data give zero variances.
    let p = pca(&[1.0, 2.0, 3.0], 3, 10);
    assert_eq!(p.components.len(), 3);
    assert_orthonormal(&p.components);
    assert_eq!(p.variances, vec![0.0; 3]);
    assert_eq!(p.mean, vec![1.0, 2.0, 3.0]);
    assert!(pca(&[1.0, 2.0], 2, 0).components.is_empty());
}

#[test]
fn pca_is_fast_on_a_realistic_latent_set() {
    // dim 128, n 2000, 16 components on near-isotropic data (the slowest case to converge).
    let (dim, n) = (128, 2000);
    let mut rng = StdRng::seed_from_u64(11);
    let rows: Vec<f32> = normals(&mut rng, n * dim).iter().map(|&x| x as f32).collect();
    let start = std::time::Instant::now();
    let p = pca(&rows, dim, 16);
    let elapsed = start.elapsed();
    assert_orthonormal(&p.components);
    // Well under 100 ms in release; generous here for unoptimised test builds on a busy machine.
    assert!(elapsed.as_secs_f64() < 2.0, "pca took {elapsed:?}");
}

// ---------------------------------------------------------------------------------------------
// Slider ranges

#[test]
fn percentile_range_interpolates_order_statistics() {
    let values: Vec<f32> = (0..=100).rev().map(|v| v as f32).collect();
    assert_eq!(percentile_range(&values, 0.01, 0.99), (1.0, 99.0));
    assert_eq!(percentile_range(&values, 0.0, 1.0), (0.0, 100.0));
    // Between order statistics: 0.5 of the way from 1 to 2 (positions 1.5 of 0..=3 → 1.5).
    let (lo, hi) = percentile_range(&[3.0, 0.0, 2.0, 1.0], 0.5, 0.9);
    assert!((lo - 1.5).abs() < 1e-6 && (hi - 2.7).abs() < 1e-6, "{lo} {hi}");
}

#[test]
fn percentile_range_is_never_empty() {
    let (lo, hi) = percentile_range(&[5.0; 10], 0.01, 0.99);
    assert!(lo < 5.0 && 5.0 < hi && hi - lo < 0.1, "{lo} {hi}");
    let (lo, hi) = percentile_range(&[0.0], 0.5, 0.5);
    assert!(lo < 0.0 && 0.0 < hi, "{lo} {hi}");
    let (lo, hi) = percentile_range(&[], 0.01, 0.99);
    assert!(lo < hi);
}

// ---------------------------------------------------------------------------------------------
// Paths and grids

#[test]
fn lerp_path_endpoints_are_exact_and_spacing_even() {
    let a = [0.1f32, -3.7, 2.2];
    let b = [1.3f32, 0.3, -0.9];
    let path = lerp_path(&a, &b, 5);
    assert_eq!(path.len(), 15);
    assert_eq!(&path[..3], &a);
    assert_eq!(&path[12..], &b);
    for (k, row) in path.chunks(3).enumerate() {
        let t = k as f32 / 4.0;
        for i in 0..3 {
            assert!((row[i] - (a[i] + t * (b[i] - a[i]))).abs() < 1e-6);
        }
    }
    assert_eq!(lerp_path(&a, &b, 2), [a, b].concat());
}

#[test]
fn slerp_keeps_the_norm_and_turns_evenly() {
    let a = [3.0f32, 0.0, 0.0, 0.0];
    let b = [0.0f32, 0.0, 3.0, 0.0];
    let path = slerp_path(&a, &b, 3);
    assert_eq!(&path[..4], &a);
    assert_eq!(&path[8..], &b);
    let mid = &path[4..8];
    assert!((norm(mid) - 3.0).abs() < 1e-5, "midpoint norm {}", norm(mid));
    let s = 3.0 / 2.0f32.sqrt();
    for (got, want) in mid.iter().zip([s, 0.0, s, 0.0]) {
        assert!((got - want).abs() < 1e-5, "{mid:?}");
    }
    // Every step turns by the same angle, and the norm is constant.
    let path = slerp_path(&a, &b, 7);
    for (k, row) in path.chunks(4).enumerate() {
        assert!((norm(row) - 3.0).abs() < 1e-5);
        let angle = (dot(row, &a) / (norm(row) * 3.0)).clamp(-1.0, 1.0).acos();
        assert!((angle - k as f32 / 6.0 * std::f32::consts::FRAC_PI_2).abs() < 1e-4);
    }
}

#[test]
fn slerp_interpolates_the_norm_and_falls_back_to_lerp() {
    // Different norms: the midpoint's norm is the average, its direction the bisector.
    let a = [1.0f32, 0.0];
    let b = [0.0f32, 3.0];
    let path = slerp_path(&a, &b, 3);
    assert_eq!(&path[..2], &a);
    assert_eq!(&path[4..], &b);
    assert!((norm(&path[2..4]) - 2.0).abs() < 1e-5);
    assert!((path[2] - path[3]).abs() < 1e-5);
    // (Nearly) parallel, opposite or zero endpoints: identical to lerp.
    let c = [2.0f32, 4.0];
    assert_eq!(slerp_path(&[1.0, 2.0], &c, 4), lerp_path(&[1.0, 2.0], &c, 4));
    assert_eq!(slerp_path(&[-1.0, -2.0], &c, 4), lerp_path(&[-1.0, -2.0], &c, 4));
    assert_eq!(slerp_path(&[0.0, 0.0], &c, 4), lerp_path(&[0.0, 0.0], &c, 4));
    for v in slerp_path(&[1.0, 2.0], &c, 4) {
        assert!(v.is_finite());
    }
}

#[test]
fn bilinear_grid_corners_exact_and_centre_is_the_mean() {
    let tl = [0.3f32, 1.0];
    let tr = [2.7f32, -1.0];
    let bl = [-0.9f32, 5.0];
    let br = [1.1f32, 0.1];
    for (rows, cols) in [(5, 7), (3, 3), (9, 5)] {
        let g = bilinear_grid([&tl, &tr, &bl, &br], rows, cols);
        assert_eq!(g.len(), rows * cols * 2);
        let cell = |r: usize, c: usize| &g[(r * cols + c) * 2..(r * cols + c) * 2 + 2];
        assert_eq!(cell(0, 0), &tl);
        assert_eq!(cell(0, cols - 1), &tr);
        assert_eq!(cell(rows - 1, 0), &bl);
        assert_eq!(cell(rows - 1, cols - 1), &br);
        let centre = cell(rows / 2, cols / 2);
        for i in 0..2 {
            let mean = (tl[i] + tr[i] + bl[i] + br[i]) / 4.0;
            assert!((centre[i] - mean).abs() < 1e-6, "{rows}×{cols}: {centre:?}");
        }
        // The middle of the top edge is the mean of the top corners.
        let top = cell(0, cols / 2);
        assert!((top[0] - (tl[0] + tr[0]) / 2.0).abs() < 1e-6);
    }
}

// ---------------------------------------------------------------------------------------------
// Gaussian

#[test]
fn gaussian_fit_then_sample_reproduces_the_moments() {
    // A correlated 3-D Gaussian: x = m + A z.
    let m = [1.0, -2.0, 0.5];
    let a = [[2.0, 0.0, 0.0], [1.5, 0.5, 0.0], [-0.8, 0.3, 0.4]];
    let mut rng = StdRng::seed_from_u64(5);
    let data: Vec<f32> = (0..4000)
        .flat_map(|_| {
            let z = normals(&mut rng, 3);
            (0..3).map(move |i| (m[i] + (0..3).map(|k| a[i][k] * z[k]).sum::<f64>()) as f32).collect::<Vec<_>>()
        })
        .collect();
    let (data_mean, data_cov) = moments(&data, 3);

    let g = Gaussian::fit(&data, 3);
    assert_eq!(g.dim(), 3);
    assert_eq!(g.chol.len(), 9);
    assert!(g.chol[1] == 0.0 && g.chol[2] == 0.0 && g.chol[5] == 0.0, "not lower-triangular: {:?}", g.chol);
    for (gm, dm) in g.mean.iter().zip(&data_mean) {
        assert!((*gm as f64 - dm).abs() < 1e-5);
    }

    let samples = g.sample(20_000, &mut rng);
    assert_eq!(samples.len(), 60_000);
    let (s_mean, s_cov) = moments(&samples, 3);
    for i in 0..3 {
        let sd = data_cov[i * 3 + i].sqrt();
        assert!((s_mean[i] - data_mean[i]).abs() < 0.05 * sd, "mean {i}: {} vs {}", s_mean[i], data_mean[i]);
        for j in 0..3 {
            let scale = (data_cov[i * 3 + i] * data_cov[j * 3 + j]).sqrt();
            let (got, want) = (s_cov[i * 3 + j], data_cov[i * 3 + j]);
            assert!((got - want).abs() < 0.05 * scale, "cov[{i}][{j}]: {got} vs {want}");
        }
    }
}

#[test]
fn standard_gaussian_samples_are_unit_normal() {
    let g = Gaussian::standard(4);
    assert_eq!(g.dim(), 4);
    assert_eq!(g.mean, vec![0.0; 4]);
    let mut rng = StdRng::seed_from_u64(9);
    let samples = g.sample(20_000, &mut rng);
    let (mean, cov) = moments(&samples, 4);
    for i in 0..4 {
        assert!(mean[i].abs() < 0.03, "mean {i}: {}", mean[i]);
        for j in 0..4 {
            let want = if i == j { 1.0 } else { 0.0 };
            assert!((cov[i * 4 + j] - want).abs() < 0.04, "cov[{i}][{j}] = {}", cov[i * 4 + j]);
        }
    }
    // Odd dimension (Box–Muller makes pairs) and zero samples.
    assert_eq!(Gaussian::standard(3).sample(5, &mut rng).len(), 15);
    assert!(Gaussian::standard(3).sample(0, &mut rng).is_empty());
}

#[test]
fn gaussian_fit_survives_degenerate_data() {
    // Perfectly collinear data, and constant data: still a valid (finite) factor.
    let collinear: Vec<f32> = (0..50).flat_map(|i| [i as f32, 2.0 * i as f32]).collect();
    let constant = [1.0f32, 2.0].repeat(10);
    for data in [collinear, constant] {
        let g = Gaussian::fit(&data, 2);
        assert!(g.chol.iter().all(|x| x.is_finite()));
        let s = g.sample(100, &mut StdRng::seed_from_u64(1));
        assert!(s.iter().all(|x| x.is_finite()));
    }
}

// ---------------------------------------------------------------------------------------------
// Drawing pad → MNIST

/// Rows (or columns) of a 28×28 image holding any value above 0.05: (first, last).
fn ink_span(img: &[f32], by_rows: bool) -> (usize, usize) {
    let lines: Vec<usize> =
        (0..28).filter(|&a| (0..28).any(|b| if by_rows { img[a * 28 + b] } else { img[b * 28 + a] } > 0.05)).collect();
    (lines[0], *lines.last().unwrap())
}

fn centre_of_mass(img: &[f32]) -> (f64, f64) {
    let (mut t, mut x, mut y) = (0.0, 0.0, 0.0);
    for r in 0..28 {
        for c in 0..28 {
            let v = img[r * 28 + c] as f64;
            t += v;
            x += v * (c as f64 + 0.5);
            y += v * (r as f64 + 0.5);
        }
    }
    (x / t, y / t)
}

fn assert_centred(img: &[f32]) {
    let (x, y) = centre_of_mass(img);
    // MNIST's own digits have theirs at (14.5, 14.5) on average (the middle of pixel (14, 14)).
    assert!((x - 14.5).abs() <= 0.5 && (y - 14.5).abs() <= 0.5, "centre of mass ({x}, {y})");
}

/// A `w × h` pad with the rectangles `(x0, y0, x1, y1)` (exclusive ends) fully inked.
fn pad(w: usize, h: usize, rects: &[(usize, usize, usize, usize)]) -> Vec<f32> {
    let mut ink = vec![0.0f32; w * h];
    for &(x0, y0, x1, y1) in rects {
        for y in y0..y1 {
            for x in x0..x1 {
                ink[y * w + x] = 1.0;
            }
        }
    }
    ink
}

#[test]
fn a_vertical_stroke_becomes_a_centred_one() {
    let ink = pad(280, 280, &[(190, 40, 210, 240)]);
    let img = mnist_from_ink(&ink, 280, 280).expect("ink was drawn");
    assert_eq!(img.len(), 784);
    assert!(img.iter().all(|&v| (0.0..=1.0).contains(&v)));
    let (top, bottom) = ink_span(&img, true);
    assert!((19..=21).contains(&(bottom - top + 1)), "height {}", bottom - top + 1);
    let (left, right) = ink_span(&img, false);
    assert!(right - left < 6, "width {}", right - left + 1);
    assert_centred(&img);
    // A solid bar stays solid: full ink somewhere.
    assert!(img.iter().any(|&v| v > 0.9));
}

#[test]
fn an_empty_pad_is_none() {
    assert_eq!(mnist_from_ink(&vec![0.0; 280 * 280], 280, 280), None);
    // Faint smudges below the threshold do not count either.
    assert_eq!(mnist_from_ink(&vec![0.04; 100 * 50], 100, 50), None);
}

#[test]
fn a_wide_shape_is_scaled_to_twenty_pixels_across() {
    // An L: a vertical bar and a longer foot, 200 wide × 100 tall.
    let ink = pad(300, 280, &[(40, 100, 60, 200), (40, 180, 240, 200)]);
    let img = mnist_from_ink(&ink, 300, 280).expect("ink was drawn");
    let (left, right) = ink_span(&img, false);
    assert_eq!(right - left + 1, 20);
    let (top, bottom) = ink_span(&img, true);
    assert!((9..=11).contains(&(bottom - top + 1)), "height {}", bottom - top + 1);
    assert_centred(&img);
    // The L's corner is bottom-left: more ink in the bottom row than the top one.
    let row_sum = |r: usize| img[r * 28..r * 28 + 28].iter().sum::<f32>();
    assert!(row_sum(bottom) > 3.0 * row_sum(top));
}

#[test]
fn a_tiny_drawing_is_enlarged() {
    // A 3×6 blob in a 28×28 input → 10×20, centred.
    let ink = pad(28, 28, &[(2, 1, 5, 7)]);
    let img = mnist_from_ink(&ink, 28, 28).expect("ink was drawn");
    let (top, bottom) = ink_span(&img, true);
    assert_eq!(bottom - top + 1, 20);
    let (left, right) = ink_span(&img, false);
    assert_eq!(right - left + 1, 10);
    assert_centred(&img);
    assert!(img.iter().filter(|&&v| v > 0.99).count() >= 200 - 40, "an enlarged solid block stays solid");
    // A single pixel becomes a 20×20 square.
    let mut dot_ink = vec![0.0f32; 9];
    dot_ink[4] = 1.0;
    let img = mnist_from_ink(&dot_ink, 3, 3).unwrap();
    assert_eq!(img.iter().filter(|&&v| v > 0.5).count(), 400);
    assert_centred(&img);
}

#[test]
fn off_centre_ink_is_recentred_by_mass_not_by_box() {
    // A heavy bar and a thin one: the box centre and the mass centre differ.
    let ink = pad(200, 200, &[(20, 20, 80, 180), (160, 20, 165, 180)]);
    let img = mnist_from_ink(&ink, 200, 200).unwrap();
    assert_centred(&img);
    let (left, right) = ink_span(&img, false);
    assert!(left > 0, "the light side has room");
    // The box's middle is off the mass centre (14.5) by more than the half pixel rounding allows.
    let (x, _) = centre_of_mass(&img);
    assert!(((left + right + 1) as f64 / 2.0 - x).abs() > 1.0, "centred by mass, not by box: box {left}..{right}, mass {x}");
}

#[test]
fn an_mnist_digit_enlarged_comes_back_as_itself() {
    // Real MNIST test digits, enlarged 10× (nearest), go through the pad preprocessing and come
    // back as themselves (MNIST was made this way), in place: MNIST's centres of mass sit in
    // [14, 15) in pixel-centre coordinates and so do ours. A whole-pixel shift is allowed where
    // the rounding of a centre near a pixel border goes the other way.
    let raw = common::gunzip(&common::read("data/mnist/t10k-images-idx3-ubyte.gz"));
    let mut in_place = 0;
    for index in 0..50 {
        let digit: Vec<f32> = raw[16 + index * 784..16 + (index + 1) * 784].iter().map(|&b| b as f32 / 255.0).collect();
        let big: Vec<f32> = (0..280 * 280).map(|k| digit[(k / 280 / 10) * 28 + (k % 280) / 10]).collect();
        let img = mnist_from_ink(&big, 280, 280).unwrap();
        assert_centred(&img);
        let shifted = |dx: i32, dy: i32| -> Vec<f32> {
            (0..784usize)
                .map(|k| {
                    let (r, c) = ((k / 28) as i32 + dy, (k % 28) as i32 + dx);
                    if (0..28).contains(&r) && (0..28).contains(&c) { digit[(r * 28 + c) as usize] } else { 0.0 }
                })
                .collect()
        };
        let best = (-1..=1)
            .flat_map(|dy| (-1..=1).map(move |dx| (dx, dy)))
            .map(|(dx, dy)| correlation(&shifted(dx, dy), &img))
            .fold(f64::MIN, f64::max);
        assert!(best > 0.999, "digit {index}: best correlation {best}");
        in_place += usize::from(correlation(&digit, &img) > 0.999);
    }
    assert!(in_place >= 45, "{in_place} of 50 digits come back in place");
}

fn correlation(a: &[f32], b: &[f32]) -> f64 {
    let mean = |v: &[f32]| v.iter().map(|&x| x as f64).sum::<f64>() / v.len() as f64;
    let (ma, mb) = (mean(a), mean(b));
    let cov: f64 = a.iter().zip(b).map(|(&x, &y)| (x as f64 - ma) * (y as f64 - mb)).sum();
    let var = |v: &[f32], m: f64| v.iter().map(|&x| (x as f64 - m).powi(2)).sum::<f64>();
    cov / (var(a, ma) * var(b, mb)).sqrt()
}

/// Timings for the record: `cargo test --release --test explore -- --ignored --nocapture`.
#[test]
#[ignore]
fn pca_timings() {
    let mut rng = StdRng::seed_from_u64(1);
    for (dim, n, count) in [(16, 2000, 8), (128, 2000, 16), (784, 2000, 16), (1024, 10_000, 16)] {
        let rows: Vec<f32> = normals(&mut rng, n * dim).iter().map(|&x| x as f32).collect();
        let start = std::time::Instant::now();
        let p = pca(&rows, dim, count);
        eprintln!("pca dim {dim} n {n} count {count}: {:?}", start.elapsed());
        assert_orthonormal(&p.components);
    }
}

#[test]
fn non_finite_input_does_not_panic() {
    let rows = [1.0, f32::NAN, 2.0, 3.0, 4.0, 5.0];
    let p = pca(&rows, 2, 2);
    assert_eq!(p.components.len(), 2);
    assert!(p.variances.iter().all(|v| v.is_nan()));
    assert_eq!(Gaussian::fit(&rows, 2), Gaussian::standard(2));
    assert!(mnist_from_ink(&[f32::NAN, 1.0, 0.0, f32::INFINITY], 2, 2).is_some());
}
