//! `preset-chart`: a preset's line or grouped-bar chart as SVG, styled inline so that the PNG
//! download looks the same as the page.

use leptos::prelude::*;

use replab_core::presets::Chart;
use crate::ui::chart_frame::{Axis, Frame};

/// The canvas: the title above the plot, tick labels left of it and below it.
const WIDE: Frame = Frame { width: 640.0, height: 300.0, left: 64.0, right: 16.0, top: 28.0, bottom: 44.0 };
/// The canvas on a phone: narrower, so that the same type sizes read at about 9 px instead of
/// 5.5 px once the chart is scaled to the screen (a group's label wraps onto two lines).
const NARROW: Frame = Frame { width: 400.0, height: 300.0, left: 52.0, right: 12.0, top: 28.0, bottom: 56.0 };
/// Screens narrower than this (CSS pixels) get [`NARROW`].
const NARROW_BELOW: f64 = 560.0;
/// Width of one character of the 10-unit font, roughly, for laying labels out.
const CHAR: f64 = 5.6;
/// Height of a line of the title.
const TITLE_LINE: f64 = 16.0;
/// Height of a legend row; the plotted values reach up to [`Legend::data_top`], below it.
const LEGEND_ROW: f64 = 14.0;
const COLOURS: [&str; 8] = ["#3056d3", "#d9480f", "#2b8a3e", "#9c36b5", "#e67700", "#0b7285", "#c2255c", "#495057"];

/// The canvas for this screen.
fn frame() -> Frame {
    let width = web_sys::window().and_then(|w| w.inner_width().ok()).and_then(|w| w.as_f64());
    if width.is_some_and(|w| w < NARROW_BELOW) { NARROW } else { WIDE }
}

/// y of the value `v` on the vertical axis `y`, between the x axis and `top`.
fn y_screen_from_data(f: &Frame, y: &Axis, v: f64, top: f64) -> f64 {
    let bottom = f.plot_bottom();
    bottom + y.fraction(v) * (top - bottom)
}

/// The background, the title, the y axis's ticks and grid, the axes and their names (styled
/// inline).
fn backdrop(f: Frame, title: Vec<String>, x_label: &str, y_label: &str, y: Axis, top: f64) -> impl IntoView {
    let ticks = y
        .ticks()
        .into_iter()
        .map(|(v, text)| {
            let sy = y_screen_from_data(&f, &y, v, top);
            view! {
                <line x1=f.left x2=f.plot_right() y1=sy y2=sy stroke="#dee2e6" stroke-dasharray="3 3"/>
                <text x=f.left - 6.0 y=sy + 4.0 text-anchor="end" font-size="10" fill="#495057">{text}</text>
            }
        })
        .collect_view();
    view! {
        <rect x="0" y="0" width=f.width height=f.height fill="#ffffff"/>
        <text x=f.width / 2.0 y="16" text-anchor="middle" font-size="13" font-weight="600" fill="#212529">{stacked(title, f.width / 2.0, TITLE_LINE)}</text>
        {ticks}
        <line x1=f.left x2=f.left y1=f.top y2=f.plot_bottom() stroke="#495057"/>
        <line x1=f.left x2=f.plot_right() y1=f.plot_bottom() y2=f.plot_bottom() stroke="#495057"/>
        <text x=(f.width + f.left) / 2.0 y=f.height - 6.0 text-anchor="middle" font-size="11" fill="#495057">{x_label.to_string()}</text>
        <text x="12" y=(f.plot_bottom() + f.top) / 2.0 text-anchor="middle" font-size="11" fill="#495057"
            transform=format!("rotate(-90 12 {})", (f.plot_bottom() + f.top) / 2.0)>{y_label.to_string()}</text>
    }
}

/// A tick's or a group's label under the x axis, centred on `x`.
fn label_under_axis(f: &Frame, x: f64, text: String) -> impl IntoView {
    view! { <text x=x y=f.plot_bottom() + 14.0 text-anchor="middle" font-size="10" fill="#495057">{text}</text> }
}

/// `text` broken after spaces and hyphens into lines of at most `room` units at `char_width`
/// units a character, `max_lines` at most (the rest joins the last).
fn wrap(text: &str, room: f64, char_width: f64, max_lines: usize) -> Vec<String> {
    let fits = |line: &str| line.trim_end().chars().count() as f64 * char_width <= room;
    let mut lines = vec![String::new()];
    for word in text.split_inclusive([' ', '-']) {
        let full = lines.len() >= max_lines;
        let last = lines.last_mut().expect("one line at least");
        if last.is_empty() || full || fits(&format!("{last}{word}")) {
            last.push_str(word);
        } else {
            lines.push(word.to_string());
        }
    }
    lines.into_iter().map(|l| l.trim_end().to_string()).collect()
}

/// The title's lines (13-unit bold type, about 7.8 units a character) and the frame with its top
/// margin grown by a line for each line past the first.
fn titled(f: Frame, title: &str) -> (Frame, Vec<String>) {
    let lines = wrap(title, f.width - 16.0, 7.8, 3);
    let top = f.top + TITLE_LINE * (lines.len() - 1) as f64;
    (Frame { top, ..f }, lines)
}

/// `lines` one under another in a `<text>`, each starting at `x`, `step` apart.
fn stacked(lines: Vec<String>, x: f64, step: f64) -> impl IntoView {
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| view! { <tspan x=x dy=if i == 0 { 0.0 } else { step }>{line}</tspan> })
        .collect_view()
}

/// A group's label under the x axis, centred on `x`, on two lines at most that fit `room`.
fn group_label(f: &Frame, x: f64, text: &str, room: f64) -> impl IntoView {
    view! { <text x=x y=f.plot_bottom() + 14.0 text-anchor="middle" font-size="10" fill="#495057">{stacked(wrap(text, room, CHAR, 2), x, 12.0)}</text> }
}

/// Legend entries laid out left to right, wrapping to a new row when a name would not fit
/// (names are measured at ~5.6 px per character of the 10-px font).
struct Legend {
    /// Each name with its top-left corner.
    entries: Vec<(String, f64, f64)>,
    rows: usize,
    /// The frame's top margin.
    top: f64,
}

impl Legend {
    fn new(f: &Frame, names: Vec<String>) -> Self {
        let (mut x, mut y, mut rows) = (f.left + 8.0, f.top + 6.0, 1);
        let entries = names
            .into_iter()
            .map(|name| {
                let width = 14.0 + name.chars().count() as f64 * CHAR + 16.0;
                if x > f.left + 8.0 && x + width > f.plot_right() {
                    (x, y, rows) = (f.left + 8.0, y + LEGEND_ROW, rows + 1);
                }
                let at = (x, y);
                x += width;
                (name, at.0, at.1)
            })
            .collect();
        Self { entries, rows, top: f.top }
    }

    /// The highest plotted value's y: below the legend's last row, so no curve runs under it.
    fn data_top(&self) -> f64 {
        self.top + 30.0 + (self.rows - 1) as f64 * LEGEND_ROW
    }

    fn into_view(self) -> impl IntoView {
        self.entries
            .into_iter()
            .enumerate()
            .map(|(i, (name, x, y))| {
                view! {
                    <rect x=x y=y width="10" height="10" fill=COLOURS[i % COLOURS.len()]/>
                    <text x=x + 14.0 y=y + 9.0 font-size="10" fill="#212529">{name}</text>
                }
            })
            .collect_view()
    }
}

fn lines(f: Frame, title: &str, x_label: &str, y_label: &str, log_x: bool, log_y: bool, series: &[replab_core::presets::Series]) -> AnyView {
    let (f, title) = titled(f, title);
    let legend = Legend::new(&f, series.iter().map(|s| s.name.clone()).collect());
    let top = legend.data_top();
    let all = || series.iter().flat_map(|s| s.points.iter());
    let x = Axis::fit(all().map(|p| p.0), log_x);
    let y = Axis::fit(all().map(|p| p.1), log_y).nice();
    // Trials and epochs are whole numbers: no tick between them.
    let whole = !log_x && all().all(|p| p.0.fract() == 0.0);
    let x_ticks = if whole { replab_core::ticks::whole(x.lo, x.hi) } else { x.ticks() }
        .into_iter()
        .map(|(v, text)| label_under_axis(&f, f.x_screen_from_data(&x, v), text))
        .collect_view();
    let paths = series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let colour = COLOURS[i % COLOURS.len()];
            let points: Vec<(f64, f64)> = s.points.iter().filter(|p| p.1.is_finite()).map(|p| (f.x_screen_from_data(&x, p.0), y_screen_from_data(&f, &y, p.1, top))).collect();
            let line = points.iter().map(|(a, b)| format!("{a:.1},{b:.1}")).collect::<Vec<_>>().join(" ");
            let dots = points.iter().map(|&(a, b)| view! { <circle cx=a cy=b r="2.5" fill=colour/> }).collect_view();
            view! { <polyline points=line fill="none" stroke=colour stroke-width="2"/> {dots} }
        })
        .collect_view();
    view! { {backdrop(f, title, x_label, y_label, y, top)} {x_ticks} {paths} {legend.into_view()} }.into_any()
}

fn bars(f: Frame, title: &str, y_label: &str, groups: &[String], bars: &[replab_core::presets::Bars]) -> AnyView {
    let (f, title) = titled(f, title);
    let legend = Legend::new(&f, bars.iter().map(|b| b.name.clone()).collect());
    let top = legend.data_top();
    let tops = bars.iter().flat_map(|b| b.values.iter().enumerate().map(move |(i, v)| v + b.errors.as_ref().map_or(0.0, |e| e[i])));
    let y = Axis::fit(tops, false).nice();
    let slot = (f.width - f.left - f.right) / groups.len().max(1) as f64;
    let width = slot * 0.8 / bars.len().max(1) as f64;
    let labels = groups.iter().enumerate().map(|(g, name)| group_label(&f, f.left + slot * (g as f64 + 0.5), name, slot - 4.0)).collect_view();
    let rects = bars
        .iter()
        .enumerate()
        .flat_map(|(b, set)| {
            let colour = COLOURS[b % COLOURS.len()];
            set.values.iter().enumerate().filter(|(_, v)| v.is_finite()).map(move |(g, &v)| {
                let x0 = f.left + slot * g as f64 + slot * 0.1 + width * b as f64;
                let (bar_top, base) = (y_screen_from_data(&f, &y, v, top), y_screen_from_data(&f, &y, 0.0, top));
                let error = set.errors.as_ref().map(|e| e[g]).filter(|e| e.is_finite()).map(|e| {
                    let cx = x0 + width / 2.0;
                    view! { <line x1=cx x2=cx y1=y_screen_from_data(&f, &y, v - e, top) y2=y_screen_from_data(&f, &y, v + e, top) stroke="#212529"/> }
                });
                view! {
                    <rect x=x0 y=bar_top.min(base) width=width * 0.92 height=(base - bar_top).abs() fill=colour>
                        <title>{format!("{}: {v:.5}", set.name)}</title>
                    </rect>
                    {error}
                }
            })
        })
        .collect_view();
    view! { {backdrop(f, title, "", y_label, y, top)} {labels} {rects} {legend.into_view()} }.into_any()
}

#[component]
pub fn PresetChart(chart: Chart) -> impl IntoView {
    let label = text_alternative(&chart);
    let f = frame();
    let body = match &chart {
        Chart::Lines { title, x_label, y_label, log_x, log_y, series } => lines(f, title, x_label, y_label, *log_x, *log_y, series),
        Chart::Bars { title, y_label, groups, bars: b } => bars(f, title, y_label, groups, b),
    };
    view! {
        <svg class="preset-chart" data-testid="preset-chart" xmlns="http://www.w3.org/2000/svg" viewBox=f.view_box() width=f.width height=f.height role="img" aria-label=label>
            {body}
        </svg>
    }
}

/// The chart in words, for screen readers: its title, axes and each series' or bar set's values.
fn text_alternative(chart: &Chart) -> String {
    let short = |v: f64| if v.abs() >= 0.01 || v == 0.0 { format!("{v:.3}") } else { format!("{v:.2e}") };
    match chart {
        Chart::Lines { title, x_label, y_label, series, .. } => {
            let each: Vec<String> = series
                .iter()
                .map(|s| {
                    let points: Vec<String> = s.points.iter().map(|&(x, y)| format!("{} at {}", short(y), short(x))).collect();
                    format!("{}: {}", s.name, points.join(", "))
                })
                .collect();
            format!("{title}. {y_label} against {x_label}. {}.", each.join("; "))
        }
        Chart::Bars { title, y_label, groups, bars } => {
            let each: Vec<String> = bars
                .iter()
                .map(|b| {
                    let values: Vec<String> = groups.iter().zip(&b.values).map(|(g, &v)| format!("{g} {}", short(v))).collect();
                    format!("{}: {}", b.name, values.join(", "))
                })
                .collect();
            format!("{title}. {y_label}. {}.", each.join("; "))
        }
    }
}
