//! A preset's confusion matrices (with per-class tables) and scatters of codes.

use leptos::prelude::*;

use replab_core::presets::{ConfusionFigure, Scatter};
use crate::ui::confusion::{ConfusionMatrix, PerClassTable};
use crate::ui::embedding::class_colour;

/// Side of a scatter in SVG units.
const SIDE: f64 = 320.0;
const PAD: f64 = 8.0;

/// Every confusion matrix of a result, each beside its per-class table, in a collapsible
/// section (open when there are few).
#[component]
pub fn ConfusionFigures(figures: Vec<ConfusionFigure>) -> impl IntoView {
    let open = figures.len() <= 2;
    let items = figures
        .into_iter()
        .map(|f| {
            view! {
                // The caption above both tables, not in the matrix's: a two-class matrix is
                // narrow, and its caption wrapped a word a line.
                <figure class="preset-confusion">
                    <figcaption>{f.caption}</figcaption>
                    <div class="confusion-row">
                        <ConfusionMatrix confusion=f.confusion.clone() names=f.class_names.clone() caption=String::new()/>
                        <PerClassTable confusion=f.confusion names=f.class_names/>
                    </div>
                </figure>
            }
        })
        .collect_view();
    view! {
        <details class="preset-confusions" open=open>
            <summary>"Confusion matrices and per-class figures"</summary>
            {items}
        </details>
    }
}

/// `(min, max)` of `values`, widened when flat.
fn range(values: impl Iterator<Item = f32>) -> (f64, f64) {
    let (lo, hi) = values.filter(|v| v.is_finite()).fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(f64::from(v)), hi.max(f64::from(v))));
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    if hi - lo < 1e-9 { (lo - 0.5, hi + 0.5) } else { (lo, hi) }
}

/// One scatter as SVG points coloured by class, with its legend.
#[component]
pub fn ScatterFigure(scatter: Scatter) -> impl IntoView {
    let (x0, x1) = range(scatter.points.iter().map(|p| p.0));
    let (y0, y1) = range(scatter.points.iter().map(|p| p.1));
    let screen_from_code = move |(x, y): (f32, f32)| {
        let sx = PAD + (f64::from(x) - x0) / (x1 - x0) * (SIDE - 2.0 * PAD);
        let sy = SIDE - PAD - (f64::from(y) - y0) / (y1 - y0) * (SIDE - 2.0 * PAD);
        (sx, sy)
    };
    let dots = scatter
        .points
        .iter()
        .zip(&scatter.labels)
        .filter(|(p, _)| p.0.is_finite() && p.1.is_finite())
        .map(|(&p, &label)| {
            let (cx, cy) = screen_from_code(p);
            view! { <circle cx=format!("{cx:.1}") cy=format!("{cy:.1}") r="1.8" fill=class_colour(label) fill-opacity="0.7"/> }
        })
        .collect_view();
    let legend = scatter
        .class_names
        .iter()
        .enumerate()
        .map(|(c, name)| view! { <li><span class="swatch" style=format!("background:{}", class_colour(c as u8))></span>{name.clone()}</li> })
        .collect_view();
    view! {
        <figure class="preset-scatter" data-testid="preset-scatter">
            <figcaption>{scatter.caption.clone()}</figcaption>
            <svg xmlns="http://www.w3.org/2000/svg" viewBox=format!("0 0 {SIDE} {SIDE}") width=SIDE height=SIDE role="img">
                <rect width=SIDE height=SIDE fill="#fff" stroke="#dee2e6"/>
                {dots}
            </svg>
            <ul class="scatter-key">{legend}</ul>
        </figure>
    }
}
