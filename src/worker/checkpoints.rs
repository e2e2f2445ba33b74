//! Checkpoints of the run in training, and resuming one (see [`replab_core::checkpoint`]): the
//! worker keeps one in IndexedDB ([`crate::kept_checkpoint`]) at epochs' ends and at least every
//! minute ([`checkpoint_due`]), and tells the page.

use web_time::Instant;

use super::post;
use crate::kept_checkpoint;
use super::session::{Mode, Session, error};
use replab_core::backend::BackendKind;
use replab_core::checkpoint::{Checkpoint, checkpoint_due};
use replab_core::protocol::Event;
use replab_engine::train::Trainer;

impl Session {
    /// After a training chunk: keep a checkpoint if one is due ([`checkpoint_due`]: at an
    /// epoch's end, at most every 10 s, and at least every minute). Training goes on while the
    /// browser commits the write: the worker's own part is the structured clone in `put`, ~16 ms
    /// a checkpoint, and its training rate is the same as when the page wrote (BENCHMARKS.md,
    /// session 34), though on 2 cores the browser's commit slows the threaded worker's next
    /// chunks (session 65). One write at a time, and the
    /// run's end waits for it ([`Session::checkpoint_written`]), since the page then drops what
    /// is kept. One the browser refuses is told to the page, one that cannot be read is logged;
    /// training goes on.
    pub(super) async fn checkpoint_if_due(&mut self, epoch_ended: bool) {
        let (Some(trainer), Some(data)) = (&self.trainer, &self.dataset) else { return };
        let since_last = self.last_checkpoint.map(|at| at.elapsed());
        if trainer.is_finished() || !checkpoint_due(epoch_ended, since_last, self.run_started.elapsed()) {
            return;
        }
        self.last_checkpoint = Some(Instant::now());
        let with_optimizer = self.training_kind == BackendKind::Cpu;
        let checkpoint = match trainer.checkpoint(data, with_optimizer).await {
            Ok(checkpoint) => checkpoint,
            Err(e) => return web_sys::console::warn_1(&format!("worker: no checkpoint at step {}: {e}", trainer.step()).into()),
        };
        self.checkpoint_written().await;
        let (done, writing) = futures_channel::oneshot::channel();
        self.checkpoint_writing = Some(writing);
        wasm_bindgen_futures::spawn_local(async move {
            let (epoch, step) = (checkpoint.epoch, checkpoint.step);
            post(&match kept_checkpoint::put(checkpoint).await {
                Ok(()) => Event::Checkpointed { epoch, step },
                Err(message) => Event::CheckpointRefused { message },
            });
            let _ = done.send(());
        });
    }

    /// Wait for the checkpoint being written, if one is.
    pub(super) async fn checkpoint_written(&mut self) {
        if let Some(writing) = self.checkpoint_writing.take() {
            let _ = writing.await;
        }
    }

    /// Continue the run `checkpoint` describes, on the backend this model trains on now.
    pub(super) async fn resume_run(&mut self, checkpoint: Checkpoint) {
        if self.mode != Mode::Idle {
            return error("A run is already going: stop it first.");
        }
        if let Some(why) = self.gpu_refusal(&checkpoint.hp) {
            return error(format!("The run could not be resumed: {why}."));
        }
        let (device, kind) = match self.training_device(&checkpoint.hp).await {
            Ok(chosen) => chosen,
            Err(e) => return error(e.to_string()),
        };
        let Some(data) = &self.dataset else { return };
        let trainer = match Trainer::resume(data, &checkpoint, &device) {
            Ok(t) => t,
            Err(e) => return error(format!("The run could not be resumed: {e}")),
        };
        self.begin_run(trainer, kind);
        self.mode = Mode::Training;
        self.snapshot().await;
    }
}
