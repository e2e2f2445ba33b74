//! Other tabs of the lab hear this one's saves, renames and deletes (a `BroadcastChannel`), so
//! every tab's list stays current; a browser without the channel just lists what it had.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use web_sys::BroadcastChannel;

const CHANNEL: &str = "replab-runs";

thread_local! {
    /// This tab's end of the channel, once [`listen`] opened it.
    static CHANNEL_END: RefCell<Option<BroadcastChannel>> = const { RefCell::new(None) };
}

/// Call `changed` whenever another tab changed the saved runs (installed once per page).
pub fn listen(changed: impl Fn() + 'static) {
    CHANNEL_END.with(|end| {
        if end.borrow().is_some() {
            return;
        }
        let Ok(channel) = BroadcastChannel::new(CHANNEL) else { return };
        let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |_| changed());
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        *end.borrow_mut() = Some(channel);
    });
}

/// Tell the other tabs that the saved runs changed.
pub fn changed() {
    CHANNEL_END.with(|end| {
        if let Some(channel) = end.borrow().as_ref() {
            let _ = channel.post_message(&JsValue::from_str("changed"));
        }
    });
}
