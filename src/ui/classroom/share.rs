//! `run-share` on a saved run: the student's name (`share-result-name`, remembered), the result
//! link (`share-result-url`: the run's settings and figures, never its weights) and a copy
//! button (`share-result-copy`, its outcome in `share-result-status`). The link opens the lab
//! with the run's settings, and a teacher pastes it into the class table.

use leptos::html;
use leptos::prelude::*;

use super::ClassState;
use crate::ui::share_link::write_clipboard;
use crate::ui::url::page_url;
use replab_core::classroom::SharedResult;

/// The "Share result" button of a saved run, and the box it opens. `result`: what the run's
/// link carries (its name is the student's, set here); `None` for a run without held-out
/// figures.
#[component]
pub fn ShareResult(result: Option<SharedResult>) -> impl IntoView {
    let class = expect_context::<ClassState>();
    let open = RwSignal::new(false);
    let shareable = result.is_some();
    let link = Memo::new(move |_| {
        let result = result.clone()?.named(&class.name.get());
        Some(format!("{}?{}", page_url(), result.to_query()))
    });
    let outcome = RwSignal::new(None::<(String, bool)>);
    let field = NodeRef::<html::Input>::new();
    let copy = move |_| {
        let Some(text) = link.get_untracked() else { return };
        wasm_bindgen_futures::spawn_local(async move {
            let copied = write_clipboard(&text).await;
            if copied.is_err() {
                if let Some(input) = field.get_untracked() {
                    let _ = input.focus();
                    input.select();
                }
            }
            outcome.set(Some((text, copied.is_ok())));
        });
    };
    let status = move || match (outcome.get(), link.get()) {
        (Some((text, true)), Some(l)) if text == l => "Copied: send it to your teacher",
        (Some((text, false)), Some(l)) if text == l => "Copy failed: select the link and copy it",
        _ => "",
    };
    view! {
        <button
            data-testid="run-share"
            prop:disabled=!shareable
            title=if shareable { "A link with this run's settings and figures (not its weights), for your teacher's class table" } else { "This run has no held-out figures to share" }
            aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)
        >
            "Share result"
        </button>
        <Show when=move || open.get()>
            <div class="share-result" data-testid="share-result">
                <label>
                    "Your name "
                    <input
                        type="text"
                        maxlength=replab_core::classroom::NAME_MAX
                        data-testid="share-result-name"
                        placeholder="as your teacher knows you"
                        prop:value=move || class.name.get()
                        on:input=move |e| class.set_name(event_target_value(&e))
                    />
                </label>
                <div class="share-row">
                    <button class="primary" data-testid="share-result-copy" on:click=copy>"Copy result link"</button>
                    <input
                        type="text"
                        readonly
                        node_ref=field
                        data-testid="share-result-url"
                        aria-label="Link to this run's result"
                        prop:value=move || link.get().unwrap_or_default()
                        on:focus=move |_| {
                            if let Some(input) = field.get_untracked() {
                                input.select();
                            }
                        }
                    />
                </div>
                <p class="hint" role="status" data-testid="share-result-status">{status}</p>
            </div>
        </Show>
    }
}
