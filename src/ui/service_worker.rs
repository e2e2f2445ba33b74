//! The page's end of the offline service worker (`sw.js`, written at build time by
//! `scripts/post-build.mjs`): register it, notice when a new version has installed and waits,
//! and hand over to that version when the person asks.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
};

/// The service worker's script, next to index.html (its scope is the lab's folder).
const SCRIPT: &str = "./sw.js";
/// The message `sw.js` answers with `skipWaiting()`.
const SKIP_WAITING: &str = "skip-waiting";

thread_local! {
    /// The installed version waiting to take over, once there is one.
    static WAITING: RefCell<Option<ServiceWorker>> = const { RefCell::new(None) };
    /// Set when this page asked the waiting version to take over: it reloads when it does.
    static SWITCHING: Cell<bool> = const { Cell::new(false) };
}

/// The browser's service worker container, if it has one (not outside secure contexts, i.e.
/// plain http on a host other than localhost, and not in some private modes).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    let present = js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker"))
        .is_ok_and(|v| !v.is_undefined());
    present.then(|| navigator.service_worker())
}

/// Whether the page says not to register (`trunk serve` builds: development always loads the
/// latest build; see scripts/post-build/autoreload.mjs).
fn disabled_by_page() -> bool {
    let selector = r#"meta[name="replab-service-worker"][content="off"]"#;
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .is_some()
}

/// The session storage key set when the page reloaded to become cross-origin isolated.
const ISOLATION_RELOAD: &str = "replab-isolation-reload";

/// Whether this tab already reloaded once for cross-origin isolation; marks it if not.
fn reloaded_for_isolation() -> bool {
    let Some(storage) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) else {
        // Without session storage a loop could not be stopped: do not reload at all.
        return true;
    };
    if storage.get_item(ISOLATION_RELOAD).ok().flatten().is_some() {
        return true;
    }
    storage.set_item(ISOLATION_RELOAD, "1").is_err()
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// Register `sw.js` once the page has loaded (it then precaches the whole site, which should
/// not compete with the page's own start-up). `on_update` runs when a new version of the lab
/// has installed and waits to take over. Without service workers the lab simply stays online-only.
/// Pages built by `trunk serve` register nothing.
pub fn register(on_update: impl Fn() + 'static) {
    if disabled_by_page() {
        return;
    }
    let Some(container) = container() else { return };
    let on_update: Rc<dyn Fn()> = Rc::new(on_update);
    let reload_on_switch = Closure::<dyn FnMut()>::new(|| {
        if SWITCHING.get() {
            reload();
        } else if super::worker_link::reload_would_add_threads() && !reloaded_for_isolation() {
            // The first install took the page over. What it serves carries the cross-origin
            // isolation headers (for hosts that cannot send them), so a reload, once, gives the
            // threaded CPU worker; the session flag stops a loop where isolation still fails.
            reload();
        }
    });
    container.set_oncontrollerchange(Some(reload_on_switch.as_ref().unchecked_ref()));
    reload_on_switch.forget();

    let start = move || {
        wasm_bindgen_futures::spawn_local(async move {
            match JsFuture::from(container.register(SCRIPT)).await {
                Ok(registration) if registration.is_object() => watch(registration.unchecked_into(), on_update),
                // A `register` replaced by something that registers nothing (a test harness
                // blocking service workers resolves it with `undefined`).
                Ok(_) => web_sys::console::warn_1(&"offline use is unavailable: no service worker was registered".into()),
                // Not the person's problem: the lab works, only not offline.
                Err(e) => web_sys::console::warn_2(
                    &"offline use is unavailable: the service worker did not register:".into(),
                    &e,
                ),
            }
        });
    };
    let Some(window) = web_sys::window() else {
        return;
    };
    if window
        .document()
        .is_some_and(|d| d.ready_state() == "complete")
    {
        start();
    } else {
        let on_load = Closure::once_into_js(start);
        let _ = window.add_event_listener_with_callback("load", on_load.unchecked_ref());
    }
}

/// Offer every version that finishes installing while an older one controls the page. (The
/// first install has nothing to replace: it takes the page over silently.)
fn watch(registration: ServiceWorkerRegistration, on_update: Rc<dyn Fn()>) {
    let offer: Rc<dyn Fn(ServiceWorker)> = Rc::new(move |worker| {
        if container().and_then(|c| c.controller()).is_none() {
            return;
        }
        WAITING.with(|w| *w.borrow_mut() = Some(worker));
        on_update();
    });
    if let Some(waiting) = registration.waiting() {
        offer(waiting);
    }
    let found_in = registration.clone();
    let on_found = Closure::<dyn FnMut()>::new(move || {
        let Some(installing) = found_in.installing() else {
            return;
        };
        let worker = installing.clone();
        let offer = offer.clone();
        let on_state = Closure::<dyn FnMut()>::new(move || {
            if worker.state() == ServiceWorkerState::Installed {
                offer(worker.clone());
            }
        });
        installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        on_state.forget();
    });
    registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
    on_found.forget();
}

/// Ask the service worker to keep `paths` for offline use (the worker build the page started:
/// sw.js keeps the three builds' wasm only once used). Sent once a version is active, which on
/// the first visit is after the page fetched them; nothing without a service worker.
pub fn keep(paths: &'static [&'static str]) {
    if disabled_by_page() {
        return;
    }
    let Some(container) = container() else { return };
    let Ok(ready) = container.ready() else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(registration) = JsFuture::from(ready).await else { return };
        let Some(active) = registration.unchecked_into::<ServiceWorkerRegistration>().active() else { return };
        let message = js_sys::Object::new();
        let list: js_sys::Array = paths.iter().map(|p| JsValue::from_str(p)).collect();
        let _ = js_sys::Reflect::set(&message, &JsValue::from_str("keep"), &list);
        if let Err(e) = active.post_message(&message) {
            web_sys::console::warn_2(&"the worker build is not kept for offline use:".into(), &e);
        }
    });
}

/// Switch to the waiting version: it takes over, and the page reloads into it. If it is no
/// longer waiting (another tab already switched), reloading alone gets the new version.
pub fn switch_to_update() {
    SWITCHING.set(true);
    let waiting = WAITING.with(|w| w.borrow().clone());
    match waiting {
        Some(worker) if worker.state() == ServiceWorkerState::Installed => {
            if let Err(e) = worker.post_message(&JsValue::from_str(SKIP_WAITING)) {
                web_sys::console::warn_2(
                    &"the new version did not take the message; reloading:".into(),
                    &e,
                );
                reload();
            }
        }
        _ => reload(),
    }
}
