//! What the lab's SVG charts share (the loss curves, the PCA spectrum, a preset's figure): the
//! canvas with the margins around its plot, an axis's data range (linear or logarithmic) and its
//! ticks, the mapping of data to the screen, and the axis lines and labels of the charts that
//! the page's CSS styles.

use leptos::prelude::*;
use replab_core::ticks;

/// A chart's SVG canvas: its size, and the margins around the plot that hold the labels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

impl Frame {
    /// The SVG's `viewBox`: the whole canvas.
    pub fn view_box(&self) -> String {
        format!("0 0 {} {}", self.width, self.height)
    }

    /// x of the plot's right edge.
    pub fn plot_right(&self) -> f64 {
        self.width - self.right
    }

    /// y of the plot's bottom edge (the x axis).
    pub fn plot_bottom(&self) -> f64 {
        self.height - self.bottom
    }

    /// x of the point `t` of the way across the plot (0: left edge, 1: right edge).
    pub fn x_screen_from_fraction(&self, t: f64) -> f64 {
        self.left + t * (self.width - self.left - self.right)
    }

    /// y of the point `t` of the way up the plot (0: bottom edge, 1: top edge).
    pub fn y_screen_from_fraction(&self, t: f64) -> f64 {
        self.top + (1.0 - t) * (self.height - self.top - self.bottom)
    }

    /// x of the value `v` on the horizontal `axis`.
    pub fn x_screen_from_data(&self, axis: &Axis, v: f64) -> f64 {
        self.x_screen_from_fraction(axis.fraction(v))
    }

    /// y of the value `v` on the vertical `axis`.
    pub fn y_screen_from_data(&self, axis: &Axis, v: f64) -> f64 {
        self.y_screen_from_fraction(axis.fraction(v))
    }

    /// The two axis lines (`class="axis"`) along the plot's left and bottom edges.
    pub fn axes(&self) -> impl IntoView + use<> {
        let Frame { left, top, .. } = *self;
        let (right, bottom) = (self.plot_right(), self.plot_bottom());
        view! {
            <line class="axis" x1=left x2=left y1=top y2=bottom/>
            <line class="axis" x1=left x2=right y1=bottom y2=bottom/>
        }
    }

    /// The labels under the x axis (`class="tick"`): 0 at the left, `end` at the right and the
    /// axis's `name` between them.
    pub fn x_labels<E: IntoView + 'static>(&self, end: E, name: &'static str) -> impl IntoView + use<E> {
        let Frame { width, height, left, .. } = *self;
        let right = self.plot_right();
        view! {
            <text class="tick" x=left y=height - 10.0>"0"</text>
            <text class="tick" x=right y=height - 10.0 text-anchor="end">{end}</text>
            <text class="tick" x=(width + left) / 2.0 y=height - 10.0 text-anchor="middle">{name}</text>
        }
    }

    /// A label (`class="tick"`) under the x axis at `x`, centred there, except at the plot's
    /// right end, where it ends: centred, the last label ran past the edge in a phone's larger
    /// type.
    pub fn x_tick<T: IntoView + 'static>(&self, x: f64, text: T) -> impl IntoView + use<T> {
        let anchor = if x >= self.plot_right() - 0.5 { "end" } else { "middle" };
        let y = self.plot_bottom() + 14.0;
        view! { <text class="tick" x=x y=y text-anchor=anchor>{text}</text> }
    }

    /// A label (`class="tick"`) left of the y axis, level with height `y`.
    pub fn y_label<T: IntoView + 'static>(&self, y: f64, text: T) -> impl IntoView + use<T> {
        let x = self.left - 6.0;
        view! { <text class="tick" x=x y=y + 4.0 text-anchor="end">{text}</text> }
    }
}

/// The data range of one axis, linear or logarithmic; on a logarithmic axis `lo` and `hi` are
/// decades (the base-10 logarithms of the ends).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Axis {
    pub lo: f64,
    pub hi: f64,
    pub log: bool,
}

impl Axis {
    /// The range of the finite `values` (the positive ones on a logarithmic axis). A linear
    /// axis reaches down to 0; an empty range becomes 0 to 1, a single value a range 1 wide.
    pub fn fit(values: impl Iterator<Item = f64>, log: bool) -> Axis {
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
        Axis { lo, hi, log }
    }

    /// The axis widened to the round values just outside it (`replab_core::ticks`), for a value
    /// axis: its highest bar or point then meets a labelled line rather than the axis's end.
    pub fn nice(self) -> Axis {
        let (lo, hi) = if self.log { ticks::nice_logarithmic(self.lo, self.hi) } else { ticks::nice_linear(self.lo, self.hi) };
        Axis { lo, hi, ..self }
    }

    /// Where `v` lies on the axis: 0 at `lo`, 1 at `hi` (a logarithmic axis takes values
    /// below 1e-300 as 1e-300).
    pub fn fraction(&self, v: f64) -> f64 {
        let v = if self.log { v.max(1e-300).log10() } else { v };
        (v - self.lo) / (self.hi - self.lo)
    }

    /// A few labelled ticks (value, text) at round values (`replab_core::ticks`): powers of ten
    /// on a logarithmic axis of 1.5 decades or more, 1, 2 and 5 × a power of ten on a shorter
    /// one, a round step from 3 to 6 ticks on a linear one.
    pub fn ticks(&self) -> Vec<(f64, String)> {
        if self.log { ticks::logarithmic(self.lo, self.hi) } else { ticks::linear(self.lo, self.hi) }
    }
}
