//! Train loss (every readback) and test loss (every epoch) on one log-scale SVG chart.

use leptos::prelude::*;

use super::state::{CurvePoint, LabState};

const W: f64 = 560.0;
const H: f64 = 240.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 30.0;

/// Maps (step, loss) to SVG coordinates: linear in steps, logarithmic in loss.
#[derive(Clone, Copy, PartialEq)]
struct Frame {
    max_step: f64,
    lo: f64,
    hi: f64,
}

impl Frame {
    fn fit(max_step: usize, curves: &[&[CurvePoint]]) -> Option<Frame> {
        let values = curves.iter().flat_map(|c| c.iter()).map(|p| p.1 as f64).filter(|v| *v > 0.0 && v.is_finite());
        let (lo, hi) = values.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
        (lo <= hi).then(|| {
            let (lo, hi) = (lo.log10().floor(), hi.log10().ceil().max(lo.log10().floor() + 1.0));
            Frame { max_step: max_step.max(1) as f64, lo, hi }
        })
    }

    fn screen_from_point(&self, (step, loss): CurvePoint) -> (f64, f64) {
        let x = LEFT + (step as f64 / self.max_step) * (W - LEFT - RIGHT);
        let t = ((loss.max(1e-12) as f64).log10() - self.lo) / (self.hi - self.lo);
        (x, TOP + (1.0 - t) * (H - TOP - BOTTOM))
    }

    fn path(&self, curve: &[CurvePoint]) -> String {
        curve
            .iter()
            .map(|&p| self.screen_from_point(p))
            .map(|(x, y)| format!("{x:.1},{y:.1}"))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// `loss-chart`.
#[component]
pub fn LossChart() -> impl IntoView {
    let state = expect_context::<LabState>();
    let frame = Memo::new(move |_| {
        let max_step = state.plan.with(|p| p.map(|p| p.total_steps())).unwrap_or(0);
        state.train_curve.with(|train| state.test_curve.with(|test| Frame::fit(max_step, &[train, test])))
    });
    let decades = move || {
        frame.get().map(|f| {
            ((f.lo as i32)..=(f.hi as i32))
                .map(|d| {
                    let (_, y) = f.screen_from_point((0, 10f32.powi(d)));
                    view! {
                        <line class="grid" x1=LEFT x2=W - RIGHT y1=y y2=y/>
                        <text class="tick" x=LEFT - 6.0 y=y + 4.0 text-anchor="end">{format!("1e{d}")}</text>
                    }
                })
                .collect_view()
        })
    };
    let train_path = move || frame.get().map(|f| state.train_curve.with(|c| f.path(c))).unwrap_or_default();
    let test_path = move || frame.get().map(|f| state.test_curve.with(|c| f.path(c))).unwrap_or_default();
    let test_dots = move || {
        frame.get().map(|f| {
            state.test_curve.with(|c| {
                c.iter()
                    .map(|&p| {
                        let (x, y) = f.screen_from_point(p);
                        view! { <circle class="test" cx=x cy=y r="3.5"><title>{format!("test loss {:.5} at step {}", p.1, p.0)}</title></circle> }
                    })
                    .collect_view()
            })
        })
    };
    let max_label = move || state.plan.get().map(|p| p.total_steps().to_string()).unwrap_or_default();
    view! {
        <figure class="chart">
            <svg data-testid="loss-chart" viewBox=format!("0 0 {W} {H}") role="img" aria-label="Loss curves">
                {decades}
                <line class="axis" x1=LEFT x2=LEFT y1=TOP y2=H - BOTTOM/>
                <line class="axis" x1=LEFT x2=W - RIGHT y1=H - BOTTOM y2=H - BOTTOM/>
                <text class="tick" x=LEFT y=H - 10.0>"0"</text>
                <text class="tick" x=W - RIGHT y=H - 10.0 text-anchor="end">{max_label}</text>
                <text class="tick" x=(W + LEFT) / 2.0 y=H - 10.0 text-anchor="middle">"step"</text>
                <polyline class="train" points=train_path/>
                <polyline class="test" points=test_path/>
                {test_dots}
                <Show when=move || frame.get().is_none()>
                    <text class="chart-empty" x=(W + LEFT) / 2.0 y=H / 2.0 text-anchor="middle">
                        "Press Train: the loss curves appear here"
                    </text>
                </Show>
            </svg>
            <figcaption>
                <span class="key train">"train loss"</span>
                <span class="key test">"test loss (each epoch)"</span>
            </figcaption>
        </figure>
    }
}
