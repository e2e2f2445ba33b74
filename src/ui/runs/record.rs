//! A saved run: everything but the weights (those are stored beside it, see [`super::store`]).

use serde::{Deserialize, Serialize};

use replab_core::classroom::SharedResult;
use replab_core::protocol::Metrics;
use replab_core::settings::Settings;
use crate::ui::state::{Adjustment, Curves};
use crate::ui::when::local_date_time;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedRun {
    /// Unique: `run-<ms since 1970>-<random>`.
    pub id: String,
    pub name: String,
    /// Milliseconds since 1970 (UTC).
    pub saved_at: f64,
    /// The form's settings: dataset, hyper-parameters (the architecture), backend choice.
    pub settings: Settings,
    /// The backend that trained it (`CPU`, `WebGPU`).
    pub backend: String,
    /// Training time in seconds (none for a model that was loaded, not trained).
    pub seconds: Option<f64>,
    pub params: usize,
    pub steps: usize,
    pub train: Curves,
    pub test: Curves,
    /// The held-out figures of the saved weights.
    pub final_test: Option<Metrics>,
    /// Size of the weights file.
    pub bytes: usize,
    /// Learning-rate and β changes made while it trained (none in records saved before they
    /// could be made).
    #[serde(default)]
    pub adjustments: Vec<Adjustment>,
}

impl SavedRun {
    /// What its result link carries (no name yet): its settings, epochs trained, final
    /// held-out figures and test curve. `None` for a run without held-out figures.
    pub fn result(&self) -> Option<SharedResult> {
        let m = self.final_test?;
        let curve: Vec<f32> = self.test.loss.iter().map(|p| p.1).collect();
        let epochs = self.test.loss.iter().filter(|p| p.0 > 0).count();
        Some(SharedResult::new("", self.settings.clone(), epochs, m.loss, m.kl, m.accuracy, self.seconds, &self.backend, &curve))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data always serialises")
    }

    pub fn from_json(json: &str) -> Result<SavedRun, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    /// When it was saved, as the visitor reads dates ([`local_date_time`]).
    pub fn date(&self) -> String {
        local_date_time(self.saved_at)
    }

    /// The last test figures as one short string.
    pub fn summary(&self) -> String {
        self.final_test.map_or_else(|| "no test figures".into(), |m| m.summary())
    }
}
