use leptos::prelude::*;

use super::state::{LabState, Timing};
use replab_core::backend::BackendKind;
use replab_core::thousands::thousands_rounded;

/// Which backend trains, and why (`backend-badge`).
#[component]
pub fn BackendBadge() -> impl IntoView {
    let state = expect_context::<LabState>();
    let text = move || match state.backend.get() {
        Some((kind, _)) => kind.label().to_string(),
        None => "starting…".to_string(),
    };
    let reason = move || state.backend.get().map(|(_, r)| r).unwrap_or_else(|| "looking for a GPU".into());
    let class = move || match state.backend.get() {
        Some((BackendKind::WebGpu, _)) => "badge gpu",
        Some((BackendKind::Cpu, _)) => "badge cpu",
        None => "badge",
    };
    // Where each model is timed on both backends: both figures, the faster one marked.
    let timing = move || {
        state.calibration.get().map(|timing| match timing {
            Timing::Running => view! {
                <span class="timing" data-testid="backend-calibration" data-chosen="">"timing WebGPU and CPU…"</span>
            }
            .into_any(),
            Timing::Done(c) => {
                let chosen = c.chosen();
                let mark = move |kind: BackendKind| if kind == chosen { "chosen" } else { "" };
                view! {
                    <span class="timing" data-testid="backend-calibration" data-chosen=chosen.label()>
                        <span class=mark(BackendKind::WebGpu)>{format!("WebGPU {} img/s", thousands_rounded(c.gpu_images_per_s.into()))}</span>
                        " · "
                        <span class=mark(BackendKind::Cpu)>{format!("CPU {} img/s", thousands_rounded(c.cpu_images_per_s.into()))}</span>
                    </span>
                }
                .into_any()
            }
        })
    };
    view! {
        <div class=class data-testid="backend-badge" title=reason>
            <strong>{text}</strong>
            <span class="reason">{reason}</span>
            {timing}
        </div>
    }
}
