//! Class colours (Tableau's ten), shared by the scatter and its legend.

const COLOURS: [&str; 10] =
    ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

/// The colour of class `label` (classes past ten reuse the palette).
pub fn class_colour(label: u8) -> &'static str {
    COLOURS[usize::from(label) % COLOURS.len()]
}

/// [`class_colour`] as red, green and blue bytes (for pixels written directly).
pub fn class_rgb(label: u8) -> [u8; 3] {
    let hex = &class_colour(label)[1..];
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
    [byte(0), byte(2), byte(4)]
}
