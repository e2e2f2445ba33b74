//! What a model's first layer looks for, as pictures: each hidden unit's incoming weights (an
//! MLP) or each first convolution's kernel, scaled so that grey is zero, white the filter's
//! largest positive weight and black its most negative (the classic "strokes an autoencoder
//! learns" figure).

use crate::data::ImageShape;
use crate::export::{NamedTensor, Weights};
use crate::data::ImageStrip;

/// Most filters shown (a 1000-wide layer shows its first 512).
pub const MAX_FILTERS: usize = 512;

/// The first layer's weights by the names the lab exports: an MLP's or conv encoder's first
/// layer (`encoder.0`), the CNN classifier's first block (`features.0`).
const FIRST_LAYERS: [&str; 2] = ["encoder.0.weight", "features.0.weight"];

/// The first layer's filters of the model `weights` describe, for `image`-shaped inputs, with
/// how many units the layer has; `None` for a model without one (the SVM).
pub fn first_layer_filters(weights: &Weights, image: ImageShape) -> Option<(ImageStrip, usize)> {
    let NamedTensor { shape, values } = FIRST_LAYERS.iter().find_map(|name| weights.tensors.get(*name))?;
    let filter_shape = match shape.as_slice() {
        // Linear `[out, in]` on the flattened image.
        [_, inputs] if *inputs == image.len() => image,
        // Conv `[out, channels, kh, kw]`.
        [_, channels, height, width] => ImageShape { channels: *channels, height: *height, width: *width },
        _ => return None,
    };
    let units = shape[0];
    let count = units.min(MAX_FILTERS);
    let len = filter_shape.len();
    let mut pixels = Vec::with_capacity(count * len);
    for filter in values.chunks_exact(len).take(count) {
        let scale = filter.iter().fold(0.0f32, |m, v| m.max(v.abs())).max(1e-12);
        pixels.extend(filter.iter().map(|v| (127.5 + 127.5 * v / scale).round().clamp(0.0, 255.0) as u8));
    }
    Some((ImageStrip { shape: filter_shape, count, pixels }, units))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn weights(name: &str, shape: Vec<usize>, values: Vec<f32>) -> Weights {
        Weights { tensors: BTreeMap::from([(name.to_string(), NamedTensor { shape, values })]), card: None }
    }

    #[test]
    fn each_hidden_unit_becomes_an_image_with_grey_at_zero() {
        let image = ImageShape { channels: 1, height: 2, width: 2 };
        let w = weights("encoder.0.weight", vec![3, 4], vec![1.0, -1.0, 0.0, 0.5, 0.0, 0.0, 0.0, 0.0, -2.0, 0.0, 0.0, 0.0]);
        let (strip, units) = first_layer_filters(&w, image).unwrap();
        assert_eq!((units, strip.count, strip.shape), (3, 3, image));
        assert_eq!(&strip.pixels[..4], &[255, 0, 128, 191]);
        assert_eq!(&strip.pixels[4..8], &[128, 128, 128, 128], "an all-zero filter is grey");
        assert_eq!(&strip.pixels[8..], &[0, 128, 128, 128]);
    }

    #[test]
    fn conv_kernels_keep_their_shape_and_other_models_have_none() {
        let image = ImageShape { channels: 3, height: 32, width: 32 };
        let w = weights("features.0.weight", vec![2, 3, 3, 3], (0..54).map(|v| v as f32 - 27.0).collect());
        let (strip, units) = first_layer_filters(&w, image).unwrap();
        assert_eq!((units, strip.count, strip.shape), (2, 2, ImageShape { channels: 3, height: 3, width: 3 }));
        assert_eq!(first_layer_filters(&weights("weight", vec![1, 3072], vec![0.0; 3072]), image), None);
    }
}
