//! The worker's state and what each request does to it.

use burn::prelude::Device;

use super::{device, fetch::fetch_bytes, post};
use crate::lab::backend::BackendKind;
use crate::lab::data::{Dataset, DatasetId, dataset_from_files};
use crate::lab::protocol::{Event, ImageStrip, Request, RunEnd, UserFile};
use crate::lab::settings::{BackendChoice, Hyperparams};
use crate::lab::train::{RECON_COUNT, TrainError, Trainer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Mode {
    #[default]
    Idle,
    Training,
    Paused,
}

/// Everything the worker holds between messages.
#[derive(Default)]
pub struct Session {
    device: Option<(Device, BackendKind)>,
    dataset: Option<Dataset>,
    trainer: Option<Trainer>,
    mode: Mode,
}

fn error(message: impl Into<String>) {
    post(&Event::Error { message: message.into() });
}

impl Session {
    /// Whether the main loop should keep training between messages.
    pub fn is_training(&self) -> bool {
        self.mode == Mode::Training
    }

    pub async fn handle(&mut self, request: Request) {
        match request {
            Request::Init { backend } => self.init(backend).await,
            Request::LoadDataset { id } => self.load_shipped(id).await,
            Request::LoadFiles { files } => self.load_files(files),
            Request::Train { hp } => self.train(hp).await,
            Request::Pause if self.mode == Mode::Training => {
                self.mode = Mode::Paused;
                post(&Event::Paused);
            }
            Request::Resume if self.mode == Mode::Paused => {
                self.mode = Mode::Training;
                post(&Event::Resumed);
            }
            Request::Stop if self.mode != Mode::Idle => self.end(RunEnd::Stopped),
            Request::Reset => {
                self.trainer = None;
                self.mode = Mode::Idle;
                post(&Event::ResetDone);
            }
            Request::Pause | Request::Resume | Request::Stop => {}
        }
    }

    async fn init(&mut self, backend: BackendChoice) {
        // A started runtime cannot be reconfigured: later requests keep the first choice.
        if self.device.is_none() {
            let (device, kind, reason) = device::start(backend).await;
            self.device = Some((device, kind));
            post(&Event::BackendReady { kind, reason });
        } else if let Some((_, kind)) = &self.device {
            post(&Event::BackendReady { kind: *kind, reason: "backend already running; reload the page to switch".into() });
        }
    }

    fn busy(&self) -> bool {
        if self.mode != Mode::Idle {
            error("Stop the current run before loading other data.");
        }
        self.mode != Mode::Idle
    }

    async fn load_shipped(&mut self, id: DatasetId) {
        if self.busy() {
            return;
        }
        let mut files = Vec::new();
        for path in id.files() {
            match fetch_bytes(path).await {
                Ok(bytes) => files.push(bytes),
                Err(message) => return error(message),
            }
        }
        self.accept(Dataset::from_shipped_files(id, &files).map_err(|e| e.to_string()));
    }

    fn load_files(&mut self, files: Vec<UserFile>) {
        if self.busy() {
            return;
        }
        let pairs: Vec<(String, Vec<u8>)> = files.into_iter().map(|f| (f.name, f.bytes)).collect();
        self.accept(dataset_from_files(&pairs).map_err(|e| format!("Your files were not loaded: {e}")));
    }

    /// Keep a newly parsed dataset, or report why not and keep the old one.
    fn accept(&mut self, parsed: Result<Dataset, String>) {
        match parsed {
            Ok(data) => {
                let count = RECON_COUNT.min(data.test.len());
                let shape = data.test.shape;
                post(&Event::DatasetLoaded {
                    id: data.id,
                    train_len: data.train.len(),
                    test_len: data.test.len(),
                    shape,
                    originals: ImageStrip { shape, count, pixels: data.test.pixels[..count * shape.len()].to_vec() },
                });
                self.trainer = None;
                self.dataset = Some(data);
            }
            Err(message) => error(message),
        }
    }

    async fn train(&mut self, hp: Hyperparams) {
        if self.mode != Mode::Idle {
            return error("A run is already going: stop it first.");
        }
        let (Some((device, _)), Some(data)) = (&self.device, &self.dataset) else {
            return error("The lab is still starting: wait for the dataset to load.");
        };
        let trainer = match Trainer::new(data, hp.clone(), device) {
            Ok(t) => t,
            Err(e) => return error(e.to_string()),
        };
        post(&Event::RunStarted {
            model: hp.model,
            steps_per_epoch: trainer.steps_per_epoch(),
            epochs: hp.epochs,
            batch: hp.batch,
            params: trainer.num_params(),
        });
        let trainer = self.trainer.insert(trainer);
        match trainer.evaluate().await {
            Ok(event) => {
                post(&event);
                self.mode = Mode::Training;
            }
            Err(e) => self.fail(e),
        }
    }

    /// One chunk of training (up to the next readback), its events posted.
    pub async fn train_chunk(&mut self) {
        let Some(trainer) = self.trainer.as_mut() else {
            self.mode = Mode::Idle;
            return;
        };
        match trainer.advance().await {
            Ok(events) => {
                events.iter().for_each(post);
                if trainer.is_finished() {
                    self.end(RunEnd::Completed);
                }
            }
            Err(e) => self.fail(e),
        }
    }

    fn fail(&mut self, e: TrainError) {
        let end = match e {
            TrainError::Diverged { step, .. } => RunEnd::Diverged { step, message: e.to_string() },
            other => RunEnd::Failed { message: other.to_string() },
        };
        self.end(end);
    }

    fn end(&mut self, end: RunEnd) {
        self.mode = Mode::Idle;
        post(&Event::RunEnded { end });
    }
}
