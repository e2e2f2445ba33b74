//! What the embedding views show, and how the worker's analysis events change it.

use std::collections::{BTreeSet, HashMap};

use leptos::prelude::*;

use replab_core::analysis::Replay;
use replab_core::protocol::{Event, ImageStrip, Projection, Request, Scatter};
use wasm_bindgen::JsCast;

use crate::ui::worker_link::send;

/// A finished linear evaluation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinearEval {
    pub train_accuracy: f32,
    pub test_accuracy: f32,
    pub dim: usize,
    pub train_len: usize,
}

/// One run's separability figures, for the comparison table (B6 in the reports).
#[derive(Debug, Clone, PartialEq)]
pub struct RunFigures {
    /// Model, loss and dataset, for people.
    pub title: String,
    pub dim: usize,
    pub step: usize,
    /// Held-out k-NN accuracy of the test codes (NaN before the first scatter).
    pub knn: f32,
    /// Linear evaluation's test accuracy, once run.
    pub linear: Option<f32>,
}

/// The projection the user picked (`projection-select`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectionChoice {
    Raw,
    Pca,
    Tsne,
}

impl ProjectionChoice {
    pub const ALL: [ProjectionChoice; 3] = [ProjectionChoice::Raw, ProjectionChoice::Pca, ProjectionChoice::Tsne];

    pub fn key(self) -> &'static str {
        match self {
            ProjectionChoice::Raw => "raw",
            ProjectionChoice::Pca => "pca",
            ProjectionChoice::Tsne => "tsne",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ProjectionChoice::Raw => "Raw (first two dimensions)",
            ProjectionChoice::Pca => "PCA (top two components)",
            ProjectionChoice::Tsne => "t-SNE",
        }
    }
}

#[derive(Clone, Copy)]
pub struct EmbeddingState {
    /// The latest scatter of the current model's test codes.
    pub scatter: RwSignal<Option<Scatter>>,
    /// The same model before training (step 0), kept for comparison.
    pub before: RwSignal<Option<Scatter>>,
    /// The current run's scatter at the end of every epoch (epoch replay).
    pub replay: RwSignal<Replay>,
    /// The replay frame shown instead of the live scatter (`None`: live).
    pub replay_at: RwSignal<Option<usize>>,
    /// Classes switched off in the legend.
    pub hidden: RwSignal<BTreeSet<u8>>,
    pub projection: RwSignal<ProjectionChoice>,
    pub perplexity: RwSignal<f32>,
    /// t-SNE iterations done / total, while a map is computed.
    pub tsne_progress: RwSignal<Option<(usize, usize)>>,
    pub linear_eval: RwSignal<Option<LinearEval>>,
    /// Linear evaluation or the data spectrum is being computed.
    pub evaluating: RwSignal<bool>,
    pub spectrum_pending: RwSignal<bool>,
    /// Explained-variance fractions of the test images' pixels, and how many images.
    pub spectrum: RwSignal<Option<(Vec<f32>, usize)>>,
    /// Test images fetched for tooltips, with their labels.
    pub thumbnails: RwSignal<HashMap<usize, (ImageStrip, u8)>>,
    /// Every run of this visit, latest last.
    pub runs: RwSignal<Vec<RunFigures>>,
    /// Where the last drawing's code goes in the scatter shown (cleared when the scatter
    /// changes: the next stroke places it again).
    pub drawn_at: RwSignal<Option<[f32; 2]>>,
}

impl EmbeddingState {
    pub fn new() -> Self {
        Self {
            scatter: RwSignal::new(None),
            before: RwSignal::new(None),
            replay: RwSignal::new(Replay::default()),
            replay_at: RwSignal::new(None),
            hidden: RwSignal::new(BTreeSet::new()),
            projection: RwSignal::new(ProjectionChoice::Pca),
            perplexity: RwSignal::new(30.0),
            drawn_at: RwSignal::new(None),
            tsne_progress: RwSignal::new(None),
            linear_eval: RwSignal::new(None),
            evaluating: RwSignal::new(false),
            spectrum_pending: RwSignal::new(false),
            spectrum: RwSignal::new(None),
            thumbnails: RwSignal::new(HashMap::new()),
            runs: RwSignal::new(Vec::new()),
        }
    }

    /// A run called `title` started: its codes replace the last run's, and it gets a row.
    pub fn begin_run(&self, title: String) {
        self.clear_run();
        self.runs.update(|r| r.push(RunFigures { title, dim: 0, step: 0, knn: f32::NAN, linear: None }));
    }

    fn update_run(&self, change: impl FnOnce(&mut RunFigures)) {
        self.runs.update(|r| {
            if let Some(last) = r.last_mut() {
                change(last);
            }
        });
    }

    /// A new run (or model) replaces the codes; the dataset stays.
    pub fn clear_run(&self) {
        self.scatter.set(None);
        self.replay.set(Replay::default());
        self.replay_at.set(None);
        self.drawn_at.set(None);
        self.before.set(None);
        self.tsne_progress.set(None);
        self.linear_eval.set(None);
        self.evaluating.set(false);
    }

    /// A new dataset: everything goes.
    pub fn clear_data(&self) {
        self.clear_run();
        self.hidden.set(BTreeSet::new());
        self.spectrum.set(None);
        self.spectrum_pending.set(false);
        self.thumbnails.set(HashMap::new());
    }

    /// A request failed: nothing that was waiting will be answered.
    pub fn forget_pending(&self) {
        self.evaluating.set(false);
        self.spectrum_pending.set(false);
        self.tsne_progress.set(None);
    }

    /// The worker's analyses of the current model: scatters, t-SNE progress, the linear probe,
    /// the data's spectrum, thumbnails.
    pub fn on_event(&self, event: Event) {
        match event {
            Event::Embedding { scatter } => {
                self.drawn_at.set(None);
                if scatter.step == 0 && scatter.epoch == 0 {
                    self.before.set(Some(scatter.clone()));
                }
                self.update_run(|r| {
                    (r.dim, r.step, r.knn) = (scatter.dim, scatter.step, scatter.knn_codes);
                });
                let choice = match scatter.projection {
                    Projection::Raw => ProjectionChoice::Raw,
                    Projection::Pca => ProjectionChoice::Pca,
                    Projection::Tsne { .. } => {
                        self.tsne_progress.set(None);
                        ProjectionChoice::Tsne
                    }
                };
                // While a t-SNE map is computed the select keeps saying t-SNE.
                if self.tsne_progress.with_untracked(Option::is_none) {
                    self.projection.set(choice);
                }
                // A new frame wakes the scrubber; a scatter that is not one changes nothing. Timed
                // as `replay-frame` (User Timing), which `make bench` sums against the training.
                let performance = web_sys::window().and_then(|w| w.performance());
                let _ = performance.as_ref().map(|p| p.mark("replay-frame-start"));
                if self.replay.try_update_untracked(|r| r.push(&scatter)) == Some(true) {
                    self.replay.notify();
                    // A model with a decoder: the frame's latent map, decoded now (the worker
                    // answers between two chunks of training).
                    let codes = self.replay.with_untracked(|r| r.frames().last().and_then(|f| f.map_codes()));
                    if let Some(codes) = codes {
                        send(Request::DecodeFrame { epoch: scatter.epoch, codes });
                    }
                    let _ = performance.as_ref().map(|p| p.measure_with_start_mark("replay-frame", "replay-frame-start"));
                }
                // Marks stay in the page's buffer until cleared: one per scatter would pile up.
                if let Some(p) = &performance {
                    p.clear_marks_with_mark_name("replay-frame-start");
                }
                self.scatter.set(Some(scatter));
            }
            Event::FrameMap { epoch, step, images, worker_ms } => {
                self.replay.update(|r| {
                    r.set_map(epoch, images, step);
                });
                // The worker's time for it, as a User Timing measure (`replay-map`) that `make
                // bench` adds to the replay's cost.
                if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
                    let options = js_sys::Object::new();
                    let now = p.now();
                    let _ = js_sys::Reflect::set(&options, &"start".into(), &(now - worker_ms).into());
                    let _ = js_sys::Reflect::set(&options, &"end".into(), &now.into());
                    let measure = js_sys::Reflect::get(&p, &"measure".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
                    if let Some(measure) = measure {
                        let _ = measure.call2(&p, &"replay-map".into(), &options);
                    }
                }
            }
            Event::ProjectionProgress { done, total } => self.tsne_progress.set(Some((done, total))),
            Event::LinearEval { train_accuracy, test_accuracy, dim, train_len } => {
                self.evaluating.set(false);
                self.update_run(|r| r.linear = Some(test_accuracy));
                self.linear_eval.set(Some(LinearEval { train_accuracy, test_accuracy, dim, train_len }));
            }
            Event::DataSpectrum { fractions, images } => {
                self.spectrum_pending.set(false);
                self.spectrum.set(Some((fractions, images)));
            }
            Event::Thumbnail { index, image, label } => self.thumbnails.update(|t| {
                t.insert(index, (image, label));
            }),
            _ => {}
        }
    }
}
