//! What the explore views show, and how the worker's explore events change it.

use leptos::prelude::*;

use super::decode_queue;
use replab_core::explore::dot;
use replab_core::protocol::{Activation, Direction, ImageStrip, LatentSpace, View};

/// A code picked to explore from: a test image or the drawing.
#[derive(Debug, Clone, PartialEq)]
pub struct Picked {
    /// Test image index, or `None` for the drawing.
    pub index: Option<usize>,
    pub code: Vec<f32>,
}

impl Picked {
    pub fn label(&self) -> String {
        self.index.map_or_else(|| "your drawing".into(), |i| format!("test image #{i}"))
    }
}

/// The last drawing's analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawResult {
    pub code: Vec<f32>,
    pub reconstruction: ImageStrip,
    pub error: f32,
    /// The share of test images the model rebuilds better than the drawing.
    pub unusual: f32,
    pub neighbours: ImageStrip,
    pub neighbour_labels: Vec<u8>,
    /// Class probabilities from a linear classifier on the codes (empty without one).
    pub probabilities: Vec<f32>,
    /// Every layer's activations for the drawing, input side first.
    pub layers: Vec<Activation>,
}

/// The latest answer of each view that decodes on request, each in its own signal: a slider's
/// decode (many a second while it is dragged) then redraws its own canvas and not every strip
/// of the panel. `View::Map` and `View::Units` have their own fields of [`ExploreState`].
#[derive(Clone, Copy)]
pub struct Decoded {
    pub slider: RwSignal<Option<ImageStrip>>,
    pub sweep: RwSignal<Option<ImageStrip>>,
    pub interpolation: RwSignal<Option<ImageStrip>>,
    pub grid: RwSignal<Option<ImageStrip>>,
    pub samples: RwSignal<Option<ImageStrip>>,
}

impl Decoded {
    fn new() -> Self {
        let none = || RwSignal::new(None);
        Self { slider: none(), sweep: none(), interpolation: none(), grid: none(), samples: none() }
    }

    /// The signal that holds `view`'s answers (`None`: a view kept elsewhere).
    pub fn of(&self, view: View) -> Option<RwSignal<Option<ImageStrip>>> {
        match view {
            View::Slider => Some(self.slider),
            View::Sweep => Some(self.sweep),
            View::Interpolation => Some(self.interpolation),
            View::Grid => Some(self.grid),
            View::Samples => Some(self.samples),
            View::Map | View::Units => None,
        }
    }

    fn clear(&self) {
        for view in [self.slider, self.sweep, self.interpolation, self.grid, self.samples] {
            view.set(None);
        }
    }
}

#[derive(Clone, Copy)]
pub struct ExploreState {
    pub space: RwSignal<Option<LatentSpace>>,
    /// Test images for the picker (from index 0) and their labels.
    pub picker: RwSignal<Option<(ImageStrip, Vec<u8>)>>,
    /// The image the sliders start from.
    pub start: RwSignal<Option<Picked>>,
    /// How many principal directions get sliders (k > 16).
    pub slider_count: RwSignal<usize>,
    /// An extra slider for one raw code dimension (k > 16).
    pub raw_dim: RwSignal<Option<usize>>,
    /// The slider values, in the order of [`ExploreState::directions`].
    pub values: RwSignal<Vec<f32>>,
    /// Which slider the sweep follows.
    pub sweep_slider: RwSignal<usize>,
    pub interp_a: RwSignal<Option<Picked>>,
    pub interp_b: RwSignal<Option<Picked>>,
    /// The last four picked images: the corners of the grid.
    pub corners: RwSignal<Vec<Picked>>,
    /// The answers of the views that decode on request, one signal each.
    pub decoded: Decoded,
    /// The latent map's grid (`View::Map`), apart from `decoded`: it comes every epoch while a
    /// model trains, and the other views need not hear of it.
    pub map: RwSignal<Option<ImageStrip>>,
    /// What each code unit draws (`View::Units`, turned into pictures once as it arrives), apart
    /// from `decoded` so that a slider's decodes do not redo them.
    pub units: RwSignal<Option<ImageStrip>>,
    pub drawn: RwSignal<Option<DrawResult>>,
    /// A classifier's class probabilities for the drawing (a model without a decoder).
    pub classified: RwSignal<Option<Vec<f32>>>,
    /// The last picked test image's index and every layer's activations for it.
    pub picked_layers: RwSignal<Option<(usize, Vec<Activation>)>>,
    /// A test image was clicked and its code is on the way.
    pub awaiting_code: RwSignal<Option<usize>>,
    /// What the current run trains (for captions).
    pub model_title: RwSignal<Option<String>>,
    /// The previous run's last samples and its title, to compare with the current model's.
    pub previous_samples: RwSignal<Option<(String, ImageStrip)>>,
    /// The previous run's latent map: its title, grid and the scatter it was drawn for.
    pub previous_map: RwSignal<Option<(String, ImageStrip, replab_core::protocol::Scatter)>>,
}

impl ExploreState {
    pub fn new() -> Self {
        Self {
            space: RwSignal::new(None),
            picker: RwSignal::new(None),
            start: RwSignal::new(None),
            slider_count: RwSignal::new(8),
            raw_dim: RwSignal::new(None),
            values: RwSignal::new(Vec::new()),
            sweep_slider: RwSignal::new(0),
            interp_a: RwSignal::new(None),
            interp_b: RwSignal::new(None),
            corners: RwSignal::new(Vec::new()),
            decoded: Decoded::new(),
            map: RwSignal::new(None),
            units: RwSignal::new(None),
            drawn: RwSignal::new(None),
            classified: RwSignal::new(None),
            picked_layers: RwSignal::new(None),
            awaiting_code: RwSignal::new(None),
            model_title: RwSignal::new(None),
            previous_samples: RwSignal::new(None),
            previous_map: RwSignal::new(None),
        }
    }

    /// A new model (or none): everything derived from the old one goes.
    /// A new run called `title` starts: the last run's samples stay on show beside the new
    /// model's (a VAE's samples against a plain autoencoder's, say).
    /// `scatter`: the scatter the current latent map was drawn for (kept with it).
    pub fn begin_run(&self, title: String, scatter: Option<replab_core::protocol::Scatter>) {
        let samples = self.decoded.samples.get_untracked();
        if let (Some(samples), Some(previous)) = (samples, self.model_title.get_untracked()) {
            self.previous_samples.set(Some((previous.clone(), samples)));
        }
        let scatter = scatter.filter(|s| s.plane.is_some());
        if let (Some(map), Some(scatter), Some(previous)) = (self.map.get_untracked(), scatter, self.model_title.get_untracked()) {
            self.previous_map.set(Some((previous, map, scatter)));
        }
        // Not in `clear`: the analysis of a finished run clears the explore views too, and may
        // come after its map.
        self.map.set(None);
        self.model_title.set(Some(title));
        self.clear();
    }

    pub fn clear(&self) {
        self.space.set(None);
        self.start.set(None);
        self.values.set(Vec::new());
        self.interp_a.set(None);
        self.interp_b.set(None);
        self.corners.set(Vec::new());
        self.decoded.clear();
        self.units.set(None);
        self.drawn.set(None);
        self.classified.set(None);
        self.picked_layers.set(None);
        self.awaiting_code.set(None);
        decode_queue::forget_all();
    }

    /// The slider directions: every code dimension when k ≤ 16, else the first
    /// `slider_count` principal directions plus the chosen raw dimension. Reactive.
    pub fn directions(&self) -> Vec<Direction> {
        let count = self.slider_count.get();
        let raw = self.raw_dim.get();
        self.space.with(|space| {
            let Some(space) = space else { return Vec::new() };
            if space.latent <= 16 {
                return space.dims.clone();
            }
            let mut out: Vec<Direction> = space.principal.iter().take(count).cloned().collect();
            out.extend(raw.and_then(|j| space.dims.get(j).cloned()));
            out
        })
    }

    /// Start from `picked`: sliders jump to its code's coordinates, and it becomes a grid corner.
    pub fn pick(&self, picked: Picked) {
        let values = self.directions_untracked().iter().map(|d| dot(&d.vector, &picked.code)).collect();
        self.values.set(values);
        self.corners.update(|c| {
            c.retain(|p| p.index != picked.index || picked.index.is_none());
            c.push(picked.clone());
            if c.len() > 4 {
                c.remove(0);
            }
        });
        self.start.set(Some(picked));
    }

    pub fn directions_untracked(&self) -> Vec<Direction> {
        untrack(|| self.directions())
    }

    /// The code the sliders describe: the start code moved along each direction to its
    /// slider's value (`z = z0 + Σ (v_i − d_i·z0) d_i`; the directions are orthonormal).
    pub fn code_from_sliders(&self) -> Option<Vec<f32>> {
        let start = self.start.get()?;
        let directions = self.directions();
        let values = self.values.get();
        let mut z = start.code.clone();
        for (d, v) in directions.iter().zip(&values) {
            let shift = v - dot(&d.vector, &start.code);
            z.iter_mut().zip(&d.vector).for_each(|(zi, di)| *zi += shift * di);
        }
        Some(z)
    }
}
