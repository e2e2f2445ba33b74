//! What each layer of an autoencoder does with one image (the drawing, or a picked test
//! image): the activations of every layer from the input side to the output, as pictures — a
//! convolution's feature maps one tile each, a layer of units one tile of cells.

use serde::{Deserialize, Serialize};

use crate::data::{ImageShape, ImageStrip};
use crate::le_bytes;

/// Feature maps shown per layer, at most (a 256-map CIFAR layer shows its first 32).
pub const MAX_MAPS: usize = 32;

/// One layer's activations for one image: `channels` maps of `height × width` (a layer of
/// units is `channels` units of 1 × 1), row-major, channel first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activation {
    /// "conv 1", "hidden", "code", "decoder hidden", "deconv 2", "output", …
    pub name: String,
    pub channels: usize,
    pub height: usize,
    pub width: usize,
    #[serde(with = "le_bytes")]
    pub values: Vec<f32>,
}

impl Activation {
    /// Whether it is a layer of units (one value per channel).
    pub fn is_units(&self) -> bool {
        self.height * self.width == 1
    }

    /// "8 maps of 14 × 14", "256 units".
    pub fn describe(&self) -> String {
        if self.is_units() {
            format!("{} units", self.channels)
        } else {
            format!("{} map{} of {} × {}", self.channels, if self.channels == 1 { "" } else { "s" }, self.height, self.width)
        }
    }

    /// Its picture: grey levels from the layer's lowest value (or 0, if all are positive: a
    /// ReLU's silent units are black) to its highest (white). Maps: one tile each, the first
    /// [`MAX_MAPS`]. Units: one square tile of cells, row by row, the cells past the last unit
    /// at the lowest grey.
    pub fn picture(&self) -> ImageStrip {
        let (lo, hi) = self.values.iter().filter(|v| v.is_finite()).fold((0.0f32, f32::MIN), |(lo, hi), &v| (lo.min(v), hi.max(v)));
        let span = (hi - lo).max(1e-12);
        let grey = |v: f32| if v.is_finite() { (255.0 * (v - lo) / span).round().clamp(0.0, 255.0) as u8 } else { 0 };
        if self.is_units() {
            let side = (self.channels as f64).sqrt().ceil().max(1.0) as usize;
            let mut pixels: Vec<u8> = self.values.iter().map(|&v| grey(v)).collect();
            pixels.resize(side * side, grey(lo));
            return ImageStrip { shape: ImageShape { channels: 1, height: side, width: side }, count: 1, pixels };
        }
        let count = self.channels.min(MAX_MAPS);
        let len = self.height * self.width;
        let pixels = self.values[..count * len].iter().map(|&v| grey(v)).collect();
        ImageStrip { shape: ImageShape { channels: 1, height: self.height, width: self.width }, count, pixels }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_become_tiles_and_units_one_square() {
        let maps = Activation { name: "conv 1".into(), channels: 40, height: 2, width: 2, values: (0..160).map(|i| i as f32).collect() };
        let strip = maps.picture();
        assert_eq!((strip.count, strip.shape.height, strip.shape.width), (MAX_MAPS, 2, 2));
        assert_eq!(strip.pixels[0], 0, "a ReLU's zero is black");
        assert_eq!(strip.pixels[127], (255.0f32 * 127.0 / 159.0).round() as u8, "scaled by the layer's whole range");
        assert_eq!(maps.describe(), "40 maps of 2 × 2");

        let code = Activation { name: "code".into(), channels: 5, height: 1, width: 1, values: vec![-1.0, 0.0, 1.0, 3.0, f32::NAN] };
        let strip = code.picture();
        assert_eq!((strip.count, strip.shape.height, strip.shape.width), (1, 3, 3), "5 units in a 3 × 3 square");
        assert_eq!(&strip.pixels[..4], &[0, 64, 128, 255], "from the lowest (negative) to the highest");
        assert_eq!(strip.pixels[4], 0, "a non-finite value is black");
        assert_eq!(&strip.pixels[5..], &[0, 0, 0, 0]);
        assert_eq!(code.describe(), "5 units");
    }
}
