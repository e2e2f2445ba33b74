use leptos::prelude::*;

use super::service_worker;

/// Registers the offline service worker and, when a new version of the lab has been deployed
/// and installed, offers to reload into it (`update-banner`).
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let available = RwSignal::new(false);
    service_worker::register(move || available.set(true));
    view! {
        <Show when=move || available.get()>
            <div class="update" role="status" data-testid="update-banner">
                <span>"A new version of the lab is ready. Reloading stops a running training."</span>
                <button class="primary" data-testid="update-reload" on:click=|_| service_worker::switch_to_update()>
                    "Reload to update"
                </button>
            </div>
        </Show>
    }
}
