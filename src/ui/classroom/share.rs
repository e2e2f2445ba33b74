//! `run-share` on a saved run: the student's name (`share-result-name`, remembered), the result
//! link (`share-result-url`: the run's settings and figures, never its weights) and a copy
//! button (`share-result-copy`, its outcome in `share-result-status`). The link opens the lab
//! with the run's settings, and a teacher pastes it into the class table.

use leptos::prelude::*;

use super::ClassState;
use crate::ui::share_link::CopyLinkRow;
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
                <CopyLinkRow
                    link=Signal::derive(move || link.get().unwrap_or_default())
                    button="Copy result link"
                    label="Link to this run's result"
                    ids=["share-result-copy", "share-result-url", "share-result-status"]
                    copied="Copied: send it to your teacher"
                    primary=true
                />
            </div>
        </Show>
    }
}
