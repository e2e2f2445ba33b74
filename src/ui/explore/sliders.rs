//! Latent traversal: one slider per direction, the decode of the current code, and a sweep of
//! nine decodes along the slider last moved.

use leptos::prelude::*;

use super::decode_queue::{Lane, submit};
use super::live_canvas::LiveCanvas;
use super::state::ExploreState;
use replab_core::explore::dot;
use replab_core::protocol::{Request, View};
use crate::ui::image_grid::strip_view;

/// Decodes in the sweep strip.
const SWEEP: usize = 9;

/// Codes from the start code moved along `direction` to `SWEEP` values from its `lo` to `hi`.
fn sweep_codes(start: &[f32], direction: &replab_core::protocol::Direction) -> Vec<f32> {
    let here = dot(&direction.vector, start);
    (0..SWEEP)
        .flat_map(|i| {
            let value = direction.lo + (direction.hi - direction.lo) * i as f32 / (SWEEP - 1) as f32;
            start.iter().zip(&direction.vector).map(move |(z, d)| z + (value - here) * d)
        })
        .collect()
}

/// Let the sweep follow slider `index` (a no-op when it already does, so dragging a slider
/// does not re-decode the sweep on every move).
fn follow(explore: ExploreState, index: usize) {
    if explore.sweep_slider.get_untracked() != index {
        explore.sweep_slider.set(index);
    }
}

#[component]
fn Slider(index: usize) -> impl IntoView {
    let explore = expect_context::<ExploreState>();
    let direction = move || explore.directions().get(index).cloned();
    let value = move || explore.values.with(|v| v.get(index).copied().unwrap_or(0.0));
    let set = move |ev| {
        if let Ok(v) = event_target_value(&ev).parse::<f32>() {
            explore.values.update(|values| {
                if let Some(slot) = values.get_mut(index) {
                    *slot = v;
                }
            });
            follow(explore, index);
        }
    };
    view! {
        {move || direction().map(|d| {
            let step = ((d.hi - d.lo) / 200.0).max(1e-6);
            view! {
                <label class="slider">
                    <span class="name">{d.label.clone()}</span>
                    <input
                        type="range"
                        data-testid=format!("latent-slider-{index}")
                        min=d.lo
                        max=d.hi
                        step=step
                        prop:value=move || value().to_string()
                        on:input=set
                        on:focus=move |_| follow(explore, index)
                    />
                    // A true minus, and "+" kept at zero so the figure does not shift while dragging.
                    <output>{move || format!("{:+.2}", value()).replace('-', "\u{2212}")}</output>
                </label>
            }
        })}
    }
}

#[component]
pub fn Sliders() -> impl IntoView {
    let explore = expect_context::<ExploreState>();
    // Every change of the code decodes at once (latest value wins).
    Effect::new(move |_| {
        if let Some(code) = explore.code_from_sliders() {
            submit(Lane::Decode(View::Slider), Request::Decode { view: View::Slider, codes: code });
        }
    });
    Effect::new(move |_| {
        let (Some(start), Some(d)) = (explore.start.get(), explore.directions().get(explore.sweep_slider.get()).cloned())
        else {
            return;
        };
        let codes = sweep_codes(&start.code, &d);
        submit(Lane::Decode(View::Sweep), Request::Decode { view: View::Sweep, codes });
    });
    let reset = move |_| {
        if let Some(start) = explore.start.get_untracked() {
            explore.pick(start);
        }
    };
    let many = move || explore.space.with(|s| s.as_ref().is_some_and(|s| s.latent > 16));
    let decoded = Signal::derive(move || explore.decoded.slider.get().map(|s| (s, 0)));
    let sweep_name = move || explore.directions().get(explore.sweep_slider.get()).map(|d| d.label.clone());
    view! {
        <div class="traverse">
            <div class="decoded">
                <LiveCanvas image=decoded testid="latent-decoded" class="big" label="decoded from the sliders, or from the point of the latent map under the pointer"/>
                <p class="hint">{move || explore.start.get().map(|p| format!("from {}", p.label()))}</p>
                <button data-testid="latent-reset" on:click=reset>"Reset sliders"</button>
            </div>
            <div class="sliders">
                <Show when=many>
                    <SliderChoice/>
                </Show>
                <For each=move || 0..explore.directions().len() key=|i| *i let:i>
                    <Slider index=i/>
                </For>
            </div>
        </div>
        <h3>"Sweep along " {sweep_name} " (1st → 99th percentile of the test codes)"</h3>
        <div class="strip sweep" data-testid="latent-sweep">
            {move || strip_view(explore.decoded.sweep.get(), "sweep")}
        </div>
    }
}

/// For k > 16: how many principal directions, and one raw dimension.
#[component]
fn SliderChoice() -> impl IntoView {
    let explore = expect_context::<ExploreState>();
    let latent = move || explore.space.with(|s| s.as_ref().map_or(0, |s| s.latent));
    let max_pcs = move || explore.space.with(|s| s.as_ref().map_or(0, |s| s.principal.len()));
    let explained = move || {
        explore.space.with(|s| {
            s.as_ref().map(|s| {
                let n = explore.slider_count.get().min(s.explained.len());
                format!("{:.0}% of the codes' variance", 100.0 * s.explained[..n].iter().sum::<f32>())
            })
        })
    };
    let rebase = move || {
        if let Some(start) = explore.start.get_untracked() {
            explore.pick(start);
        }
    };
    view! {
        <label class="field">
            <span>"Principal directions"</span>
            <input
                type="number"
                data-testid="latent-pc-count"
                min="1"
                max=max_pcs
                prop:value=move || explore.slider_count.get().to_string()
                on:change=move |ev| {
                    if let Ok(n) = event_target_value(&ev).parse::<usize>() {
                        explore.slider_count.set(n.clamp(1, max_pcs().max(1)));
                        rebase();
                    }
                }
            />
        </label>
        <p class="hint">{explained}</p>
        <label class="field">
            <span>"Also raw dimension"</span>
            <select
                data-testid="latent-raw-dim"
                on:change=move |ev| {
                    explore.raw_dim.set(event_target_value(&ev).parse::<usize>().ok());
                    rebase();
                }
            >
                <option value="">"none"</option>
                {move || (0..latent()).map(|j| view! { <option value=j>{format!("z{j}")}</option> }).collect_view()}
            </select>
        </label>
    }
}
