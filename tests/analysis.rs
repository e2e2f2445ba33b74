//! Tests of the analysis module: t-SNE, k-NN accuracy, linear probe, PCA spectrum.

mod common;

use replab_core::analysis::{
    LinearProbe, ProbeConfig, Tsne, TsneConfig, components_for, explained_variance, held_out_knn_accuracy,
    knn_accuracy, symmetric_eigenvalues,
};
use rand::{RngExt, SeedableRng, rngs::StdRng};

/// A standard normal sample (Box–Muller).
fn normal(rng: &mut StdRng) -> f64 {
    let (u1, u2) = (1.0 - rng.random::<f64>(), rng.random::<f64>());
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// `per_class` points of each of `classes` Gaussian clusters (std 1) in `dim` dimensions,
/// class `c` centred at `separation · e_(c mod dim)`, classes interleaved so that the even
/// and the odd points each hold every class (point `i` has label `(i / 2) mod classes`).
fn clusters(classes: usize, per_class: usize, dim: usize, separation: f64, seed: u64) -> (Vec<f32>, Vec<u8>) {
    let mut rng = StdRng::seed_from_u64(seed);
    let (mut points, mut labels) = (Vec::new(), Vec::new());
    for i in 0..classes * per_class {
        let c = (i / 2) % classes;
        for d in 0..dim {
            let centre = if d == c % dim { separation } else { 0.0 };
            points.push((centre + normal(&mut rng)) as f32);
        }
        labels.push(c as u8);
    }
    (points, labels)
}

/// A random `m × m` orthogonal matrix (row-major), by Gram–Schmidt on Gaussian rows.
fn random_rotation(m: usize, seed: u64) -> Vec<f64> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut q: Vec<f64> = (0..m * m).map(|_| normal(&mut rng)).collect();
    for i in 0..m {
        for j in 0..i {
            let d: f64 = (0..m).map(|k| q[i * m + k] * q[j * m + k]).sum();
            for k in 0..m {
                q[i * m + k] -= d * q[j * m + k];
            }
        }
        let norm = (0..m).map(|k| q[i * m + k].powi(2)).sum::<f64>().sqrt();
        (0..m).for_each(|k| q[i * m + k] /= norm);
    }
    q
}

/// `rows` (`n × m`) times the `m × m` matrix `q`.
fn times(rows: &[f64], q: &[f64], m: usize) -> Vec<f32> {
    rows.chunks_exact(m)
        .flat_map(|r| (0..m).map(move |j| (0..m).map(|k| r[k] * q[k * m + j]).sum::<f64>() as f32))
        .collect()
}

fn all_finite(x: &[f32]) -> bool {
    x.iter().all(|v| v.is_finite())
}

#[test]
fn tsne_separates_two_clusters_deterministically() {
    let (points, labels) = clusters(2, 150, 10, 8.0, 1);
    let config = TsneConfig { seed: 7, ..TsneConfig::default() };
    let mut tsne = Tsne::new(&points, 10, &config);
    assert_eq!(tsne.progress(), 0.0);
    assert_eq!(tsne.step(100), 100);
    assert!((tsne.progress() - 0.1).abs() < 1e-6 && !tsne.is_done());
    while !tsne.is_done() {
        tsne.step(300);
    }
    assert_eq!(tsne.step(10), 1000);
    let embedding = tsne.embedding().to_vec();
    assert_eq!(embedding.len(), 600);
    assert!(all_finite(&embedding));
    assert_eq!(held_out_knn_accuracy(&embedding, &labels, 2, 10), 1.0);

    let mut again = Tsne::new(&points, 10, &config);
    again.step(1000);
    assert_eq!(again.embedding(), &embedding[..], "same seed, same embedding");
    let mut other = Tsne::new(&points, 10, &TsneConfig { seed: 8, ..config });
    other.step(1000);
    assert_ne!(other.embedding(), &embedding[..], "another seed, another embedding");
}

#[test]
fn tsne_tiny_and_degenerate_inputs_stay_finite() {
    let run = |points: &[f32], dim: usize| {
        let mut tsne = Tsne::new(points, dim, &TsneConfig { iterations: 300, ..TsneConfig::default() });
        tsne.step(usize::MAX);
        assert!(tsne.is_done() && tsne.progress() == 1.0);
        assert_eq!(tsne.embedding().len(), 2 * points.len() / dim);
        assert!(all_finite(tsne.embedding()), "{:?}", tsne.embedding());
        tsne.embedding().to_vec()
    };
    run(&[], 3);
    assert_eq!(run(&[1.0, 2.0, 3.0], 3), vec![0.0, 0.0]);
    run(&[0.0, 0.0, 1.0, 1.0], 2);
    run(&[0.0, 0.0, 1.0, 1.0, 5.0, 5.0], 2);
    // All points identical; then clusters of exact duplicates plus a NaN point.
    run(&[0.5; 40 * 4], 4);
    let mut duplicates: Vec<f32> = (0..60).flat_map(|i| [(i % 3) as f32, 1.0]).collect();
    duplicates.extend([f32::NAN, 0.0]);
    let y = run(&duplicates, 2);
    let labels: Vec<u8> = (0..60).map(|i| (i % 3) as u8).collect();
    assert_eq!(held_out_knn_accuracy(&y[..120], &labels, 2, 5), 1.0);
}

#[test]
fn knn_hand_computed_cases() {
    // 1-D reference: 0 (a), 1 (a), 2 (b), 10 (b).
    let (reference, labels) = ([0.0f32, 1.0, 2.0, 10.0], [0u8, 0, 1, 1]);
    assert_eq!(knn_accuracy(&reference, &labels, &[0.4], &[0], 1, 1), 1.0);
    assert_eq!(knn_accuracy(&reference, &labels, &[1.9, 9.0], &[1, 1], 1, 1), 1.0);
    // k = 3 at 1.9: neighbours 2 (b), 1 (a), 0 (a): a wins the vote.
    assert_eq!(knn_accuracy(&reference, &labels, &[1.9], &[0], 1, 3), 1.0);
    // k = 2 ties one vote each: the nearest neighbour's class wins.
    assert_eq!(knn_accuracy(&reference, &labels, &[1.4, 1.6], &[0, 1], 1, 2), 1.0);
    // k = 4 at 0.9: two votes each, nearest is 1 (a); at 5.9: nearest is 2 (b).
    assert_eq!(knn_accuracy(&reference, &labels, &[0.9, 5.9], &[0, 1], 1, 4), 1.0);
    // k larger than the reference is clamped; half right.
    assert_eq!(knn_accuracy(&reference, &labels, &[0.9, 5.9], &[0, 0], 1, 50), 0.5);
    assert!(knn_accuracy(&[], &[], &[1.0], &[0], 1, 1).is_nan());
    assert!(knn_accuracy(&reference, &labels, &[], &[], 1, 1).is_nan());

    // Even points are the reference, odd ones the queries.
    let points = [0.0f32, 0.0, 10.0, 10.0, 0.1, 0.1, 9.9, 10.2];
    assert_eq!(held_out_knn_accuracy(&points, &[0, 0, 1, 1], 2, 1), 0.5);
    assert_eq!(held_out_knn_accuracy(&points, &[0, 1, 1, 1], 2, 1), 1.0);
    assert!(held_out_knn_accuracy(&[1.0, 2.0], &[0], 2, 1).is_nan());
}

#[test]
fn linear_probe_learns_separable_classes() {
    let dim = 12;
    let (mut train, train_labels) = clusters(4, 200, dim, 6.0, 3);
    let (mut test, test_labels) = clusters(4, 100, dim, 6.0, 4);
    // A constant feature, and one with a large offset and scale.
    for rows in [&mut train, &mut test] {
        for row in rows.chunks_exact_mut(dim) {
            row[dim - 1] = 5.0;
            row[dim - 2] = 1000.0 + 50.0 * row[dim - 2];
        }
    }
    let config = ProbeConfig { epochs: 20, batch: 32, ..ProbeConfig::default() };
    let probe = LinearProbe::train(&train, &train_labels, dim, 4, &config);
    let accuracy = probe.accuracy(&test, &test_labels);
    assert!(accuracy >= 0.98, "test accuracy {accuracy}");
    for row in test.chunks_exact(dim).take(20) {
        let p = probe.probabilities(row);
        assert!(all_finite(&p) && (p.iter().sum::<f32>() - 1.0).abs() < 1e-5, "{p:?}");
    }
    let mut odd = test[..dim].to_vec();
    odd[0] = f32::NAN;
    odd[dim - 1] = -3.0;
    assert!(all_finite(&probe.probabilities(&odd)));
    assert!(probe.accuracy(&[], &[]).is_nan());

    let decayed = LinearProbe::train(&train, &train_labels, dim, 4, &ProbeConfig { weight_decay: 1e-2, ..config });
    assert!(decayed.accuracy(&test, &test_labels) >= 0.98);
    // A probe trained on nothing predicts class 0 with uniform probabilities.
    let empty = LinearProbe::train(&[], &[], 3, 2, &config);
    assert_eq!(empty.probabilities(&[1.0, 2.0, 3.0]), vec![0.5, 0.5]);
}

#[test]
fn symmetric_eigenvalues_of_known_matrices() {
    // Tridiagonal Toeplitz (2, −1): eigenvalues 2 − 2 cos(kπ / (m + 1)).
    let m: usize = 60;
    let a: Vec<f64> = (0..m * m)
        .map(|k| match (k / m).abs_diff(k % m) { 0 => 2.0, 1 => -1.0, _ => 0.0 })
        .collect();
    let mut expected: Vec<f64> =
        (1..=m).map(|k| 2.0 - 2.0 * (k as f64 * std::f64::consts::PI / (m + 1) as f64).cos()).collect();
    expected.reverse();
    let got = symmetric_eigenvalues(&a, m);
    assert!(got.iter().zip(&expected).all(|(g, e)| (g - e).abs() < 1e-10), "{got:?}");

    // Q diag(λ) Qᵀ for a random rotation Q, with repeated and negative eigenvalues.
    let m = 40;
    let q = random_rotation(m, 5);
    let lambda: Vec<f64> = (0..m).map(|k| [3.0, 3.0, -1.5, 0.0][k % 4] + k as f64 * 1e-3 * (k % 3) as f64).collect();
    let a: Vec<f64> = (0..m * m)
        .map(|ij| (0..m).map(|k| q[k * m + ij / m] * lambda[k] * q[k * m + ij % m]).sum())
        .collect();
    let mut expected = lambda.clone();
    expected.sort_by(|x, y| y.total_cmp(x));
    let got = symmetric_eigenvalues(&a, m);
    assert!(got.iter().zip(&expected).all(|(g, e)| (g - e).abs() < 1e-9), "{got:?}");
    assert_eq!(symmetric_eigenvalues(&[7.0], 1), vec![7.0]);
    assert!(symmetric_eigenvalues(&[], 0).is_empty());
}

#[test]
fn spectrum_of_rotated_known_variances() {
    // Every sign pattern of 5 coordinates: exactly uncorrelated, zero-mean columns. Latent
    // variances 4, 1, 0.25 and 0, 0 plus tiny noise, then a random rotation.
    let scales = [2.0, 1.0, 0.5, 0.0, 0.0];
    let mut rng = StdRng::seed_from_u64(9);
    let latent: Vec<f64> = (0..8 * 32)
        .flat_map(|r| (0..5).map(move |k| if (r >> k) & 1 == 1 { 1.0 } else { -1.0 }).zip(scales))
        .map(|(sign, s)| sign * s + 1e-3 * normal(&mut rng))
        .collect();
    let rows = times(&latent, &random_rotation(5, 2), 5);
    let fractions = explained_variance(&rows, 5);
    assert_eq!(fractions.len(), 5);
    assert!((fractions.iter().sum::<f32>() - 1.0).abs() < 1e-5);
    for (got, want) in fractions.iter().zip([4.0 / 5.25, 1.0 / 5.25, 0.25 / 5.25, 0.0, 0.0]) {
        assert!((got - want).abs() < 0.01, "{fractions:?}");
    }
    assert!(fractions.windows(2).all(|w| w[0] >= w[1]));
    assert_eq!(components_for(&fractions, 0.75), 1);
    assert_eq!(components_for(&fractions, 0.95), 2);
    assert_eq!(components_for(&fractions, 0.96), 3);
}

#[test]
fn gram_route_agrees_with_covariance_route() {
    // 30 rows of 25 correlated features (covariance route), and the same rows padded with
    // 15 zero features and rotated in 40-D (Gram route, since 40 > 30).
    let (n, d, wide) = (30, 25, 40);
    let mut rng = StdRng::seed_from_u64(11);
    let base: Vec<f64> = (0..n * d).map(|k| normal(&mut rng) * (1.0 + (k % d) as f64)).collect();
    let narrow = times(&base, &random_rotation(d, 12), d);
    let padded: Vec<f64> = narrow.chunks_exact(d).flat_map(|r| r.iter().map(|&x| x as f64).chain([0.0; 15])).collect();
    let widened = times(&padded, &random_rotation(wide, 13), wide);
    let (a, b) = (explained_variance(&narrow, d), explained_variance(&widened, wide));
    assert_eq!((a.len(), b.len()), (25, 29));
    assert!(a.iter().zip(&b).all(|(x, y)| (x - y).abs() < 1e-5), "{a:?}\n{b:?}");
    assert!(b[25..].iter().all(|&x| x.abs() < 1e-5));
}

#[test]
fn spectrum_edge_cases() {
    assert!(explained_variance(&[], 4).is_empty());
    assert!(explained_variance(&[1.0, 2.0], 2).is_empty());
    assert_eq!(explained_variance(&[3.0; 12], 3), vec![0.0, 0.0, 0.0]);
    let with_nan = explained_variance(&[0.0, 1.0, f32::NAN, 2.0, 2.0, 0.0, 4.0, f32::INFINITY], 2);
    assert!(all_finite(&with_nan) && (with_nan.iter().sum::<f32>() - 1.0).abs() < 1e-5);

    let f = [0.5, 0.3, 0.2];
    assert_eq!(components_for(&f, 0.0), 0);
    assert_eq!(components_for(&f, 0.5), 1);
    assert_eq!(components_for(&f, 0.51), 2);
    assert_eq!(components_for(&f, 0.95), 3);
    assert_eq!(components_for(&f, 1.0), 3);
    assert_eq!(components_for(&f, 1.5), 3);
    assert_eq!(components_for(&[], 0.9), 0);
    assert_eq!(components_for(&[0.0, 0.0], 0.9), 2);
}

/// The first `n` MNIST test images (`n × 784`, scaled to [0, 1]) and labels.
fn mnist_test_set(n: usize) -> (Vec<f32>, Vec<u8>) {
    let test = common::shipped(replab_core::data::DatasetId::Mnist).test;
    let test = test.slice(0..n.min(test.len()));
    (test.unit_pixels(), test.labels)
}

#[test]
fn mnist_spectrum_and_tsne() {
    let (images, labels) = mnist_test_set(2000);
    let start = std::time::Instant::now();
    let fractions = explained_variance(&images, 784);
    let elapsed = start.elapsed();
    let (c95, c99) = (components_for(&fractions, 0.95), components_for(&fractions, 0.99));
    println!("MNIST 2000×784 spectrum in {elapsed:.2?}: {c95} components for 95%, {c99} for 99%");
    assert_eq!(fractions.len(), 784);
    assert!((80..=250).contains(&c95) && (200..=600).contains(&c99), "{c95} {c99}");

    // All 2000 images: with only 1000 (500 reference points) even the raw 784-D 10-NN
    // accuracy is just 0.80, which leaves the embedding no margin above 0.8.
    let start = std::time::Instant::now();
    let mut tsne = Tsne::new(&images, 784, &TsneConfig { iterations: 500, ..TsneConfig::default() });
    let prepared = start.elapsed();
    tsne.step(500);
    let accuracy = held_out_knn_accuracy(tsne.embedding(), &labels, 2, 10);
    let raw = held_out_knn_accuracy(&images, &labels, 784, 10);
    println!(
        "MNIST t-SNE 2000×784, 500 iterations: affinities {prepared:.2?}, total {:.2?}; 10-NN accuracy {accuracy:.3} (raw pixels {raw:.3})",
        start.elapsed()
    );
    assert!(accuracy > 0.8, "held-out 10-NN accuracy of the embedding {accuracy}");
}

/// Timings (run with `cargo test --release -- --ignored --nocapture`).
#[test]
#[ignore]
fn timings() {
    let time = |what: &str, f: &mut dyn FnMut() -> String| {
        let start = std::time::Instant::now();
        let note = f();
        println!("{what}: {:.2?} ({note})", start.elapsed());
    };
    let (points, labels) = clusters(10, 200, 32, 6.0, 21);
    time("t-SNE 2000×32, 1000 iterations", &mut || {
        let mut tsne = Tsne::new(&points, 32, &TsneConfig::default());
        tsne.step(1000);
        format!("10-NN accuracy {:.3}", held_out_knn_accuracy(tsne.embedding(), &labels, 2, 10))
    });
    let (points, _) = clusters(10, 1000, 50, 6.0, 24);
    let mut tsne = None;
    time("t-SNE 10000×50 affinities (Tsne::new)", &mut || {
        tsne = Some(Tsne::new(&points, 50, &TsneConfig::default()));
        String::new()
    });
    time("t-SNE 10000×50, 50 early iterations", &mut || format!("{} done", tsne.as_mut().unwrap().step(50)));
    let (features, labels) = clusters(10, 1000, 128, 3.0, 22);
    time("linear probe 10000×128, 10 classes, 20 epochs", &mut || {
        let probe = LinearProbe::train(&features, &labels, 128, 10, &ProbeConfig::default());
        format!("train accuracy {:.3}", probe.accuracy(&features, &labels))
    });
    let mut rng = StdRng::seed_from_u64(23);
    for (n, dim) in [(2000, 784), (1000, 3072)] {
        let rows: Vec<f32> = (0..n * dim).map(|k| (normal(&mut rng) * (1.0 + (k % 7) as f64)) as f32).collect();
        time(&format!("spectrum {n}×{dim}"), &mut || format!("{} values", explained_variance(&rows, dim).len()));
    }
}

#[test]
fn confusion_matrix_and_per_class_figures_by_hand() {
    use replab_core::analysis::Confusion;
    // Class 0: 3 images, 2 right, 1 called 1. Class 1: 2 images, both right. Class 2: 1 image,
    // called 0. Predicted 0: 2 times (1 right); 1: 3 times (2 right); 2: never.
    let truth = [0, 0, 0, 1, 1, 2];
    let predicted = [0, 0, 1, 1, 1, 0];
    let m = Confusion::new(&truth, &predicted, 3);
    assert_eq!(m.counts, vec![2, 1, 0, 0, 2, 0, 1, 0, 0]);
    assert!((m.accuracy() - 4.0 / 6.0).abs() < 1e-12);
    let c = m.per_class();
    assert!((c[0].precision - 2.0 / 3.0).abs() < 1e-12 && (c[0].recall - 2.0 / 3.0).abs() < 1e-12);
    assert!((c[1].precision - 2.0 / 3.0).abs() < 1e-12 && (c[1].recall - 1.0).abs() < 1e-12);
    assert!((c[1].f1 - 0.8).abs() < 1e-12);
    assert!(c[2].precision.is_nan() && c[2].recall == 0.0 && c[2].support == 1);
    assert_eq!(c[2].f1, 0.0, "never predicted, one image: F1 0 (2·TP / (2·TP + FP + FN))");
    assert!((m.row_share(0, 1) - 1.0 / 3.0).abs() < 1e-12);
}

#[test]
fn a_new_code_is_placed_among_its_nearest_test_codes_in_the_scatter_shown() {
    use replab_core::analysis::CodeView;
    use replab_core::protocol::Projection;
    // Two clusters of 3-D codes: around (0, 0, 0) and around (10, 10, 10).
    let mut codes = Vec::new();
    let mut labels = Vec::new();
    for i in 0..40 {
        let (centre, jitter) = (if i < 20 { 0.0 } else { 10.0 }, (i % 5) as f32 * 0.1);
        codes.extend([centre + jitter, centre - jitter, centre]);
        labels.push(u8::from(i >= 20));
    }
    let mut view = CodeView::new(codes, 3, labels, 0, 0);
    assert_eq!(view.place(&[0.0, 0.0, 0.0]), None, "nothing shown yet");
    // The first two coordinates: the code's own.
    view.scatter(Projection::Raw);
    assert_eq!(view.place(&[1.5, -2.0, 7.0]), Some([1.5, -2.0]));
    // PCA: among the second cluster's points, far from the first's.
    let pca = view.scatter(Projection::Pca);
    let centre = |from: usize| {
        let pts = &pca.points[2 * from..2 * (from + 20)];
        [pts.iter().step_by(2).sum::<f32>() / 20.0, pts.iter().skip(1).step_by(2).sum::<f32>() / 20.0]
    };
    let [near, far] = [centre(20), centre(0)];
    let at = view.place(&[10.1, 9.9, 10.0]).expect("placed");
    let d = |p: [f32; 2]| ((at[0] - p[0]).powi(2) + (at[1] - p[1]).powi(2)).sqrt();
    assert!(d(near) < 1.0 && d(far) > 5.0, "placed at {at:?}: cluster centres {near:?}, {far:?}");
    // A code of another size is not placed.
    assert_eq!(view.place(&[1.0, 2.0]), None);
}
