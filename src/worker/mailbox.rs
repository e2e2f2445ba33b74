//! Incoming messages as a typed stream.

use futures_channel::mpsc::{UnboundedReceiver, unbounded};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::post;
use replab_core::protocol::{Event, Request};

/// Install `onmessage` and return the stream of decoded requests.
pub fn listen() -> UnboundedReceiver<Request> {
    let (sender, receiver) = unbounded();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        match serde_wasm_bindgen::from_value::<Request>(e.data()) {
            // Answered here, ahead of any queued work: the page's heartbeat.
            Ok(Request::Ping { n }) => post(&Event::Pong { n }),
            Ok(request) => {
                let _ = sender.unbounded_send(request);
            }
            Err(err) => post(&Event::Error { message: format!("the worker got a message it does not understand: {err}") }),
        }
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    // The worker lives as long as the page; so does its handler.
    onmessage.forget();
    receiver
}
