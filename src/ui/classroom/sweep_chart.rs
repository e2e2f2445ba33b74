//! `class-sweep`: the class's sweep of the one setting it varied — each student's test loss
//! against their value (a dot each, named on hover) and the mean at each value joined by a line
//! (repeated values are seeds: their spread is the run-to-run noise).

use leptos::prelude::*;

use crate::ui::chart_frame::{Axis, Frame};
use replab_core::classroom::Sweep;

const FRAME: Frame = Frame { width: 560.0, height: 240.0, left: 56.0, right: 16.0, top: 12.0, bottom: 34.0 };

/// (value, mean test loss) at each distinct value, in increasing order.
fn means(sweep: &Sweep) -> Vec<(f64, f64)> {
    let mut xs: Vec<f64> = sweep.points.iter().map(|p| p.0).collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    xs.into_iter()
        .map(|x| {
            let ys: Vec<f64> = sweep.points.iter().filter(|p| p.0 == x).map(|p| f64::from(p.1)).collect();
            (x, ys.iter().sum::<f64>() / ys.len() as f64)
        })
        .collect()
}

/// Width of one character of the 11-unit tick font, roughly.
const CHAR: f64 = 6.6;

/// The values the class chose, as the x axis's labels ("0.0003", "0.001", "0.003"), where
/// they are few enough to read apart; `None` where they would overlap.
fn class_values(sweep: &Sweep, x_axis: &Axis) -> Option<Vec<(f64, String)>> {
    let values: Vec<(f64, String)> = means(sweep).into_iter().map(|(x, _)| (x, format!("{x}"))).collect();
    // Each label's left and right ends, placed as `Frame::x_tick` places it.
    let span = |(v, text): &(f64, String)| {
        let (x, width) = (FRAME.x_screen_from_data(x_axis, *v), text.chars().count() as f64 * CHAR);
        if x >= FRAME.plot_right() - 0.5 { (x - width, x) } else { (x - width / 2.0, x + width / 2.0) }
    };
    let apart = values.windows(2).all(|pair| span(&pair[0]).1 + 6.0 <= span(&pair[1]).0);
    (values.len() <= 8 && apart).then_some(values)
}

#[component]
pub fn SweepChart(sweep: Sweep) -> impl IntoView {
    let class = expect_context::<super::ClassState>();
    let x_axis = Axis::fit(sweep.points.iter().map(|p| p.0), sweep.log_x);
    let y_axis = Axis::fit(sweep.points.iter().map(|p| f64::from(p.1)), false).nice();
    let at = |x: f64, y: f64| (FRAME.x_screen_from_data(&x_axis, x), FRAME.y_screen_from_data(&y_axis, y));
    let line = means(&sweep).into_iter().map(|(x, y)| {
        let (sx, sy) = at(x, y);
        format!("{sx:.1},{sy:.1}")
    }).collect::<Vec<_>>().join(" ");
    let dots = sweep
        .points
        .iter()
        .map(|&(x, y, row)| {
            let (sx, sy) = at(x, f64::from(y));
            let name = class.table.with_untracked(|t| t.rows.get(row).map(|r| r.shown_name().to_string()).unwrap_or_default());
            let title = format!("{name}: {} {x}, test loss {y:.4}", sweep.varied.label);
            view! { <circle class="test" cx=sx cy=sy r="4"><title>{title}</title></circle> }
        })
        .collect_view();
    let x_ticks = class_values(&sweep, &x_axis)
        .unwrap_or_else(|| x_axis.ticks())
        .into_iter()
        .map(|(v, text)| FRAME.x_tick(FRAME.x_screen_from_data(&x_axis, v), text))
        .collect_view();
    let y_ticks = y_axis
        .ticks()
        .into_iter()
        .map(|(v, text)| FRAME.y_label(FRAME.y_screen_from_data(&y_axis, v), text))
        .collect_view();
    let name = format!("{}{}", sweep.varied.label, if sweep.log_x { " (log scale)" } else { "" });
    view! {
        <figure class="chart">
            <svg data-testid="class-sweep" data-points=sweep.points.len() viewBox=FRAME.view_box() role="img"
                aria-label=format!("The class's test loss against {}", sweep.varied.label)>
                {FRAME.axes()}
                {x_ticks}
                {y_ticks}
                <text class="tick" x=(FRAME.width + FRAME.left) / 2.0 y=FRAME.height - 4.0 text-anchor="middle">{name}</text>
                <polyline class="test" points=line/>
                {dots}
            </svg>
            <figcaption>"Test loss of each student’s run (dots) and the mean at each value (line)."</figcaption>
        </figure>
    }
}
