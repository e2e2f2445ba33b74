//! Latest value wins: at most one decode per view is in flight; a newer request waiting
//! behind it replaces any older waiting one, so slider drags never queue stale frames.

use std::cell::RefCell;
use std::collections::HashMap;

use replab_core::protocol::Request;
use crate::ui::worker_link::send;

/// A key for each kind of answer the queue waits on (a decode view, or the drawing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lane {
    Decode(replab_core::protocol::View),
    Draw,
}

#[derive(Default)]
struct Slot {
    in_flight: bool,
    waiting: Option<Request>,
}

thread_local! {
    static SLOTS: RefCell<HashMap<Lane, Slot>> = RefCell::new(HashMap::new());
}

/// Send `request` now, or keep it as the one to send when `lane`'s current request returns.
pub fn submit(lane: Lane, request: Request) {
    let now = SLOTS.with(|s| {
        let mut slots = s.borrow_mut();
        let slot = slots.entry(lane).or_default();
        if slot.in_flight {
            slot.waiting = Some(request);
            None
        } else {
            slot.in_flight = true;
            Some(request)
        }
    });
    if let Some(request) = now {
        send(request);
    }
}

/// `lane`'s answer arrived: send what waited, if anything.
pub fn answered(lane: Lane) {
    let next = SLOTS.with(|s| {
        let mut slots = s.borrow_mut();
        let slot = slots.entry(lane).or_default();
        let next = slot.waiting.take();
        slot.in_flight = next.is_some();
        next
    });
    if let Some(request) = next {
        send(request);
    }
}

/// The worker failed a request (it answers errors without a lane): unblock every lane.
pub fn forget_all() {
    SLOTS.with(|s| s.borrow_mut().clear());
}
