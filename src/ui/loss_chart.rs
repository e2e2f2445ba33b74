//! Train figures (every readback) and test figures (every epoch) on one log-scale SVG chart:
//! the loss, and a VAE's KL term beside it.

use leptos::prelude::*;
use replab_core::thousands::thousands;
use replab_core::analysis::column_envelope;

use super::chart_frame::{Axis, Frame};
use super::state::{CurvePoint, Curves, LabState, RunPhase};

/// The canvas: labels left of the plot and below it.
const FRAME: Frame = Frame { width: 560.0, height: 240.0, left: 56.0, right: 12.0, top: 12.0, bottom: 30.0 };

/// Maps (step, loss) to the canvas: linear in steps, logarithmic in loss (whole decades).
#[derive(Clone, Copy, PartialEq)]
struct Scale {
    max_step: f64,
    loss: Axis,
}

impl Scale {
    fn fit(max_step: usize, curves: &[&[CurvePoint]]) -> Option<Scale> {
        let values = curves.iter().flat_map(|c| c.iter()).map(|p| p.1 as f64).filter(|v| *v > 0.0 && v.is_finite());
        let (lo, hi) = values.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
        (lo <= hi).then(|| {
            let (lo, hi) = (lo.log10().floor(), hi.log10().ceil().max(lo.log10().floor() + 1.0));
            Scale { max_step: max_step.max(1) as f64, loss: Axis { lo, hi, log: true } }
        })
    }

    fn screen_from_point(&self, (step, loss): CurvePoint) -> (f64, f64) {
        let x = FRAME.x_screen_from_fraction(step as f64 / self.max_step);
        (x, FRAME.y_screen_from_data(&self.loss, loss.max(1e-12) as f64))
    }

    /// The polyline's points. A long curve is thinned to each plot column's first, lowest,
    /// highest and last point ([`column_envelope`], one column per canvas unit), so the line
    /// covers the same pixels while the work per report stays bounded by the chart's width,
    /// not the run's length.
    fn path(&self, curve: &[CurvePoint]) -> String {
        let columns = (FRAME.plot_right() - FRAME.left) as usize;
        column_envelope(curve, self.max_step as usize, columns)
            .iter()
            .map(|&p| self.screen_from_point(p))
            .map(|(x, y)| format!("{x:.1},{y:.1}"))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// One line of the chart.
struct Series {
    /// CSS class (colour, dashes) and the legend's text.
    class: &'static str,
    label: &'static str,
    curves: RwSignal<Curves>,
    pick: fn(&Curves) -> &Vec<CurvePoint>,
    /// Mark each point (the sparse per-epoch series).
    dots: bool,
}

impl Series {
    fn all(state: LabState) -> [Series; 4] {
        [
            Series { class: "train", label: "train loss", curves: state.train_curves, pick: |c| &c.loss, dots: false },
            Series { class: "test", label: "test loss (each epoch)", curves: state.test_curves, pick: |c| &c.loss, dots: true },
            Series { class: "train kl", label: "train KL (nats)", curves: state.train_curves, pick: |c| &c.kl, dots: false },
            Series { class: "test kl", label: "test KL", curves: state.test_curves, pick: |c| &c.kl, dots: true },
        ]
    }

    /// The legend's text: a VAE's loss curves are its reconstruction term (the KL has its own),
    /// named as the figures above the chart name them.
    fn label(&self, variational: bool) -> &'static str {
        match (self.class, variational) {
            ("train", true) => "train reconstruction",
            ("test", true) => "test reconstruction (each epoch)",
            _ => self.label,
        }
    }

    fn is_empty(&self) -> bool {
        self.curves.with(|c| (self.pick)(c).is_empty())
    }
}

/// The plotted figures as JSON, exact (shortest round-trip decimals; `null` where not finite):
/// `{"train":[[step,loss],…],"test":[…],"train_kl":[…],"test_kl":[…]}`, for tests and anyone
/// who wants the numbers behind the lines.
fn figures_json(train: &Curves, test: &Curves) -> String {
    let series = |curve: &[CurvePoint]| {
        let points = curve
            .iter()
            .map(|&(step, v)| format!("[{step},{}]", if v.is_finite() { v.to_string() } else { "null".into() }))
            .collect::<Vec<_>>();
        format!("[{}]", points.join(","))
    };
    format!(
        r#"{{"train":{},"test":{},"train_kl":{},"test_kl":{}}}"#,
        series(&train.loss),
        series(&test.loss),
        series(&train.kl),
        series(&test.kl)
    )
}

/// `loss-chart`, with its figures in `data-losses` (see [`figures_json`]) whenever the run is
/// not training.
#[component]
pub fn LossChart() -> impl IntoView {
    let state = expect_context::<LabState>();
    let scale = Memo::new(move |_| {
        let max_step = state.plan.with(|p| p.map(|p| p.total_steps())).unwrap_or(0);
        state.train_curves.with(|train| {
            state.test_curves.with(|test| Scale::fit(max_step, &[&train.loss, &test.loss, &train.kl, &test.kl]))
        })
    });
    // A grid line and label at each power of ten, read as written ("0.1", "0.01"), and at 2
    // and 5 times each where the chart spans two decades or less: a loss of 0.045 reads
    // between 0.02 and 0.05, not somewhere in a decade.
    let decades = move || {
        scale.get().map(|f| {
            let (lo, hi) = (f.loss.lo.round() as i32, f.loss.hi.round() as i32);
            let minor: &[f32] = if hi - lo <= 2 { &[2.0, 5.0] } else { &[] };
            (lo..=hi)
                .flat_map(|d| std::iter::once(1.0).chain(minor.iter().copied()).map(move |m| m * 10f32.powi(d)))
                .filter(|v| v.log10() <= hi as f32 + 1e-3)
                .map(|v| {
                    let (_, y) = f.screen_from_point((0, v));
                    view! {
                        <line class="grid" x1=FRAME.left x2=FRAME.plot_right() y1=y y2=y/>
                        {FRAME.y_label(y, replab_core::ticks::round(f64::from(v)))}
                    }
                })
                .collect_view()
        })
    };
    // A VAE's loss curves are named for its reconstruction term, and its β in a change's mark.
    let variational = move || state.plan.with(|p| p.as_ref().is_some_and(|p| p.model.is_variational()));
    let lines = move || {
        let f = scale.get()?;
        let variational = variational();
        let views = Series::all(state)
            .into_iter()
            .map(|series| {
                let (points, dots) = series.curves.with(|c| {
                    let curve = (series.pick)(c);
                    let dots = series.dots.then(|| {
                        curve
                            .iter()
                            .map(|&p| {
                                let (x, y) = f.screen_from_point(p);
                                let title = format!("{} {:.5} at step {}", series.label(variational), p.1, thousands(p.0));
                                view! { <circle class=series.class cx=x cy=y r="3.5"><title>{title}</title></circle> }
                            })
                            .collect_view()
                    });
                    (f.path(curve), dots)
                });
                view! { <polyline class=series.class points=points/> {dots} }
            })
            .collect_view();
        Some(views)
    };
    let legend = move || {
        let variational = variational();
        Series::all(state)
            .into_iter()
            .filter(|s| !s.is_empty() || !s.class.contains("kl"))
            .map(|s| view! { <span class=format!("key {}", s.class)>{s.label(variational)}</span> })
            .collect_view()
    };
    // Where the learning rate or β was changed mid-run: a dashed line at that step.
    let changes = move || {
        let f = scale.get()?;
        // β is worth naming only for the run's model if it is a VAE.
        let beta_shown = variational();
        Some(
            state
                .adjustments
                .get()
                .into_iter()
                .map(|a| {
                    let (x, _) = f.screen_from_point((a.step, 1.0));
                    let text = if beta_shown { format!("lr {} · β {}", a.lr, a.beta) } else { format!("lr {}", a.lr) };
                    view! {
                        <g class="change" data-testid="loss-chart-change" data-step=a.step>
                            <line x1=x x2=x y1=FRAME.top y2=FRAME.plot_bottom()/>
                            <text x=x + 3.0 y=FRAME.top + 10.0>{text}</text>
                        </g>
                    }
                })
                .collect_view(),
        )
    };
    let max_label = move || state.plan.get().map(|p| p.total_steps().to_string()).unwrap_or_default();
    view! {
        <figure class="chart">
            <svg
                data-testid="loss-chart"
                data-losses=move || {
                    // Rebuilt on every report it cost the page time that grew with the run:
                    // written once the run pauses or ends (or a saved run is shown).
                    let training = matches!(state.run.get(), RunPhase::Starting | RunPhase::Training);
                    (!training).then(|| state.train_curves.with(|train| state.test_curves.with(|test| figures_json(train, test))))
                }
                viewBox=FRAME.view_box() role="img" aria-label="Loss curves">
                {decades}
                {FRAME.axes()}
                {FRAME.x_labels(max_label, "step")}
                {lines}
                {changes}
                <Show when=move || scale.get().is_none()>
                    <text class="chart-empty" x=(FRAME.width + FRAME.left) / 2.0 y=FRAME.height / 2.0 text-anchor="middle">
                        "Press Train: the loss curves appear here"
                    </text>
                </Show>
            </svg>
            <figcaption>{legend}</figcaption>
        </figure>
    }
}
