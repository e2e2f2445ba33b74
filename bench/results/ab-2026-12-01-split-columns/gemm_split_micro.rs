use std::time::Instant;
use gemm::{gemm, Parallelism};

// C[m,n] = A[m,k] B[k,n]; a_t: A stored as [k,m] (lhs transposed view); b_t: B stored as [n,k]
unsafe fn call(m: usize, n: usize, k: usize, a: &[f32], a_t: bool, b: &[f32], b_t: bool, c: &mut [f32], par: Parallelism) {
    let (a_cs, a_rs) = if a_t { (m as isize, 1) } else { (1, k as isize) };
    let (b_cs, b_rs) = if b_t { (k as isize, 1) } else { (1, n as isize) };
    gemm(m, n, k, c.as_mut_ptr(), 1, n as isize, false, a.as_ptr(), a_cs, a_rs, b.as_ptr(), b_cs, b_rs, 0.0f32, 1.0f32, false, false, false, par);
}

// split over n into two halves, each single-threaded, via rayon::join
unsafe fn split_n(m: usize, n: usize, k: usize, a: &[f32], a_t: bool, b: &[f32], b_t: bool, c: &mut [f32]) {
    let h = (n / 2 + 7) / 8 * 8;
    let (a_cs, a_rs) = if a_t { (m as isize, 1) } else { (1, k as isize) };
    let (b_cs, b_rs) = if b_t { (k as isize, 1) } else { (1, n as isize) };
    let cp = c.as_mut_ptr() as usize; let ap = a.as_ptr() as usize; let bp = b.as_ptr() as usize;
    rayon::join(
        || gemm(m, h, k, cp as *mut f32, 1, n as isize, false, ap as *const f32, a_cs, a_rs, bp as *const f32, b_cs, b_rs, 0.0f32, 1.0f32, false, false, false, Parallelism::None),
        || gemm(m, n - h, k, (cp as *mut f32).add(h), 1, n as isize, false, ap as *const f32, a_cs, a_rs, (bp as *const f32).offset(h as isize * b_cs), b_cs, b_rs, 0.0f32, 1.0f32, false, false, false, Parallelism::None),
    );
}
unsafe fn split_m(m: usize, n: usize, k: usize, a: &[f32], a_t: bool, b: &[f32], b_t: bool, c: &mut [f32]) {
    let h = (m / 2 + 7) / 8 * 8;
    let (a_cs, a_rs) = if a_t { (m as isize, 1) } else { (1, k as isize) };
    let (b_cs, b_rs) = if b_t { (k as isize, 1) } else { (1, n as isize) };
    let cp = c.as_mut_ptr() as usize; let ap = a.as_ptr() as usize; let bp = b.as_ptr() as usize;
    rayon::join(
        || gemm(h, n, k, cp as *mut f32, 1, n as isize, false, ap as *const f32, a_cs, a_rs, bp as *const f32, b_cs, b_rs, 0.0f32, 1.0f32, false, false, false, Parallelism::None),
        || gemm(m - h, n, k, (cp as *mut f32).add(h * n), 1, n as isize, false, (ap as *const f32).offset(h as isize * a_rs), a_cs, a_rs, bp as *const f32, b_cs, b_rs, 0.0f32, 1.0f32, false, false, false, Parallelism::None),
    );
}

fn main() {
    let shapes: &[(&str, usize, usize, usize, bool, bool)] = &[
        ("enc1 fwd  x.W", 128, 256, 784, false, false),
        ("dec2 fwd  h.W", 128, 784, 256, false, false),
        ("dec2 dX   dY.W^T", 128, 256, 784, false, true),
        ("enc1 dW   x^T.dY", 784, 256, 128, true, false),
        ("dec2 dW   h^T.dY", 256, 784, 128, true, false),
        ("enc2 fwd 4.2M", 128, 128, 256, false, false),
        ("L fwd 1000", 128, 1000, 784, false, false),
        ("L dW 1000", 784, 1000, 128, true, false),
    ];
    let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    pool.install(|| {
    for &(name, m, n, k, at, bt) in shapes {
        let a = vec![0.5f32; m * k]; let b = vec![0.25f32; k * n]; let mut c = vec![0f32; m * n];
        let reps = (500_000_000 / (m * n * k)).max(20);
        let mut times = vec![vec![]; 4];
        for _round in 0..11 {
            for variant in 0..4 {
                let t = Instant::now();
                for _ in 0..reps { unsafe { match variant {
                    0 => call(m, n, k, &a, at, &b, bt, &mut c, Parallelism::None),
                    1 => call(m, n, k, &a, at, &b, bt, &mut c, Parallelism::Rayon(2)),
                    2 => split_n(m, n, k, &a, at, &b, bt, &mut c),
                    _ => split_m(m, n, k, &a, at, &b, bt, &mut c),
                } } }
                times[variant].push(t.elapsed().as_secs_f64() / reps as f64);
            }
        }
        let res: Vec<f64> = times.iter_mut().map(|v| { v.sort_by(|a, b| a.partial_cmp(b).unwrap()); v[v.len() / 2] }).collect();
        println!("{name:18} {m}x{k}x{n}: none {:7.1} us  gemm-rayon {:.2}x  split-n {:.2}x  split-m {:.2}x  ({:.1} GFLOP/s single)",
            res[0]*1e6, res[0]/res[1], res[0]/res[2], res[0]/res[3], 2.0*(m*n*k) as f64/res[0]/1e9);
    }
    });
}
