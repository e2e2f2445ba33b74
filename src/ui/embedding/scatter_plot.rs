//! A scatter of test codes on a canvas, one dot per test image coloured by class. Hover (or a tap)
//! shows the image; Ctrl (⌘) + the wheel or a trackpad pinch zooms about the pointer (a plain wheel
//! scrolls the page, with a hint), dragging with the mouse pans, double-click, `0` or the Reset
//! view button (shown while zoomed or moved) resets; `+`/`-` and the arrow keys work when the plot
//! has focus. On a touch screen one finger scrolls the page, as the wheel does (with a hint), and
//! two fingers pinch to zoom and move the plot.

use leptos::html;
use leptos::prelude::*;
use web_sys::{KeyboardEvent, PointerEvent, TouchEvent, WheelEvent};

use super::palette::class_rgb;
use super::state::EmbeddingState;
use super::viewport::{Pinch, Viewport, ZoomPan, nearest_on_screen};
use replab_core::protocol::{Request, Scatter};
use crate::ui::canvas2d::{fit_backing_store, put_rgba};
use crate::ui::explore::LiveCanvas;
use crate::ui::state::LabState;
use crate::ui::worker_link::send;

/// Dot side, CSS pixels.
const DOT: f64 = 3.0;
/// How close the pointer must be to a dot to show it, CSS pixels.
const HOVER_RADIUS: f64 = 10.0;

/// What the hint over the plot says when a gesture scrolled the page instead of moving the plot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hint {
    Wheel,
    Touch,
}

impl Hint {
    fn text(self) -> &'static str {
        match self {
            Hint::Wheel => "Ctrl (⌘ on a Mac) + scroll to zoom · drag to pan",
            Hint::Touch => "Two fingers to zoom and move the plot · tap a dot to see it",
        }
    }
}

fn paint(canvas: &web_sys::HtmlCanvasElement, scatter: &Scatter, hidden: &std::collections::BTreeSet<u8>, view: ZoomPan, hover: Option<usize>) {
    let (width, height) = (f64::from(canvas.client_width().max(1)), f64::from(canvas.client_height().max(1)));
    let Some(ctx) = fit_backing_store(canvas, width, height) else { return };
    let viewport = Viewport::fit(&scatter.points, width, height, view);
    // The dots are written into one RGBA buffer at the backing store's resolution and put on
    // the canvas at once: one call instead of one `fillRect` per dot (10,000 of them for a
    // 10,000-image test split), each of which the canvas would record and raster later.
    let (w, h) = (canvas.width(), canvas.height());
    let ratio = f64::from(w) / width;
    let side = (DOT * ratio).round().max(1.0) as i64;
    let mut pixels = vec![0u8; w as usize * h as usize * 4];
    // Class by class, as the legend orders them (a later class's dot covers an earlier one's).
    let classes = scatter.labels.iter().max().map_or(0, |&m| u16::from(m) + 1);
    for class in (0..classes).map(|c| c as u8).filter(|c| !hidden.contains(c)) {
        let [r, g, b] = class_rgb(class);
        for (p, _) in scatter.points.chunks_exact(2).zip(&scatter.labels).filter(|(_, l)| **l == class) {
            let (x, y) = viewport.screen(p[0], p[1]);
            let (x0, y0) = (((x - DOT / 2.0) * ratio).round(), ((y - DOT / 2.0) * ratio).round());
            if !(x0.is_finite() && y0.is_finite()) {
                continue;
            }
            let (x0, y0) = (x0.clamp(-1e6, 1e6) as i64, y0.clamp(-1e6, 1e6) as i64);
            let (xs, ys) = (x0.max(0)..(x0 + side).min(i64::from(w)), y0.max(0)..(y0 + side).min(i64::from(h)));
            if xs.is_empty() || ys.is_empty() {
                continue; // off the canvas (zoomed in, or an outlier the fit leaves out)
            }
            for row in ys {
                let start = (row as usize * w as usize + xs.start as usize) * 4;
                let end = (row as usize * w as usize + xs.end as usize) * 4;
                for px in pixels[start..end].chunks_exact_mut(4) {
                    px.copy_from_slice(&[r, g, b, 255]);
                }
            }
        }
    }
    if !put_rgba(&ctx, &pixels, w as usize, h as usize) {
        ctx.clear_rect(0.0, 0.0, width, height);
    }
    if let Some(i) = hover {
        let (x, y) = viewport.screen(scatter.points[2 * i], scatter.points[2 * i + 1]);
        ctx.set_stroke_style_str("#111");
        ctx.set_line_width(2.0);
        ctx.stroke_rect(x - 4.0, y - 4.0, 8.0, 8.0);
    }
}

/// The class of each point that is shown (for hit tests).
fn is_visible(scatter: &Scatter, hidden: &std::collections::BTreeSet<u8>, index: usize) -> bool {
    !hidden.contains(&scatter.labels[index])
}

#[component]
pub fn ScatterPlot(
    /// The scatter to draw (`None`: an empty plot).
    #[prop(into)]
    scatter: Signal<Option<Scatter>>,
    /// `data-testid` of the canvas.
    testid: &'static str,
    /// `data-testid` of the hover tooltip.
    tooltip_testid: &'static str,
    /// Accessible name of the plot.
    label: &'static str,
    /// A point to mark (the drawing's place, `draw-marker`), in the scatter's coordinates.
    #[prop(into, optional)]
    marker: Option<Signal<Option<[f32; 2]>>>,
) -> impl IntoView {
    let state = expect_context::<LabState>();
    let embedding = expect_context::<EmbeddingState>();
    let canvas = NodeRef::<html::Canvas>::new();
    let view = RwSignal::new(ZoomPan::IDENTITY);
    let hover = RwSignal::new(None::<(usize, f64, f64)>);
    let drag = StoredValue::new(None::<(f64, f64, ZoomPan)>);

    Effect::new(move |_| {
        let Some(c) = canvas.get() else { return };
        scatter.with(|s| match s {
            Some(s) => embedding.hidden.with(|h| paint(&c, s, h, view.get(), hover.get().map(|(i, _, _)| i))),
            None => {
                if let Some(ctx) = fit_backing_store(&c, f64::from(c.client_width().max(1)), f64::from(c.client_height().max(1))) {
                    ctx.clear_rect(0.0, 0.0, f64::from(c.client_width()), f64::from(c.client_height()));
                }
            }
        });
    });
    // A new projection starts from the whole view.
    Effect::new(move |previous: Option<Option<String>>| {
        let key = scatter.with(|s| s.as_ref().map(|s| format!("{:?}", s.projection)));
        if previous.is_some_and(|p| p != key) {
            view.set(ZoomPan::IDENTITY);
        }
        key
    });

    let position = move |ev: &web_sys::MouseEvent| (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
    let hit = move |at: (f64, f64)| -> Option<usize> {
        let c = canvas.get_untracked()?;
        scatter.with_untracked(|s| {
            let s = s.as_ref()?;
            let viewport = Viewport::fit(&s.points, f64::from(c.client_width()), f64::from(c.client_height()), view.get_untracked());
            embedding.hidden.with_untracked(|h| nearest_on_screen(&s.points, &viewport, at, HOVER_RADIUS, |i| is_visible(s, h, i)))
        })
    };
    let show = move |at: (f64, f64)| match hit(at) {
        Some(index) => {
            if !embedding.thumbnails.with_untracked(|t| t.contains_key(&index)) {
                send(Request::Thumbnail { index });
            }
            hover.set(Some((index, at.0, at.1)));
        }
        None => hover.set(None),
    };
    // A finger shows the dot it taps (on lifting: a finger that scrolls the page gets a
    // `pointercancel` instead) and leaves panning to two fingers (`touch_*` below).
    let down = move |ev: PointerEvent| {
        if ev.button() != 0 || ev.pointer_type() == "touch" {
            return;
        }
        if let Some(c) = canvas.get_untracked() {
            c.set_pointer_capture(ev.pointer_id()).ok();
        }
        let (x, y) = position(&ev);
        drag.set_value(Some((x, y, view.get_untracked())));
        show((x, y));
    };
    let moved = move |ev: PointerEvent| {
        if ev.pointer_type() == "touch" {
            return;
        }
        let (x, y) = position(&ev);
        match drag.get_value() {
            Some((sx, sy, start)) if (x - sx).abs() + (y - sy).abs() > 3.0 => {
                hover.set(None);
                view.set(start.panned(x - sx, y - sy));
            }
            Some(_) => {}
            None => show((x, y)),
        }
    };
    // Whether this touch pinched (a finger lifted from a pinch is no tap). Pointer events come
    // before their touch events, so it is still set at the last finger's `pointerup`.
    let pinched = StoredValue::new(false);
    let up = move |ev: PointerEvent| {
        if ev.pointer_type() == "touch" && ev.type_() == "pointerup" && ev.is_primary() && !pinched.get_value() {
            show(position(&ev));
        }
        drag.set_value(None);
    };
    // A plain wheel scrolls the page: a student scrolling past the plot is not caught zooming
    // it. Ctrl or ⌘ with the wheel (and a trackpad pinch, which the browser sends as a wheel
    // with Ctrl) zooms; a plain wheel shows how, for a moment.
    let zoom_hint = RwSignal::new(None::<Hint>);
    let hint_shown = StoredValue::new(0u32);
    // Shown for 1.5 s after the last such gesture (a scroll sends many): the hint's element is
    // built once, its timer restarted.
    let hint = move |what: Hint| {
        let shown = hint_shown.get_value().wrapping_add(1);
        hint_shown.set_value(shown);
        if zoom_hint.get_untracked() != Some(what) {
            zoom_hint.set(Some(what));
        }
        set_timeout(
            move || {
                if hint_shown.try_get_value() == Some(shown) {
                    zoom_hint.set(None);
                }
            },
            std::time::Duration::from_millis(1500),
        );
    };
    let wheel = move |ev: WheelEvent| {
        if !(ev.ctrl_key() || ev.meta_key()) {
            return hint(Hint::Wheel);
        }
        ev.prevent_default();
        let (x, y) = position(&ev);
        view.update(|v| *v = v.zoomed_at((-ev.delta_y() * 0.0015).exp(), x, y));
    };
    // Two fingers: the view when they landed and where they landed. The canvas lets the browser
    // pan the page (`touch-action: pan-x pan-y`) and keeps pinches for itself; a second finger
    // that lands before the first one moved stops the page from scrolling.
    let pinch = StoredValue::new(None::<(ZoomPan, Pinch)>);
    let fingers = move |ev: &TouchEvent| -> Option<Pinch> {
        let c = canvas.get_untracked()?;
        let rect = c.get_bounding_client_rect();
        let touches = ev.touches();
        let at = |i| touches.item(i).map(|t| (f64::from(t.client_x()) - rect.left(), f64::from(t.client_y()) - rect.top()));
        Some(Pinch::between(at(0)?, at(1)?))
    };
    let touch_start = move |ev: TouchEvent| {
        if ev.touches().length() >= 2 {
            ev.prevent_default();
            pinched.set_value(true);
            hover.set(None);
            pinch.set_value(fingers(&ev).map(|at| (view.get_untracked(), at)));
        }
    };
    let touch_move = move |ev: TouchEvent| match (pinch.get_value(), fingers(&ev)) {
        (Some((start, from)), Some(to)) => {
            if ev.cancelable() {
                ev.prevent_default();
            }
            view.set(start.pinched(from, to));
        }
        _ if ev.touches().length() == 1 => hint(Hint::Touch),
        _ => {}
    };
    let touch_end = move |ev: TouchEvent| {
        if ev.touches().length() < 2 {
            pinch.set_value(None);
        }
        if ev.touches().length() == 0 {
            pinched.set_value(false);
        }
    };
    let keys = move |ev: KeyboardEvent| {
        let Some(c) = canvas.get_untracked() else { return };
        let centre = (f64::from(c.client_width()) / 2.0, f64::from(c.client_height()) / 2.0);
        let change = match ev.key().as_str() {
            "+" | "=" => Some(view.get_untracked().zoomed_at(1.25, centre.0, centre.1)),
            "-" | "_" => Some(view.get_untracked().zoomed_at(0.8, centre.0, centre.1)),
            "ArrowLeft" => Some(view.get_untracked().panned(30.0, 0.0)),
            "ArrowRight" => Some(view.get_untracked().panned(-30.0, 0.0)),
            "ArrowUp" => Some(view.get_untracked().panned(0.0, 30.0)),
            "ArrowDown" => Some(view.get_untracked().panned(0.0, -30.0)),
            "0" => Some(ZoomPan::IDENTITY),
            _ => None,
        };
        if let Some(v) = change {
            ev.prevent_default();
            view.set(v);
        }
    };
    let zoomed_or_moved = Memo::new(move |_| view.get() != ZoomPan::IDENTITY);
    let class_name = move |label: u8| {
        state.data.with_untracked(|d| d.map(|d| d.id.class_names().get(usize::from(label)).map(|s| s.to_string())))
            .flatten()
            .unwrap_or_else(|| label.to_string())
    };
    let tooltip = move || {
        let (index, x, y) = hover.get()?;
        let thumb = embedding.thumbnails.with(|t| t.get(&index).cloned());
        let label = scatter.with(|s| s.as_ref().and_then(|s| s.labels.get(index).copied()))?;
        let image = Signal::derive(move || thumb.clone().map(|(strip, _)| (strip, 0)));
        // Beside the pointer on the side with room: the panel clips what overflows it (style.css).
        let (width, height) = canvas.get_untracked().map_or((f64::INFINITY, f64::INFINITY), |c| (f64::from(c.client_width()), f64::from(c.client_height())));
        let shift = |at: f64, room: f64| if at > room / 2.0 { "calc(-100% - 14px)" } else { "14px" };
        let style = format!("left:{x}px;top:{y}px;transform:translate({},{})", shift(x, width), shift(y, height));
        Some(view! {
            <div class="scatter-tooltip" data-testid=tooltip_testid data-index=index style=style>
                <LiveCanvas image=image testid="scatter-thumb" label="the test image under the pointer"/>
                <span>{format!("{} · test #{index}", class_name(label))}</span>
            </div>
        })
    };
    // The marker is an element over the canvas (findable, labelled), placed like the dots.
    let marker_view = move || {
        let at = marker.and_then(|m| m.get())?;
        let c = canvas.get()?;
        let (x, y) = scatter.with(|s| {
            let s = s.as_ref()?;
            let viewport = Viewport::fit(&s.points, f64::from(c.client_width()), f64::from(c.client_height()), view.get());
            Some(viewport.screen(at[0], at[1]))
        })?;
        Some(view! {
            <div
                class="draw-marker"
                data-testid="draw-marker"
                data-x=at[0]
                data-y=at[1]
                role="img"
                aria-label="Your drawing, placed among the test images whose codes are nearest"
                style=format!("left:{x:.1}px;top:{y:.1}px")
            ></div>
        })
    };
    view! {
        <div class="scatter-box">
            <canvas
                node_ref=canvas
                class="scatter"
                data-testid=testid
                tabindex="0"
                role="img"
                aria-label=label
                on:pointerdown=down
                on:pointermove=moved
                on:pointerup=up
                on:pointercancel=up
                on:pointerleave=move |ev: PointerEvent| {
                    // A finger "leaves" as it lifts: the dot it tapped stays shown.
                    if ev.pointer_type() != "touch" {
                        hover.set(None);
                    }
                }
                on:wheel=wheel
                on:touchstart=touch_start
                on:touchmove=touch_move
                on:touchend=touch_end
                on:touchcancel=touch_end
                on:dblclick=move |_| view.set(ZoomPan::IDENTITY)
                on:keydown=keys
            ></canvas>
            {marker_view}
            {tooltip}
            // Zoomed or moved: a button brings every point back, in sight of the plot (a touch
            // screen has no `0` key, and a double-click is nowhere on the page to be found).
            {move || {
                zoomed_or_moved.get().then(|| {
                    view! {
                        <button
                            type="button"
                            class="scatter-reset"
                            data-testid=format!("{testid}-reset")
                            title="Show every point again (double-click the plot, or 0 when it has focus)"
                            on:click=move |_| view.set(ZoomPan::IDENTITY)
                        >
                            "Reset view"
                        </button>
                    }
                })
            }}
            {move || {
                zoom_hint.get().map(|hint| {
                    view! {
                        <div class="scatter-zoom-hint" data-testid="scatter-zoom-hint" role="status">
                            <span>{hint.text()}</span>
                        </div>
                    }
                })
            }}
        </div>
    }
}
