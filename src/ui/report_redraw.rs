//! A run's per-report figures (epoch, step, rate, the loss curve) drawn at most a few times a
//! second. Every report is stored when it arrives; only the redraw waits. A small model at a
//! small batch reports dozens of times a second, and repainting the loss chart and the figures
//! for each report took a quarter of a core on the page's main thread (BENCHMARKS.md, "The loss
//! chart's cost per report"), which on a two-core machine is taken from training.

use leptos::prelude::*;

use super::state::LabState;

/// The least time between two redraws while reports arrive (five a second).
const REDRAW_MS: f64 = 200.0;

/// When the figures were last drawn and whether a redraw is waiting.
#[derive(Clone, Copy)]
pub struct ReportRedraw {
    lab: LabState,
    last: StoredValue<f64>,
    waiting: StoredValue<bool>,
}

impl ReportRedraw {
    pub fn new(lab: LabState) -> Self {
        Self { lab, last: StoredValue::new(f64::NEG_INFINITY), waiting: StoredValue::new(false) }
    }

    /// A report's figures are stored (untracked): draw them now if the last redraw is
    /// [`REDRAW_MS`] old, otherwise once it is.
    pub fn request(self) {
        let wait = self.last.get_value() + REDRAW_MS - js_sys::Date::now();
        if wait <= 0.0 {
            self.flush();
        } else if !self.waiting.get_value() {
            self.waiting.set_value(true);
            leptos::task::spawn_local(async move {
                gloo_timers::future::TimeoutFuture::new(wait.ceil() as u32).await;
                if self.waiting.get_value() {
                    self.flush();
                }
            });
        }
    }

    /// Draw the stored figures now: an epoch's end, a pause or the run's end must show the
    /// last report at once.
    pub fn flush(self) {
        self.waiting.set_value(false);
        self.last.set_value(js_sys::Date::now());
        self.lab.epoch.notify();
        self.lab.step.notify();
        self.lab.images_per_s.notify();
        self.lab.train_curves.notify();
    }
}
