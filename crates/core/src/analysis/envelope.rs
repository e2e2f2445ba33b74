//! A long curve thinned to what a chart of a given width can show: per column of the x axis its
//! first, lowest, highest and last point, in order. The line drawn through them covers the same
//! pixels as the whole curve (within each column it spans the column's lowest and highest
//! values, and it enters and leaves each column where the curve does), while the number of
//! points stays bounded by the chart's width instead of growing with the run.

use std::borrow::Cow;

/// `curve` ((step, value) points in increasing step order) thinned to at most four points per
/// column when the steps `0..=span` are drawn across `columns` columns: each column's first,
/// lowest, highest and last point, in step order, each once. A point whose value is not finite is always kept (a chart
/// marks it; a diverged run ends with one). A curve of at most `4 · columns` points is returned
/// as it is, without a copy. Steps past `span` (a run continued beyond its plan) widen the span
/// to the curve's last step.
///
/// Panics if `columns == 0`.
pub fn column_envelope(curve: &[(usize, f32)], span: usize, columns: usize) -> Cow<'_, [(usize, f32)]> {
    assert!(columns > 0, "column_envelope: columns must be positive");
    if curve.len() <= 4 * columns {
        return Cow::Borrowed(curve);
    }
    let span = span.max(curve.last().map_or(0, |p| p.0)).max(1);
    let column_of = |step: usize| ((step as u128 * columns as u128) / (span as u128 + 1)) as usize;
    let mut kept = Vec::with_capacity(4 * columns + 16);
    let mut start = 0;
    while start < curve.len() {
        let column = column_of(curve[start].0);
        let mut end = start + 1;
        while end < curve.len() && column_of(curve[end].0) == column {
            end += 1;
        }
        let run = &curve[start..end];
        let (mut low, mut high) = (None::<usize>, None::<usize>);
        for (i, p) in run.iter().enumerate() {
            if !p.1.is_finite() {
                continue;
            }
            if low.is_none_or(|l| p.1 < run[l].1) {
                low = Some(i);
            }
            if high.is_none_or(|h| p.1 > run[h].1) {
                high = Some(i);
            }
        }
        let mut picks: Vec<usize> = [Some(0), low, high, Some(run.len() - 1)].into_iter().flatten().collect();
        picks.extend(run.iter().enumerate().filter(|(_, p)| !p.1.is_finite()).map(|(i, _)| i));
        picks.sort_unstable();
        picks.dedup();
        kept.extend(picks.into_iter().map(|i| run[i]));
        start = end;
    }
    Cow::Owned(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A noisy falling curve, one point per 10 steps.
    fn curve(points: usize) -> Vec<(usize, f32)> {
        (0..points)
            .map(|i| {
                let noise = ((i * 7919) % 101) as f32 / 1000.0;
                (i * 10, 1.0 / (1.0 + i as f32 / 50.0) + noise)
            })
            .collect()
    }

    #[test]
    fn a_short_curve_is_returned_as_it_is() {
        let c = curve(40);
        assert!(matches!(column_envelope(&c, 400, 10), Cow::Borrowed(_)));
    }

    #[test]
    fn a_long_curve_keeps_each_columns_ends_and_extremes_in_order() {
        let c = curve(30_000);
        let span = 300_000;
        let columns = 492;
        let thin = column_envelope(&c, span, columns);
        assert!(thin.len() <= 4 * columns, "{} points", thin.len());
        assert!(thin.len() >= 2 * columns, "{} points: every column has points", thin.len());
        assert_eq!(thin.first(), c.first());
        assert_eq!(thin.last(), c.last());
        assert!(thin.windows(2).all(|w| w[0].0 < w[1].0), "in step order, each point once");
        // Every kept point is a point of the curve, and each column's lowest and highest value
        // survive.
        let column = |s: usize| s * columns / (span + 1);
        for col in 0..columns {
            let all: Vec<f32> = c.iter().filter(|p| column(p.0) == col).map(|p| p.1).collect();
            let kept: Vec<f32> = thin.iter().filter(|p| column(p.0) == col).map(|p| p.1).collect();
            let min = |v: &[f32]| v.iter().copied().fold(f32::INFINITY, f32::min);
            let max = |v: &[f32]| v.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            assert_eq!(min(&kept), min(&all), "column {col}");
            assert_eq!(max(&kept), max(&all), "column {col}");
        }
        assert!(thin.iter().all(|p| c.binary_search_by_key(&p.0, |q| q.0).is_ok_and(|i| c[i] == *p)));
    }

    #[test]
    fn non_finite_points_are_kept_and_steps_past_the_span_widen_it() {
        let mut c = curve(5_000);
        c[1234].1 = f32::NAN;
        c[4999].1 = f32::INFINITY;
        // The plan said 20,000 steps; the curve runs to 49,990.
        let thin = column_envelope(&c, 20_000, 100);
        assert!(thin.len() <= 4 * 100 + 2);
        assert!(thin.iter().any(|p| p.0 == 12_340 && p.1.is_nan()));
        assert_eq!(thin.last().map(|p| p.0), Some(49_990));
        assert!(thin.last().is_some_and(|p| p.1 == f32::INFINITY));
    }
}
