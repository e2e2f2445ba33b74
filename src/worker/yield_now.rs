//! Yielding to the worker's event loop between training chunks.
//!
//! A zero-delay `setTimeout` is clamped to 4 ms once timers nest, which is nothing beside a
//! 60 ms CPU chunk but several times a real GPU's chunk. A message posted to our own
//! `MessageChannel` is delivered as soon as the messages already queued (the page's Pause or
//! Stop) have been, with no clamp.

use std::cell::RefCell;
use std::collections::VecDeque;

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageChannel, MessagePort};

/// One channel for the worker's life: the sending port, and the resolvers of the yields
/// waiting on it, oldest first (messages on one port arrive in order).
struct Channel {
    sender: MessagePort,
    waiting: RefCell<VecDeque<Function>>,
}

thread_local! {
    static CHANNEL: Option<Channel> = open();
}

fn open() -> Option<Channel> {
    let channel = MessageChannel::new().ok()?;
    let onmessage = Closure::<dyn FnMut()>::new(|| {
        let resolve = CHANNEL.with(|c| c.as_ref().and_then(|c| c.waiting.borrow_mut().pop_front()));
        if let Some(resolve) = resolve {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    channel.port1().set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    // The worker lives as long as the page; so does the handler.
    onmessage.forget();
    Some(Channel { sender: channel.port2(), waiting: RefCell::new(VecDeque::new()) })
}

/// Let the event loop run the tasks already queued (incoming messages), then continue.
pub async fn yield_now() {
    let mut sent = false;
    let promise = Promise::new(&mut |resolve, _reject| {
        CHANNEL.with(|c| {
            if let Some(c) = c {
                c.waiting.borrow_mut().push_back(resolve.clone());
                sent = c.sender.post_message(&JsValue::UNDEFINED).is_ok();
                if !sent {
                    c.waiting.borrow_mut().pop_back();
                }
            }
        });
    });
    if sent {
        let _ = JsFuture::from(promise).await;
    } else {
        // No MessageChannel in this worker: the timer still yields, with its clamp.
        gloo_timers::future::TimeoutFuture::new(0).await;
    }
}
