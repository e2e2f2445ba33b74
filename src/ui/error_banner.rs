use leptos::prelude::*;

use super::state::LabState;

/// The one place errors are shown (`error-banner`), dismissible; the lab stays usable.
#[component]
pub fn ErrorBanner() -> impl IntoView {
    let state = expect_context::<LabState>();
    view! {
        <Show when=move || state.error.with(Option::is_some)>
            <div class="error" role="alert" data-testid="error-banner">
                <span>{move || state.error.get().unwrap_or_default()}</span>
                <button class="dismiss" aria-label="Dismiss" on:click=move |_| state.error.set(None)>"×"</button>
            </div>
        </Show>
    }
}
