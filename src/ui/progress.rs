//! The progress bar and the run's numbers.

use leptos::prelude::*;

use super::state::{CurvePoint, Curves, LabState, RunPhase};
use replab_core::analysis::chance_note;
use replab_core::protocol::RunEnd;
use replab_core::thousands::{thousands, thousands_rounded};

/// Seconds left as `m:ss`, or `h hh m` from an hour up.
pub fn format_eta(seconds: f64) -> String {
    let s = seconds.max(0.0).round() as u64;
    if s >= 3600 {
        format!("{}h {:02}m", s / 3600, (s % 3600) / 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// How wide the count "N / N" reads for a run of `total` steps, in ems of its figure's type: a
/// figure box at least this wide keeps the step count on one line to the last step, and narrower
/// runs keep narrower boxes (six in a row on a laptop). A tabular digit is at most 0.64 em wide in
/// the common UI fonts (DejaVu Sans, the widest: 0.636), a space, a slash or a thousands comma
/// about 0.34.
fn count_ems(total: usize) -> f32 {
    let digits = total.max(1).ilog10() + 1;
    let commas = (digits - 1) / 3;
    2.0 * (digits as f32 * 0.64 + commas as f32 * 0.34) + 3.0 * 0.34
}

/// The figure boxes' sizes for style.css's `.metrics`: the widest figure (`ems`) and how many
/// boxes there are, with how many a row takes when they do not all fit in one (half of them, so
/// six boxes read as two rows of three, not five and one).
fn figures_style(ems: f32, figures: usize) -> String {
    format!("--figure-ems: {ems:.2}; --figures: {figures}; --per-row: {}", figures.div_ceil(2))
}

/// `train-progress` and the `metric-*` numbers.
#[component]
pub fn ProgressPanel() -> impl IntoView {
    let state = expect_context::<LabState>();
    let total = move || state.plan.get().map(|p| p.total_steps()).unwrap_or(0);
    let eta = move || {
        let plan = state.plan.get()?;
        let rate = state.images_per_s.get()? as f64 / plan.batch as f64;
        let left = plan.total_steps().saturating_sub(state.step.get()) as f64;
        (rate > 0.0 && state.run.get() == RunPhase::Training).then(|| format!("ETA {}", format_eta(left / rate)))
    };
    let status = move || match state.run.get() {
        RunPhase::NoModel => "Ready to train".to_string(),
        RunPhase::Starting => "Starting…".to_string(),
        RunPhase::Training => "Training".to_string(),
        RunPhase::Paused => "Paused".to_string(),
        RunPhase::Ended(RunEnd::Completed) => "Finished".to_string(),
        RunPhase::Ended(RunEnd::Stopped) => "Stopped (weights kept)".to_string(),
        RunPhase::Ended(RunEnd::Diverged { step, .. }) => format!("Diverged at step {}", thousands(step)),
        RunPhase::Ended(RunEnd::Failed { .. }) => "Failed".to_string(),
    };
    let last = |curves: RwSignal<Curves>, pick: fn(&Curves) -> &Vec<CurvePoint>, format: fn(f32) -> String| {
        move || curves.with(|c| pick(c).last().map(|p| format(p.1)).unwrap_or_else(|| "–".into()))
    };
    let loss = |v: f32| format!("{v:.5}");
    let percent = |v: f32| format!("{:.1}%", v * 100.0);
    let nats = |v: f32| format!("{v:.2}");
    let model = move || state.plan.get().map(|p| p.model);
    let is_vae = move || model().is_some_and(|m| m.is_variational());
    let is_classifier = move || model().is_some_and(|m| !m.is_autoencoder());
    // A classifier that stays at chance says so: its loss stays finite, so nothing stops the run.
    let at_chance = move || {
        let accuracy = state.test_curves.with(|c| c.accuracy.last().map(|p| p.1))?;
        let classes = state.data.with(|d| d.map(|d| d.classes))?;
        let epoch = state.epoch.get();
        let text = state.trained_with.with(|hp| chance_note(accuracy, classes, hp.as_ref()?, epoch))?;
        Some(view! { <p class="note chance-note" data-testid="chance-note" role="note">{text}</p> })
    };
    view! {
        <div class="progress-row">
            <span class="status">{status}</span>
            <progress data-testid="train-progress" max=move || total().max(1) value=move || state.step.get()></progress>
            <span class="eta">{eta}</span>
        </div>
        <dl class="metrics" style=move || figures_style(count_ems(total()), 6 + usize::from(is_vae()) + usize::from(is_classifier()))>
            <div>
                <dt>"Epoch"</dt>
                <dd>
                    <data data-testid="metric-epoch" value=move || state.epoch.get().to_string()>{move || thousands(state.epoch.get())}</data>
                    {move || state.plan.get().map(|p| format!(" / {}", thousands(p.epochs)))}
                </dd>
            </div>
            <div>
                <dt>"Step"</dt>
                <dd>
                    <data data-testid="metric-step" value=move || state.step.get().to_string()>{move || thousands(state.step.get())}</data>
                    {move || state.plan.get().map(|p| format!(" / {}", thousands(p.total_steps())))}
                </dd>
            </div>
            <div>
                <dt>{move || if is_vae() { "Train reconstruction" } else { "Train loss" }}</dt>
                <dd data-testid="metric-train-loss">{last(state.train_curves, |c| &c.loss, loss)}</dd>
            </div>
            <div>
                <dt>{move || if is_vae() { "Test reconstruction" } else { "Test loss" }}</dt>
                <dd data-testid="metric-test-loss">{last(state.test_curves, |c| &c.loss, loss)}</dd>
            </div>
            <Show when=is_vae>
                <div>
                    <dt>"Test KL (nats)"</dt>
                    <dd data-testid="metric-test-kl">{last(state.test_curves, |c| &c.kl, nats)}</dd>
                </div>
            </Show>
            <Show when=is_classifier>
                <div>
                    <dt>"Test accuracy"</dt>
                    <dd data-testid="metric-test-accuracy">{last(state.test_curves, |c| &c.accuracy, percent)}</dd>
                </div>
            </Show>
            <div>
                <dt>"Images/s"</dt>
                <dd data-testid="metric-images-per-s">
                    {move || state.images_per_s.get().map(|r| thousands_rounded(r.into())).unwrap_or_else(|| "–".into())}
                </dd>
            </div>
            <div>
                <dt>"Parameters"</dt>
                <dd>{move || state.plan.get().map(|p| thousands(p.params)).unwrap_or_else(|| "–".into())}</dd>
            </div>
        </dl>
        {at_chance}
    }
}
