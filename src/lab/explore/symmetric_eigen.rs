//! Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations.

/// The eigenvalues (`m`, decreasing) and unit eigenvectors of the symmetric `m × m` matrix
/// `a` (row-major; only its symmetric part is used). The eigenvectors come back as the
/// columns of an `m × m` row-major matrix: `vectors[row * m + k]` is entry `row` of the
/// eigenvector for `values[k]`.
///
/// Meant for small `m` (the Rayleigh–Ritz step of [`super::pca`]): O(m³) per sweep.
pub(crate) fn symmetric_eigen(a: &[f64], m: usize) -> (Vec<f64>, Vec<f64>) {
    assert_eq!(a.len(), m * m, "symmetric_eigen: a is not m × m");
    let mut a: Vec<f64> = (0..m * m).map(|k| 0.5 * (a[k] + a[(k % m) * m + k / m])).collect();
    let mut v = vec![0.0f64; m * m];
    for i in 0..m {
        v[i * m + i] = 1.0;
    }

    for _sweep in 0..64 {
        let (mut off, mut diag) = (0.0f64, 0.0f64);
        for i in 0..m {
            for j in 0..m {
                let x2 = a[i * m + j] * a[i * m + j];
                if i == j { diag += x2 } else { off += x2 }
            }
        }
        if off == 0.0 || off <= 1e-30 * diag {
            break;
        }
        for p in 0..m {
            for q in p + 1..m {
                let apq = a[p * m + q];
                if apq == 0.0 {
                    continue;
                }
                let (app, aqq) = (a[p * m + p], a[q * m + q]);
                // The rotation that zeroes a[p][q] (Golub & Van Loan, Algorithm 8.4.1).
                let tau = (aqq - app) / (2.0 * apq);
                let t = tau.signum() / (tau.abs() + (1.0 + tau * tau).sqrt());
                let c = 1.0 / (1.0 + t * t).sqrt();
                let s = t * c;
                for k in 0..m {
                    let (akp, akq) = (a[k * m + p], a[k * m + q]);
                    a[k * m + p] = c * akp - s * akq;
                    a[k * m + q] = s * akp + c * akq;
                }
                for k in 0..m {
                    let (apk, aqk) = (a[p * m + k], a[q * m + k]);
                    a[p * m + k] = c * apk - s * aqk;
                    a[q * m + k] = s * apk + c * aqk;
                }
                for k in 0..m {
                    let (vkp, vkq) = (v[k * m + p], v[k * m + q]);
                    v[k * m + p] = c * vkp - s * vkq;
                    v[k * m + q] = s * vkp + c * vkq;
                }
            }
        }
    }

    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&i, &j| a[j * m + j].total_cmp(&a[i * m + i]));
    let values = order.iter().map(|&k| a[k * m + k]).collect();
    let mut vectors = vec![0.0f64; m * m];
    for (new, &old) in order.iter().enumerate() {
        for row in 0..m {
            vectors[row * m + new] = v[row * m + old];
        }
    }
    (values, vectors)
}
