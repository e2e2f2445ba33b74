//! A grid of codes blended between four corner codes.

/// `rows × cols` codes, row-major and flattened (`rows × cols × dim`), bilinearly blended
/// between `corners` = `[top-left, top-right, bottom-left, bottom-right]` (each `dim`). Cell
/// `(r, c)` sits at `u = c / (cols − 1)` across and `v = r / (rows − 1)` down, so the four
/// corner cells are exactly the corners (a single row or column sits at `v = 0` or `u = 0`).
///
/// Panics if the corners differ in length.
pub fn bilinear_grid(corners: [&[f32]; 4], rows: usize, cols: usize) -> Vec<f32> {
    let [tl, tr, bl, br] = corners;
    let dim = tl.len();
    assert!(tr.len() == dim && bl.len() == dim && br.len() == dim, "bilinear_grid: corners differ in length");
    let frac = |i: usize, n: usize| if n > 1 { i as f64 / (n - 1) as f64 } else { 0.0 };
    let mut out = Vec::with_capacity(rows * cols * dim);
    for r in 0..rows {
        let v = frac(r, rows);
        for c in 0..cols {
            let u = frac(c, cols);
            let exact = match (r == 0, r + 1 == rows && rows > 1, c == 0, c + 1 == cols && cols > 1) {
                (true, _, true, _) => Some(tl),
                (true, _, _, true) => Some(tr),
                (_, true, true, _) => Some(bl),
                (_, true, _, true) => Some(br),
                _ => None,
            };
            match exact {
                Some(corner) => out.extend_from_slice(corner),
                None => out.extend((0..dim).map(|k| {
                    let top = (1.0 - u) * tl[k] as f64 + u * tr[k] as f64;
                    let bottom = (1.0 - u) * bl[k] as f64 + u * br[k] as f64;
                    ((1.0 - v) * top + v * bottom) as f32
                })),
            }
        }
    }
    out
}
