//! `preset-chart`: a preset's line or grouped-bar chart as SVG, styled inline so that the PNG
//! download looks the same as the page.

use leptos::prelude::*;

use crate::lab::presets::Chart;

const W: f64 = 640.0;
const H: f64 = 300.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 44.0;
const COLOURS: [&str; 8] = ["#3056d3", "#d9480f", "#2b8a3e", "#9c36b5", "#e67700", "#0b7285", "#c2255c", "#495057"];

/// One axis: data range mapped onto `[from, to]` pixels, linear or logarithmic.
#[derive(Clone, Copy)]
struct Axis {
    lo: f64,
    hi: f64,
    log: bool,
    from: f64,
    to: f64,
}

impl Axis {
    fn fit(values: impl Iterator<Item = f64>, log: bool, from: f64, to: f64) -> Axis {
        let values: Vec<f64> = values.filter(|v| v.is_finite() && (!log || *v > 0.0)).map(|v| if log { v.log10() } else { v }).collect();
        let (mut lo, mut hi) = values.iter().fold((f64::MAX, f64::MIN), |(a, b), &v| (a.min(v), b.max(v)));
        if lo > hi {
            (lo, hi) = (0.0, 1.0);
        }
        if !log {
            lo = lo.min(0.0);
        }
        if (hi - lo).abs() < 1e-12 {
            hi = lo + 1.0;
        }
        Axis { lo, hi, log, from, to }
    }

    fn screen(&self, v: f64) -> f64 {
        let v = if self.log { v.max(1e-300).log10() } else { v };
        self.from + (v - self.lo) / (self.hi - self.lo) * (self.to - self.from)
    }

    /// A few labelled ticks: decades on a log axis, five steps otherwise.
    fn ticks(&self) -> Vec<(f64, String)> {
        if self.log && self.hi - self.lo < 1.5 {
            // Less than two decades: five ticks evenly spaced on the log scale.
            (0..=4).map(|i| 10f64.powf(self.lo + (self.hi - self.lo) * f64::from(i) / 4.0)).map(|v| (v, format!("{v:.3}"))).collect()
        } else if self.log {
            (self.lo.floor() as i32..=self.hi.ceil() as i32)
                .map(|d| 10f64.powi(d))
                .filter(|v| (self.lo..=self.hi).contains(&v.log10()))
                .map(|v| (v, format!("{v:e}")))
                .collect()
        } else {
            let span = self.hi - self.lo;
            let digits = if span >= 8.0 { 0 } else if span >= 0.8 { 1 } else { 3 };
            (0..=4).map(|i| self.lo + span * f64::from(i) / 4.0).map(|v| (v, format!("{v:.digits$}"))).collect()
        }
    }
}

fn frame(title: &str, x_label: &str, y_label: &str, y: Axis) -> impl IntoView {
    let ticks = y
        .ticks()
        .into_iter()
        .map(|(v, text)| {
            let sy = y.screen(v);
            view! {
                <line x1=LEFT x2=W - RIGHT y1=sy y2=sy stroke="#dee2e6" stroke-dasharray="3 3"/>
                <text x=LEFT - 6.0 y=sy + 4.0 text-anchor="end" font-size="10" fill="#495057">{text}</text>
            }
        })
        .collect_view();
    view! {
        <rect x="0" y="0" width=W height=H fill="#ffffff"/>
        <text x=W / 2.0 y="16" text-anchor="middle" font-size="13" font-weight="600" fill="#212529">{title.to_string()}</text>
        {ticks}
        <line x1=LEFT x2=LEFT y1=TOP y2=H - BOTTOM stroke="#495057"/>
        <line x1=LEFT x2=W - RIGHT y1=H - BOTTOM y2=H - BOTTOM stroke="#495057"/>
        <text x=(W + LEFT) / 2.0 y=H - 6.0 text-anchor="middle" font-size="11" fill="#495057">{x_label.to_string()}</text>
        <text x="12" y=(H - BOTTOM + TOP) / 2.0 text-anchor="middle" font-size="11" fill="#495057"
            transform=format!("rotate(-90 12 {})", (H - BOTTOM + TOP) / 2.0)>{y_label.to_string()}</text>
    }
}

/// Legend entries laid out left to right, wrapping to a new row when a name would not fit
/// (names are measured at ~5.6 px per character of the 10-px font).
fn legend(names: Vec<String>) -> impl IntoView {
    let (mut x, mut y) = (LEFT + 8.0, TOP + 6.0);
    names
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            let width = 14.0 + name.chars().count() as f64 * 5.6 + 16.0;
            if x > LEFT + 8.0 && x + width > W - RIGHT {
                (x, y) = (LEFT + 8.0, y + 14.0);
            }
            let (at_x, at_y) = (x, y);
            x += width;
            view! {
                <rect x=at_x y=at_y width="10" height="10" fill=COLOURS[i % COLOURS.len()]/>
                <text x=at_x + 14.0 y=at_y + 9.0 font-size="10" fill="#212529">{name}</text>
            }
        })
        .collect_view()
}

fn lines(title: &str, x_label: &str, y_label: &str, log_x: bool, log_y: bool, series: &[crate::lab::presets::Series]) -> AnyView {
    let all = || series.iter().flat_map(|s| s.points.iter());
    let x = Axis::fit(all().map(|p| p.0), log_x, LEFT, W - RIGHT);
    let y = Axis::fit(all().map(|p| p.1), log_y, H - BOTTOM, TOP + 30.0);
    let x_ticks = x
        .ticks()
        .into_iter()
        .map(|(v, text)| view! { <text x=x.screen(v) y=H - BOTTOM + 14.0 text-anchor="middle" font-size="10" fill="#495057">{text}</text> })
        .collect_view();
    let paths = series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let colour = COLOURS[i % COLOURS.len()];
            let points: Vec<(f64, f64)> = s.points.iter().filter(|p| p.1.is_finite()).map(|p| (x.screen(p.0), y.screen(p.1))).collect();
            let line = points.iter().map(|(a, b)| format!("{a:.1},{b:.1}")).collect::<Vec<_>>().join(" ");
            let dots = points.iter().map(|&(a, b)| view! { <circle cx=a cy=b r="2.5" fill=colour/> }).collect_view();
            view! { <polyline points=line fill="none" stroke=colour stroke-width="2"/> {dots} }
        })
        .collect_view();
    view! { {frame(title, x_label, y_label, y)} {x_ticks} {paths} {legend(series.iter().map(|s| s.name.clone()).collect())} }.into_any()
}

fn bars(title: &str, y_label: &str, groups: &[String], bars: &[crate::lab::presets::Bars]) -> AnyView {
    let tops = bars.iter().flat_map(|b| b.values.iter().enumerate().map(move |(i, v)| v + b.errors.as_ref().map_or(0.0, |e| e[i])));
    let y = Axis::fit(tops, false, H - BOTTOM, TOP + 30.0);
    let slot = (W - LEFT - RIGHT) / groups.len().max(1) as f64;
    let width = slot * 0.8 / bars.len().max(1) as f64;
    let labels = groups
        .iter()
        .enumerate()
        .map(|(g, name)| {
            let cx = LEFT + slot * (g as f64 + 0.5);
            view! { <text x=cx y=H - BOTTOM + 14.0 text-anchor="middle" font-size="10" fill="#495057">{name.clone()}</text> }
        })
        .collect_view();
    let rects = bars
        .iter()
        .enumerate()
        .flat_map(|(b, set)| {
            let colour = COLOURS[b % COLOURS.len()];
            set.values.iter().enumerate().filter(|(_, v)| v.is_finite()).map(move |(g, &v)| {
                let x0 = LEFT + slot * g as f64 + slot * 0.1 + width * b as f64;
                let (top, base) = (y.screen(v), y.screen(0.0));
                let error = set.errors.as_ref().map(|e| e[g]).filter(|e| e.is_finite()).map(|e| {
                    let cx = x0 + width / 2.0;
                    view! { <line x1=cx x2=cx y1=y.screen(v - e) y2=y.screen(v + e) stroke="#212529"/> }
                });
                view! {
                    <rect x=x0 y=top.min(base) width=width * 0.92 height=(base - top).abs() fill=colour>
                        <title>{format!("{}: {v:.5}", set.name)}</title>
                    </rect>
                    {error}
                }
            })
        })
        .collect_view();
    view! { {frame(title, "", y_label, y)} {labels} {rects} {legend(bars.iter().map(|b| b.name.clone()).collect())} }.into_any()
}

#[component]
pub fn PresetChart(chart: Chart) -> impl IntoView {
    let body = match &chart {
        Chart::Lines { title, x_label, y_label, log_x, log_y, series } => lines(title, x_label, y_label, *log_x, *log_y, series),
        Chart::Bars { title, y_label, groups, bars: b } => bars(title, y_label, groups, b),
    };
    view! {
        <svg class="preset-chart" data-testid="preset-chart" xmlns="http://www.w3.org/2000/svg" viewBox=format!("0 0 {W} {H}") width=W height=H role="img">
            {body}
        </svg>
    }
}
