//! Paths between two codes: straight (lerp) and great-circle (slerp).

/// `steps` codes evenly spaced on the straight line from `a` to `b`, inclusive, flattened
/// (`steps × dim`, `dim = a.len()`). The first row is exactly `a`, the last exactly `b`.
///
/// `steps` should be at least 2; `steps == 1` gives just `a`, `steps == 0` nothing.
/// Panics if `a` and `b` differ in length.
pub fn lerp_path(a: &[f32], b: &[f32], steps: usize) -> Vec<f32> {
    path(a, b, steps, |t| a.iter().zip(b).map(|(&x, &y)| ((1.0 - t) * x as f64 + t * y as f64) as f32).collect())
}

/// Below this angle (radians) between `a` and `b`, or within it of π, [`slerp_path`] falls back
/// to [`lerp_path`].
const MIN_ANGLE: f64 = 1e-4;

/// `steps` codes from `a` to `b`, inclusive, flattened (`steps × dim`), along the great circle
/// (Shoemake's slerp): the direction turns at a constant rate through the angle between the
/// normalised `a` and `b`, while the norm goes linearly from `|a|` to `|b|`. The first row is
/// exactly `a`, the last exactly `b`.
///
/// Falls back to [`lerp_path`] when the angle is tiny, when `a` and `b` point in nearly
/// opposite directions (the great circle is then undefined), or when either is zero.
/// `steps` as for [`lerp_path`]. Panics if `a` and `b` differ in length.
pub fn slerp_path(a: &[f32], b: &[f32], steps: usize) -> Vec<f32> {
    assert_eq!(a.len(), b.len(), "slerp_path: endpoints differ in length");
    let norm = |v: &[f32]| v.iter().map(|&x| x as f64 * x as f64).sum::<f64>().sqrt();
    let (na, nb) = (norm(a), norm(b));
    if !(na > 0.0 && nb > 0.0 && na.is_finite() && nb.is_finite()) {
        return lerp_path(a, b, steps);
    }
    let cos = (a.iter().zip(b).map(|(&x, &y)| x as f64 * y as f64).sum::<f64>() / (na * nb)).clamp(-1.0, 1.0);
    let omega = cos.acos();
    if !(MIN_ANGLE..=std::f64::consts::PI - MIN_ANGLE).contains(&omega) {
        return lerp_path(a, b, steps);
    }
    let sin = omega.sin();
    path(a, b, steps, |t| {
        // Unit direction at t (slerp of the unit vectors), then the interpolated norm.
        let wa = ((1.0 - t) * omega).sin() / sin / na;
        let wb = (t * omega).sin() / sin / nb;
        let r = (1.0 - t) * na + t * nb;
        a.iter().zip(b).map(|(&x, &y)| (r * (wa * x as f64 + wb * y as f64)) as f32).collect()
    })
}

/// `steps` rows: exactly `a`, then `row(t)` for the interior `t = i / (steps − 1)`, then
/// exactly `b`.
fn path(a: &[f32], b: &[f32], steps: usize, row: impl Fn(f64) -> Vec<f32>) -> Vec<f32> {
    assert_eq!(a.len(), b.len(), "path: endpoints differ in length");
    let mut out = Vec::with_capacity(steps * a.len());
    for i in 0..steps {
        if i == 0 {
            out.extend_from_slice(a);
        } else if i == steps - 1 {
            out.extend_from_slice(b);
        } else {
            out.extend(row(i as f64 / (steps - 1) as f64));
        }
    }
    out
}
