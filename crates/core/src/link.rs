//! A shareable link's query: the settings ([`Settings::to_query`]), the open experiment of the
//! gallery with its size (`&preset=a1&preset_size=quick`), and two switches for whoever opens
//! it: `&autorun=1` (start training at once: a classroom link) and `&present=1` (the
//! large-type presentation view).

use super::presets::{PresetSize, preset};
use super::settings::Settings;

/// What a link carries beside the settings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LinkExtras {
    /// The open preset and the size it runs at.
    pub preset: Option<(&'static str, PresetSize)>,
    /// Start training (or the preset) as soon as the page is ready.
    pub autorun: bool,
    /// Open in the presentation view.
    pub present: bool,
}

/// The keys [`LinkExtras`] uses (none of them is a settings key).
pub const EXTRA_KEYS: [&str; 4] = ["preset", "preset_size", "autorun", "present"];

/// The whole query of a link (no leading `?`): settings first, then the extras that are set.
pub fn link_query(settings: &Settings, extras: &LinkExtras) -> String {
    let mut query = settings.to_query();
    if let Some((id, size)) = extras.preset {
        query.push_str(&format!("&preset={id}"));
        if size != PresetSize::Default {
            query.push_str(&format!("&preset_size={}", size.key()));
        }
    }
    if extras.autorun {
        query.push_str("&autorun=1");
    }
    if extras.present {
        query.push_str("&present=1");
    }
    query
}

/// Whether a switch's value means "on" (`1`, `true`, `yes`, `on`; an empty value too, as in
/// `&present`).
fn is_on(value: &str) -> bool {
    matches!(value.trim().to_ascii_lowercase().as_str(), "" | "1" | "true" | "yes" | "on")
}

/// Read the extras of a query (with or without the leading `?`), with a warning for each value
/// that was not understood. A preset id that names no experiment is dropped (with a warning).
pub fn read_extras(query: &str) -> (LinkExtras, Vec<String>) {
    let mut extras = LinkExtras::default();
    let mut warnings = Vec::new();
    let mut id = None;
    let mut size = PresetSize::Default;
    for pair in query.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "preset" => match preset(value.trim()) {
                Some(p) => id = Some(p.id),
                None => warnings.push(format!("ignored preset={value}: there is no such experiment in the gallery")),
            },
            "preset_size" => match PresetSize::from_key(value.trim()) {
                Some(s) => size = s,
                None => warnings.push(format!("ignored preset_size={value}: not quick, default or full")),
            },
            "autorun" => extras.autorun = is_on(value),
            "present" => extras.present = is_on(value),
            _ => {}
        }
    }
    extras.preset = id.map(|id| (id, size));
    (extras, warnings)
}
