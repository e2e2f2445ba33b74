//! The page's end of the worker: spawn it, queue requests until it listens, decode events.

use std::cell::RefCell;

use leptos::prelude::Set;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker};

use super::state::LabState;
use crate::lab::protocol::{Event, Request};

/// The worker's loader; the build id in the query makes each build fetch fresh worker files
/// (Trunk does not hash them).
fn loader_url() -> String {
    format!("./worker_loader.js?v={}", env!("LAB_BUILD_ID"))
}

struct Link {
    worker: Worker,
    ready: bool,
    queue: Vec<Request>,
}

thread_local! {
    static LINK: RefCell<Option<Link>> = const { RefCell::new(None) };
}

fn post_now(worker: &Worker, request: &Request) -> Result<(), String> {
    let value = serde_wasm_bindgen::to_value(request).map_err(|e| e.to_string())?;
    worker.post_message(&value).map_err(|e| format!("{e:?}"))
}

/// Start the worker; every event it sends is applied to `state`.
pub fn spawn(state: LabState) -> Result<(), String> {
    let worker = Worker::new(&loader_url()).map_err(|e| format!("the training worker could not start: {e:?}"))?;
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        match serde_wasm_bindgen::from_value::<Event>(e.data()) {
            Ok(Event::WorkerReady) => {
                flush();
                state.apply(Event::WorkerReady);
            }
            Ok(event) => state.apply(event),
            Err(err) => state.error.set(Some(format!("unreadable message from the worker: {err}"))),
        }
    });
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    let onerror = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
        state.error.set(Some(format!("the training worker crashed: {}", e.message())));
    });
    worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    onerror.forget();
    LINK.with(|l| *l.borrow_mut() = Some(Link { worker, ready: false, queue: Vec::new() }));
    Ok(())
}

fn flush() {
    LINK.with(|l| {
        if let Some(link) = l.borrow_mut().as_mut() {
            link.ready = true;
            for request in link.queue.drain(..) {
                if let Err(e) = post_now(&link.worker, &request) {
                    web_sys::console::error_1(&e.into());
                }
            }
        }
    });
}

/// Send a request (queued until the worker listens).
pub fn send(request: Request) {
    LINK.with(|l| match l.borrow_mut().as_mut() {
        Some(link) if link.ready => {
            if let Err(e) = post_now(&link.worker, &request) {
                web_sys::console::error_1(&e.into());
            }
        }
        Some(link) => link.queue.push(request),
        None => web_sys::console::error_1(&"no worker to send to".into()),
    });
}
