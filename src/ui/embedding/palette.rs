//! Class colours (Tableau's ten), shared by the scatter and its legend.

const COLOURS: [&str; 10] =
    ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

/// The colour of class `label` (classes past ten reuse the palette).
pub fn class_colour(label: u8) -> &'static str {
    COLOURS[usize::from(label) % COLOURS.len()]
}
