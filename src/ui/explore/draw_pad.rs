//! Draw a digit: a pointer-events pad (mouse, touch, pen) — or a photo of one put on the pad —
//! MNIST-style preprocessing, and what the model makes of the drawing: an autoencoder's
//! reconstruction, error and nearest training images, or a classifier's answer.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, HtmlInputElement, KeyboardEvent, PointerEvent};

use super::decode_queue::{Lane, submit};
use super::live_canvas::LiveCanvas;
use super::camera::LiveCamera;
use super::photo::{PhotoInk, ink_of, paint_ink};
use super::layers::DrawingLayers;
use super::prediction::DrawPrediction;
use super::state::{ExploreState, Picked};
use replab_core::data::{ImageShape, bytes_from_unit};
use replab_core::explore::mnist_from_ink;
use replab_core::protocol::{ImageStrip, Request};
use crate::ui::canvas2d::{pixel_ratio, readable_context};
use crate::ui::state::{LabState, RunPhase};
use replab_core::protocol::RunEnd;
use crate::ui::image_grid::strip_view;

/// The pad's side in CSS pixels.
const PAD: f64 = 280.0;
/// Pen width in CSS pixels: a digit drawn across most of the pad ends up ~2 px wide at 28×28,
/// like MNIST's strokes.
const PEN: f64 = 22.0;

type Stroke = Vec<(f64, f64)>;

/// Size the backing store for the screen's pixel ratio (sharp on high-DPI screens).
fn fit_backing_store(canvas: &HtmlCanvasElement) -> f64 {
    let ratio = pixel_ratio();
    let side = (PAD * ratio).round() as u32;
    if canvas.width() != side {
        canvas.set_width(side);
        canvas.set_height(side);
    }
    ratio
}

/// Repaint the photo's ink, if any, and every stroke over it (after Undo or Clear, or to start).
fn paint(canvas: &HtmlCanvasElement, strokes: &[Stroke], photo: Option<&PhotoInk>) {
    let ratio = fit_backing_store(canvas);
    let Some(ctx) = readable_context(canvas) else { return };
    ctx.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0).ok();
    ctx.clear_rect(0.0, 0.0, PAD, PAD);
    if let Some(photo) = photo {
        paint_ink(&ctx, photo, PAD);
    }
    ctx.set_line_width(PEN);
    ctx.set_line_cap("round");
    ctx.set_line_join("round");
    ctx.set_stroke_style_str("#111");
    ctx.set_fill_style_str("#111");
    for stroke in strokes {
        if let [(x, y)] = stroke.as_slice() {
            ctx.begin_path();
            ctx.arc(*x, *y, PEN / 2.0, 0.0, std::f64::consts::TAU).ok();
            ctx.fill();
            continue;
        }
        ctx.begin_path();
        for (i, &(x, y)) in stroke.iter().enumerate() {
            if i == 0 { ctx.move_to(x, y) } else { ctx.line_to(x, y) }
        }
        ctx.stroke();
    }
}

/// The pad's ink (alpha), one value in [0, 1] per backing-store pixel.
fn ink_from_canvas(canvas: &HtmlCanvasElement) -> Option<(Vec<f32>, usize, usize)> {
    let (w, h) = (canvas.width() as usize, canvas.height() as usize);
    let data = readable_context(canvas)?.get_image_data(0.0, 0.0, w as f64, h as f64).ok()?.data();
    Some((data.iter().skip(3).step_by(4).map(|&a| a as f32 / 255.0).collect(), w, h))
}

/// The pointer's position in the pad's CSS pixels.
fn point_in(canvas: &HtmlCanvasElement, ev: &PointerEvent) -> (f64, f64) {
    let rect = canvas.get_bounding_client_rect();
    let scale = PAD / rect.width().max(1.0);
    ((ev.client_x() as f64 - rect.left()) * scale, (ev.client_y() as f64 - rect.top()) * scale)
}

#[component]
pub fn DrawPanel(
    /// The loaded images' shape: the pad works for 28×28 grey images.
    #[prop(into)]
    shape: Signal<Option<ImageShape>>,
) -> impl IntoView {
    let explore = expect_context::<ExploreState>();
    let state = expect_context::<LabState>();
    let canvas = NodeRef::<html::Canvas>::new();
    let strokes = RwSignal::new(Vec::<Stroke>::new());
    let drawing = RwSignal::new(false);
    let input = RwSignal::new(None::<ImageStrip>);
    let photo = StoredValue::new(None::<PhotoInk>);
    let photo_error = RwSignal::new(None::<String>);
    let usable = move || shape.get() == Some(ImageShape::MNIST);
    let has_model = move || explore.space.with(Option::is_some);
    // A softmax classifier whose run ended with its weights (or was loaded): it reads the
    // drawing instead.
    let classifier = move || {
        state.run.with(|r| matches!(r, RunPhase::Ended(RunEnd::Completed | RunEnd::Stopped | RunEnd::Diverged { .. })))
            && state.plan.with(|p| p.as_ref().is_some_and(|p| p.model.gives_class_probabilities()))
    };
    // The reconstruction, the neighbours and the sliders: an autoencoder's (or what is to come).
    let decoder_views = move || !classifier() || has_model();

    // Preprocess what is on the pad and ask the model about it (latest drawing wins).
    let analyse = move || {
        let Some(c) = canvas.get_untracked() else { return };
        let pixels = ink_from_canvas(&c).and_then(|(ink, w, h)| mnist_from_ink(&ink, w, h));
        input.set(pixels.as_ref().map(|p| ImageStrip { shape: ImageShape::MNIST, count: 1, pixels: bytes_from_unit(p) }));
        match pixels {
            Some(pixels) if has_model() || classifier() => submit(Lane::Draw, Request::Draw { pixels }),
            Some(_) => {}
            None => {
                explore.drawn.set(None);
                explore.classified.set(None);
            }
        }
    };
    let repaint = move || {
        if let Some(c) = canvas.get_untracked() {
            photo.with_value(|p| strokes.with_untracked(|s| paint(&c, s, p.as_ref())));
        }
        analyse();
    };
    Effect::new(move |_| {
        // Once the pad exists (and when a new model arrives) paint and analyse.
        explore.space.track();
        state.run.track();
        if canvas.get().is_some() {
            repaint();
        }
    });
    let down = move |ev: PointerEvent| {
        let Some(c) = canvas.get_untracked() else { return };
        ev.prevent_default();
        c.set_pointer_capture(ev.pointer_id()).ok();
        let _ = c.focus();
        drawing.set(true);
        strokes.update(|s| s.push(vec![point_in(&c, &ev)]));
        repaint();
    };
    let moved = move |ev: PointerEvent| {
        if !drawing.get_untracked() {
            return;
        }
        let Some(c) = canvas.get_untracked() else { return };
        ev.prevent_default();
        let p = point_in(&c, &ev);
        strokes.update(|s| s.last_mut().into_iter().for_each(|stroke| stroke.push(p)));
        repaint();
    };
    let up = move |_: PointerEvent| drawing.set(false);
    let clear = move || {
        strokes.set(Vec::new());
        photo.set_value(None);
        photo_error.set(None);
        repaint();
    };
    // A photo replaces what is on the pad; a file that does not work leaves the pad as it was.
    let took_photo = move |result: Result<PhotoInk, String>| match result {
        Ok(ink) => {
            photo_error.set(None);
            photo.set_value(Some(ink));
            strokes.set(Vec::new());
            repaint();
        }
        Err(message) => photo_error.set(Some(message)),
    };
    let on_photo = move |ev: leptos::ev::Event| {
        let Some(field) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
        let Some(file) = field.files().and_then(|l| l.get(0)) else { return };
        field.set_value("");
        wasm_bindgen_futures::spawn_local(async move { took_photo(ink_of(&file).await) });
    };
    let undo = move || {
        strokes.update(|s| {
            s.pop();
        });
        repaint();
    };
    let keys = move |ev: KeyboardEvent| match ev.key().as_str() {
        "Delete" | "Backspace" | "c" | "C" | "Escape" => {
            ev.prevent_default();
            clear();
        }
        "z" | "Z" if ev.ctrl_key() || ev.meta_key() => {
            ev.prevent_default();
            undo();
        }
        _ => {}
    };
    let recon = Signal::derive(move || explore.drawn.get().map(|d| (d.reconstruction, 0)));
    let input_image = Signal::derive(move || input.get().map(|s| (s, 0)));
    let explore_drawing = move |_| {
        if let Some(d) = explore.drawn.get_untracked() {
            explore.pick(Picked { index: None, code: d.code });
        }
    };
    view! {
        <Show
            when=usable
            fallback=|| view! { <p class="hint">"The drawing pad works with 28×28 grey images (MNIST, Fashion-MNIST): load one of those."</p> }
        >
            <div class="draw">
                <div class="pad-wrap">
                    <canvas
                        node_ref=canvas
                        class="pad"
                        data-testid="draw-pad"
                        tabindex="0"
                        aria-label="Drawing pad: draw a digit with mouse, finger or pen. Delete clears, Ctrl+Z undoes."
                        on:pointerdown=down
                        on:pointermove=moved
                        on:pointerup=up
                        on:pointercancel=up
                        on:keydown=keys
                    ></canvas>
                    <div class="row">
                        <button data-testid="draw-undo" aria-keyshortcuts="Control+Z" on:click=move |_| undo()>"Undo"</button>
                        <button data-testid="draw-clear" aria-keyshortcuts="Delete" on:click=move |_| clear()>"Clear"</button>
                        <label class="button-like" title="A photo of a digit written on paper: it is put on the pad, nothing is uploaded">
                            "Photo…"
                            <input type="file" accept="image/*" class="visually-hidden" data-testid="photo-input" on:change=on_photo/>
                        </label>
                        <label class="button-like camera" title="On a phone: take a photo of a digit written on paper">
                            "Camera"
                            <input type="file" accept="image/*" capture="environment" class="visually-hidden" data-testid="photo-camera" on:change=on_photo/>
                        </label>
                        <LiveCamera on_photo=took_photo/>
                    </div>
                    {move || photo_error.get().map(|m| view! { <p class="hint error-text" role="alert" data-testid="photo-error">{m}</p> })}
                </div>
                <div class="draw-results">
                    <div class="pair">
                        <figure>
                            <LiveCanvas image=input_image testid="draw-input-28" class="mid" label="the drawing as a 28×28 input"/>
                            <figcaption>"28×28 input"</figcaption>
                        </figure>
                        <Show when=decoder_views>
                            <figure>
                                <LiveCanvas image=recon testid="draw-recon" class="mid" label="the model's reconstruction"/>
                                <figcaption>
                                    "reconstruction, MSE "
                                    <span data-testid="draw-recon-error">
                                        {move || explore.drawn.get().map(|d| format!("{:.4}", d.error)).unwrap_or_else(|| "–".into())}
                                    </span>
                                </figcaption>
                                {move || explore.drawn.get().map(|d| view! {
                                    <p class="unusual" data-testid="draw-unusual" data-share=format!("{:.3}", d.unusual)>
                                        {format!("rebuilt worse than {:.0}% of the test images", d.unusual * 100.0)}
                                        <meter min="0" max="1" low="0.5" high="0.9" optimum="0" value=d.unusual aria-label="how unusual the drawing is to the model"></meter>
                                    </p>
                                })}
                            </figure>
                        </Show>
                    </div>
                    <p class="hint">
                        {move || if has_model() {
                            "Nearest training images in code space:"
                        } else if classifier() {
                            "A classifier has no decoder to rebuild it with; what it reads:"
                        } else {
                            "Train an autoencoder to see what it makes of your drawing, or a classifier to see what it reads."
                        }}
                    </p>
                    <Show when=decoder_views>
                        <div class="strip neighbours" data-testid="draw-neighbours">
                            {move || explore.drawn.get().map(|d| strip_view(Some(d.neighbours), "neighbour"))}
                        </div>
                    </Show>
                    <DrawPrediction classifier=Signal::derive(classifier)/>
                    <Show when=move || explore.drawn.with(Option::is_some)>
                        <h3>"Inside the network"</h3>
                        <p class="hint">"Each layer’s response to your drawing, from the input side to the output: black is the layer’s lowest value (a silent unit), white its highest."</p>
                        <DrawingLayers/>
                    </Show>
                    <Show when=decoder_views>
                        <button data-testid="draw-explore" prop:disabled=move || explore.drawn.with(Option::is_none) on:click=explore_drawing>
                            "Explore this drawing with the sliders"
                        </button>
                    </Show>
                </div>
            </div>
        </Show>
    }
}
