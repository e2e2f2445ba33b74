use leptos::prelude::*;

use super::state::LabState;
use crate::lab::backend::BackendKind;

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
    view! {
        <div class=class data-testid="backend-badge" title=reason>
            <strong>{text}</strong>
            <span class="reason">{reason}</span>
        </div>
    }
}
