//! "Copy link": the whole experiment (settings, seed, backend, the open preset and its size) as
//! a URL in the clipboard, with two switches for whoever opens it (start training at once,
//! presentation view). The clipboard can be refused (permissions, an insecure origin), so the
//! link is also shown in a read-only field to select and copy by hand.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::presets::PresetState;
use super::state::LabState;
use super::url::share_url;
use replab_core::link::LinkExtras;

/// Put `text` in the clipboard; the browser's reason when it refuses.
async fn write_clipboard(text: &str) -> Result<(), String> {
    let navigator = web_sys::window().ok_or("no window")?.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .ok()
        .filter(|c| !c.is_undefined() && !c.is_null())
        .ok_or("this page has no clipboard access")?;
    let clipboard: web_sys::Clipboard = clipboard.unchecked_into();
    JsFuture::from(clipboard.write_text(text)).await.map(|_| ()).map_err(|e| format!("{e:?}"))
}

/// A link to copy: the button, the link in a read-only field (selected on focus, and when the
/// clipboard refuses, to copy by hand) and the outcome beneath. `ids`: the test ids of the
/// button, the field and the outcome; `copied`: what the outcome says when the clipboard took it.
#[component]
pub fn CopyLinkRow(
    #[prop(into)] link: Signal<String>,
    button: &'static str,
    label: &'static str,
    ids: [&'static str; 3],
    copied: &'static str,
    #[prop(optional)] primary: bool,
) -> impl IntoView {
    // The link last copied and whether the clipboard took it.
    let outcome = RwSignal::new(None::<(String, bool)>);
    let field = NodeRef::<html::Input>::new();
    let copy = move |_| {
        let text = link.get_untracked();
        wasm_bindgen_futures::spawn_local(async move {
            let result = write_clipboard(&text).await;
            if let Err(reason) = &result {
                web_sys::console::warn_1(&format!("copying the link failed: {reason}").into());
                if let Some(input) = field.get_untracked() {
                    let _ = input.focus();
                    input.select();
                }
            }
            outcome.set(Some((text, result.is_ok())));
        });
    };
    // Only about the link on show: a changed link clears the message.
    let status = move || match outcome.get() {
        Some((text, true)) if text == link.get() => copied,
        Some((text, false)) if text == link.get() => "Copy failed: select the link and copy it",
        _ => "",
    };
    let [button_id, url_id, status_id] = ids;
    view! {
        <div class="share-row">
            <button class:primary=primary data-testid=button_id on:click=copy>{button}</button>
            <input
                type="text"
                readonly
                node_ref=field
                data-testid=url_id
                aria-label=label
                prop:value=move || link.get()
                on:focus=move |_| {
                    if let Some(input) = field.get_untracked() {
                        input.select();
                    }
                }
            />
        </div>
        <p class="hint" role="status" data-testid=status_id>{status}</p>
    }
}

/// `copy-link`, its options `copy-link-autorun` and `copy-link-present`, the link itself in
/// `copy-link-url` and the outcome in `copy-link-status`.
#[component]
pub fn ShareLink() -> impl IntoView {
    let state = expect_context::<LabState>();
    let presets = expect_context::<PresetState>();
    let autorun = RwSignal::new(false);
    let present = RwSignal::new(false);
    let link = Memo::new(move |_| {
        let extras = LinkExtras {
            preset: presets.open.get().map(|id| (id, presets.size.get())),
            autorun: autorun.get(),
            present: present.get(),
        };
        state.settings.with(|s| share_url(s, &extras))
    });
    let switch = |signal: RwSignal<bool>, testid: &'static str, text: &'static str| {
        view! {
            <label class="check">
                <input
                    type="checkbox"
                    data-testid=testid
                    prop:checked=move || signal.get()
                    on:change=move |ev| signal.set(event_target_checked(&ev))
                />
                {text}
            </label>
        }
    };
    view! {
        <div class="share-link">
            <h2>"Share"</h2>
            {switch(autorun, "copy-link-autorun", "start training when opened")}
            {switch(present, "copy-link-present", "presentation view")}
            <CopyLinkRow
                link=link
                button="Copy link"
                label="Link to this experiment"
                ids=["copy-link", "copy-link-url", "copy-link-status"]
                copied="Copied"
            />
        </div>
    }
}
