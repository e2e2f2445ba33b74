use gemm::{gemm, Parallelism};
use std::time::Instant;
fn main() {
    for (m, k, n) in [(128, 784, 256), (128, 256, 784), (784, 128, 256), (128, 784, 1000), (128, 1000, 300), (1000, 128, 300)] {
        let a = vec![0.5f32; m * k];
        let b = vec![0.25f32; k * n];
        let mut c = vec![0f32; m * n];
        let iters = (2e9 / (2.0 * (m * k * n) as f64)).max(3.0) as usize;
        let mut best = Vec::new();
        for _ in 0..5 {
            let t = Instant::now();
            for _ in 0..iters {
                unsafe { gemm(m, n, k, c.as_mut_ptr(), 1, n as isize, false, a.as_ptr(), 1, k as isize, b.as_ptr(), 1, n as isize, 0.0, 1.0, false, false, false, Parallelism::None) }
            }
            best.push(2.0 * (m * k * n * iters) as f64 / t.elapsed().as_secs_f64() / 1e9);
        }
        best.sort_by(|a, b| a.partial_cmp(b).unwrap());
        println!("{m}x{k}x{n}: native {:.1} GFLOP/s (median of 5, one thread)", best[2]);
    }
}
