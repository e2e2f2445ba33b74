//! The run in training, kept as its latest checkpoint with the curves so far, so that a reload,
//! a closed or discarded tab, or a crashed worker loses at most a minute of it: the worker keeps
//! a checkpoint in IndexedDB at epochs' ends, at most every 10 s and at least every minute
//! ([`crate::kept_checkpoint`], [`replab_core::checkpoint::checkpoint_due`]),
//! this adds the curves so far, and the next visit offers "Resume run" (`resume-run`). Dropped
//! when the run ends, is reset, or another run starts.

use leptos::prelude::*;
use replab_core::thousands::thousands;
use serde::{Deserialize, Serialize};

use super::RunsState;
use crate::kept_checkpoint::{self, Kept, Stored};
use crate::ui::state::{Adjustment, Curves, RunPhase};
use crate::ui::worker_link::send;
use replab_core::checkpoint::Checkpoint;
use replab_core::protocol::Request;

/// A run in training as a later visit finds it (read only: since session 33 it is kept as the
/// worker's [`Stored`] and the page's [`KeptCurves`]; the legacy record reads as one).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct KeptRun {
    pub checkpoint: Checkpoint,
    pub train: Curves,
    pub test: Curves,
    /// The learning-rate and β changes so far (the checkpoint's settings hold the latest).
    #[serde(default)]
    pub adjustments: Vec<Adjustment>,
    /// Milliseconds since 1970 (UTC).
    pub saved_at: f64,
}

/// The page's record beside the worker's checkpoint: the curves up to its step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct KeptCurves {
    step: usize,
    train: Curves,
    test: Curves,
    adjustments: Vec<Adjustment>,
}

impl KeptRun {
    /// The worker's record and the page's curves. Curves of another step (the page closed
    /// between the worker's write and its own, or another tab's run wrote last) are left out:
    /// the resumed run's charts then start afresh.
    fn from_records(stored: Stored, curves: Option<KeptCurves>) -> Self {
        let Stored { checkpoint, saved_at } = stored;
        let curves = curves.filter(|c| c.step == checkpoint.step);
        let (train, test, adjustments) = curves.map(|c| (c.train, c.test, c.adjustments)).unwrap_or_default();
        KeptRun { checkpoint, train, test, adjustments, saved_at }
    }

    fn read(kept: Kept) -> Result<Self, serde_wasm_bindgen::Error> {
        match kept {
            // Curves that do not read are left out as well: the checkpoint is what resumes.
            Kept::Split { stored, curves } => Ok(Self::from_records(
                serde_wasm_bindgen::from_value(stored)?,
                curves.and_then(|c| serde_wasm_bindgen::from_value(c).ok()),
            )),
            Kept::Legacy(value) => serde_wasm_bindgen::from_value(value),
        }
    }
}

/// The worker kept a checkpoint of the current run: keep the curves so far with it.
pub fn on_checkpointed(runs: RunsState, epoch: usize, step: usize) {
    let state = runs.lab;
    runs.checkpointed.set(Some((epoch, step)));
    let mut curves = KeptCurves {
        step,
        train: state.train_curves.get_untracked(),
        test: state.test_curves.get_untracked(),
        adjustments: state.adjustments.get_untracked(),
    };
    // The worker trains on while it writes: nothing past the checkpoint's step, which a resumed
    // run draws again.
    curves.train.until(step);
    curves.test.until(step);
    curves.adjustments.retain(|a| a.step <= step);
    wasm_bindgen_futures::spawn_local(async move {
        let kept = match serde_wasm_bindgen::to_value(&curves) {
            Ok(value) => kept_checkpoint::put_curves(&value).await,
            Err(e) => Err(e.to_string()),
        };
        if let Err(e) = kept {
            web_sys::console::warn_1(&format!("the curves of the run's checkpoint were not kept ({e}): a resumed run would start its charts afresh").into());
        }
    });
}

/// The browser refused the worker's checkpoint.
pub fn on_refused(runs: RunsState, message: String) {
    runs.lab.error.set(Some(format!(
        "The run's checkpoint could not be kept ({message}): training goes on, but a reload would lose it."
    )));
}

/// Drop the kept checkpoint: the run it belongs to ended, or another one starts.
pub fn forget(runs: RunsState) {
    runs.resumable.set(None);
    runs.checkpointed.set(None);
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = kept_checkpoint::delete().await {
            web_sys::console::warn_1(&format!("the run's checkpoint was not dropped: {e}").into());
        }
    });
}

/// On arrival: offer the checkpoint a last visit left, if any.
pub fn look_for_one(runs: RunsState) {
    let state = runs.lab;
    wasm_bindgen_futures::spawn_local(async move {
        match kept_checkpoint::read().await {
            Ok(Some(kept)) => match KeptRun::read(kept) {
                Ok(kept) => runs.resumable.set(Some(kept)),
                Err(e) => {
                    state.error.set(Some(format!("A checkpoint of an earlier run does not read ({e}); it was dropped.")));
                    forget(runs);
                }
            },
            Ok(None) => {}
            Err(e) => web_sys::console::warn_1(&format!("no checkpoint could be read: {e}").into()),
        }
    });
}

/// Continue the offered run: its settings and curves come back, the worker goes on from the
/// checkpoint's step.
fn resume(runs: RunsState) {
    let state = runs.lab;
    let Some(kept) = runs.resumable.get_untracked() else { return };
    if state.busy_now() {
        return state.error.set(Some("Stop the current run before resuming another.".into()));
    }
    let cp = &kept.checkpoint;
    state.error.set(None);
    state.settings.update(|s| s.hp = cp.hp.clone());
    state.set_aside_run();
    state.trained_with.set(Some(cp.hp.clone()));
    state.epoch.set(cp.epoch);
    state.step.set(cp.step);
    state.train_curves.set(kept.train.clone());
    state.adjustments.set(kept.adjustments.clone());
    state.test_curves.set(kept.test.clone());
    state.run.set(RunPhase::Starting);
    runs.resumable.set(None);
    send(Request::ResumeRun { checkpoint: Box::new(kept.checkpoint) });
}

/// "2 min ago", "just now".
fn ago(ms: f64) -> String {
    let seconds = ((js_sys::Date::now() - ms) / 1000.0).max(0.0);
    match seconds {
        s if s < 45.0 => "just now".into(),
        s if s < 5400.0 => format!("{} min ago", (s / 60.0).round().max(1.0)),
        s if s < 36.0 * 3600.0 => format!("{} h ago", (s / 3600.0).round()),
        s => format!("{} days ago", (s / 86400.0).round()),
    }
}

/// `resume-offer`: the run a last visit left unfinished, with Resume (`resume-run`) and Discard
/// (`resume-discard`).
#[component]
pub fn ResumeOffer() -> impl IntoView {
    let runs = expect_context::<RunsState>();
    let state = runs.lab;
    look_for_one(runs);
    // After a lost GPU (see `RunsState::resume_on_cpu`): resume the run by itself once the
    // restarted worker has its dataset, and say why it now trains on the CPU.
    Effect::new(move |_| {
        // Not before the stopped worker is replaced (`crashed` until the restart).
        if !runs.resume_on_cpu.get() || state.crashed.get() || !state.worker_ready.get() || state.busy() {
            return;
        }
        let (Some(kept), Some(data)) = (runs.resumable.get(), state.data.get()) else { return };
        runs.resume_on_cpu.set(false);
        let cp = &kept.checkpoint;
        if data.id != cp.dataset || data.train_len != cp.train_len {
            return;
        }
        let epoch = cp.epoch;
        resume(runs);
        state.error.set(Some(format!(
            "The GPU stopped working for this page: the run went on on the CPU from its checkpoint (epoch {epoch}). Switch the backend back to try the GPU again."
        )));
    });
    let offer = move || {
        let kept = runs.resumable.get()?;
        let cp = &kept.checkpoint;
        let data = state.data.get();
        let elsewhere = data.filter(|d| d.id != cp.dataset || d.train_len != cp.train_len).map(|d| {
            format!("It trained on {} ({} images) and {} is loaded: choose that dataset to resume it.", cp.dataset.title(), cp.train_len, d.id.title())
        });
        let fresh_optimizer = (!cp.keeps_optimizer())
            .then_some(" It trained on WebGPU, whose optimiser state cannot be read in a browser: the optimiser starts afresh.");
        let can = move || data.is_some() && !state.busy();
        let title = format!("{} · {}", cp.hp.model.label(), cp.dataset.title());
        let at = format!("epoch {} of {}, step {}, kept {}", cp.epoch, cp.hp.epochs, thousands(cp.step), ago(kept.saved_at));
        let blocked = elsewhere.is_some();
        let label = format!("Resume run (epoch {} of {})", cp.epoch, cp.hp.epochs);
        Some(view! {
            <section class="panel resume-offer" data-testid="resume-offer" aria-label="An unfinished run">
                <p>
                    <strong>"An unfinished run: "</strong>{title}" ("{at}")."
                    {fresh_optimizer}
                </p>
                {elsewhere.map(|why| view! { <p class="hint">{why}</p> })}
                <div class="buttons">
                    <button class="primary" data-testid="resume-run" prop:disabled=move || blocked || !can() on:click=move |_| resume(runs)>
                        {label}
                    </button>
                    <button data-testid="resume-discard" on:click=move |_| forget(runs)>"Discard it"</button>
                </div>
            </section>
        })
    };
    view! { {offer} }
}
