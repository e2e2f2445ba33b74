//! Epoch replay (`epoch-scrubber`): the scatter at the end of every epoch of the run (with the
//! latent map and, under the scrubber, `epoch-reconstructions`, where the model has them), kept as
//! it trains (at most `MAX_FRAMES`, about 1.2 MB), shown in place of the live scatter while the
//! scrubber is moved or Play (`epoch-play`) steps through it — how the clusters formed. Frames
//! are aligned onto each other (`replab_core::analysis::Replay`), so a principal direction whose
//! sign flips does not flip the picture. "Live" (`epoch-live`) goes back to the current scatter.

use leptos::prelude::*;
use replab_core::thousands::thousands;

use super::state::EmbeddingState;
use crate::ui::image_grid::strip_view;

/// How long Play shows each epoch.
const FRAME_MS: u32 = 700;

#[component]
pub fn EpochReplay() -> impl IntoView {
    let embedding = expect_context::<EmbeddingState>();
    let (replay, at) = (embedding.replay, embedding.replay_at);
    let frames = move || replay.with(|r| r.len());
    let playing = RwSignal::new(false);
    // The frame the scrubber stands on: the one shown, or the latest while live.
    let index = move || at.get().unwrap_or_else(|| frames().saturating_sub(1));
    let label = move || {
        replay.with(|r| {
            r.frames().get(index()).map(|f| {
                let f = &f.scatter;
                let when = if f.epoch == 0 { "before training".to_string() } else { format!("after epoch {}", f.epoch) };
                let live = if at.get().is_none() { " · live" } else { "" };
                format!("{when} (step {}){live}", thousands(f.step))
            })
        })
    };
    let scrub = move |ev: leptos::ev::Event| {
        if let Ok(i) = event_target_value(&ev).parse::<usize>() {
            playing.set(false);
            at.set(Some(i.min(frames().saturating_sub(1))));
        }
    };
    let play = move |_| {
        if playing.get_untracked() {
            return playing.set(false);
        }
        playing.set(true);
        at.set(Some(0));
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                gloo_timers::future::TimeoutFuture::new(FRAME_MS).await;
                if !playing.get_untracked() {
                    return;
                }
                let next = at.get_untracked().map_or(0, |i| i + 1);
                if next >= replay.with_untracked(|r| r.len()) {
                    playing.set(false);
                    at.set(None);
                    return;
                }
                at.set(Some(next));
            }
        });
    };
    view! {
        <Show when=move || { frames() >= 2 }>
            <div class="epoch-replay" role="group" aria-label="Epoch replay">
                <button
                    data-testid="epoch-play"
                    aria-pressed=move || playing.get().to_string()
                    on:click=play
                >
                    {move || if playing.get() { "Pause" } else { "Play epochs" }}
                </button>
                <input
                    type="range"
                    data-testid="epoch-scrubber"
                    aria-label="Epoch shown in the scatter"
                    min="0"
                    max=move || frames().saturating_sub(1).to_string()
                    step="1"
                    prop:value=move || index().to_string()
                    on:input=scrub
                />
                <output data-testid="epoch-scrubber-label" data-epoch=move || replay.with(|r| r.frames().get(index()).map(|f| f.scatter.epoch))>
                    {label}
                </output>
                <Show when=move || at.get().is_some()>
                    <button data-testid="epoch-live" on:click=move |_| { playing.set(false); at.set(None); }>"Live"</button>
                </Show>
            </div>
            {move || {
                at.get()?;
                let strip = replay.with(|r| r.frames().get(index()).and_then(|f| f.reconstructions.clone()))?;
                Some(view! {
                    <figure class="epoch-reconstructions" data-testid="epoch-reconstructions">
                        <figcaption>"The reconstruction grid's test images as the model rebuilt them then"</figcaption>
                        <div class="strip">{strip_view(Some(strip), "reconstruction")}</div>
                    </figure>
                })
            }}
        </Show>
    }
}
