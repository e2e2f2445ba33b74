use gemm::{gemm, Parallelism};
#[no_mangle]
pub extern "C" fn run(m: usize, k: usize, n: usize, iters: usize) -> f32 {
    let a = vec![0.5f32; m * k];
    let b = vec![0.25f32; k * n];
    let mut c = vec![0f32; m * n];
    for _ in 0..iters {
        unsafe {
            gemm(m, n, k, c.as_mut_ptr(), 1, n as isize, false, a.as_ptr(), 1, k as isize, b.as_ptr(), 1, n as isize, 0.0, 1.0, false, false, false, Parallelism::None);
        }
    }
    c[0] + c[m * n - 1]
}

#[no_mangle]
pub extern "C" fn adam(n: usize, iters: usize) -> f32 {
    let g = vec![0.01f32; n];
    let mut p = vec![0.5f32; n];
    let mut m = vec![0.0f32; n];
    let mut v = vec![0.0f32; n];
    let (b1, b2) = (0.9f32, 0.999f32);
    let (f1, f2) = (1.0 - b1, 1.0 - b2);
    let (combined_factor, epsilon, lr) = (std::hint::black_box(1.1f32), 1e-8f32, 1e-3f32);
    for _ in 0..iters {
        for (((p, &g), m), v) in p.iter_mut().zip(&g).zip(m.iter_mut()).zip(v.iter_mut()) {
            let m1 = *m * b1 + g * f1;
            let v1 = *v * b2 + g * g * f2;
            let update = m1 * combined_factor / (v1.sqrt() + epsilon);
            *p -= update * lr;
            *m = m1;
            *v = v1;
        }
        std::hint::black_box(&mut p);
    }
    p[0] + m[n - 1]
}
