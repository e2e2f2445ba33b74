//! A trained model's code space as the explorer's sliders and the latent map see it: its
//! principal and per-dimension directions, and the plane a 2-D view stands for.

use serde::{Deserialize, Serialize};

use crate::le_bytes;

/// A slider's direction through code space: the slider shows `vector · z`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Direction {
    pub label: String,
    #[serde(with = "le_bytes")]
    pub vector: Vec<f32>,
    /// 1st and 99th percentile of `vector · z` over the test codes.
    pub lo: f32,
    pub hi: f32,
}

/// A trained model's code space, summarised over the test set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LatentSpace {
    pub latent: usize,
    pub variational: bool,
    /// Principal directions of the test codes (up to 16), largest variance first.
    pub principal: Vec<Direction>,
    /// Share of the codes' variance along each principal direction.
    #[serde(with = "le_bytes")]
    pub explained: Vec<f32>,
    /// One direction per code dimension.
    pub dims: Vec<Direction>,
    /// The mean of the test codes.
    #[serde(default, with = "le_bytes")]
    pub mean: Vec<f32>,
}

/// Code units whose pictures [`LatentSpace::unit_codes`] asks for, at most.
pub const MAX_UNITS: usize = 64;

impl LatentSpace {
    /// What each code unit draws, as codes to decode: for each of the first [`MAX_UNITS`]
    /// units, the mean code with that unit at its 1st percentile over the test codes, then at its
    /// 99th (`2 × units` codes of `latent` values, row-major). Their decoded difference is the
    /// unit's picture ([`unit_pictures`]).
    pub fn unit_codes(&self) -> Vec<f32> {
        let mean = if self.mean.len() == self.latent { self.mean.clone() } else { vec![0.0; self.latent] };
        self.dims
            .iter()
            .take(MAX_UNITS)
            .enumerate()
            .flat_map(|(unit, d)| {
                [d.lo, d.hi].into_iter().flat_map({
                    let mean = mean.clone();
                    move |v| {
                        let mut code = mean.clone();
                        code[unit] = v;
                        code
                    }
                })
            })
            .collect()
    }
}

/// The pictures of the code units from the decodings of [`LatentSpace::unit_codes`] (pairs:
/// unit at its low value, at its high value): per unit, the decoded high minus the decoded low,
/// grey at no change, white where raising the unit adds ink, black where it takes ink away,
/// scaled to the unit's largest change (a unit that changes nothing is all grey).
pub fn unit_pictures(decoded: &crate::data::ImageStrip) -> crate::data::ImageStrip {
    let len = decoded.shape.len();
    let units = decoded.count / 2;
    let mut pixels = Vec::with_capacity(units * len);
    for unit in 0..units {
        let low = &decoded.pixels[2 * unit * len..(2 * unit + 1) * len];
        let high = &decoded.pixels[(2 * unit + 1) * len..(2 * unit + 2) * len];
        let change: Vec<f32> = high.iter().zip(low).map(|(&h, &l)| f32::from(h) - f32::from(l)).collect();
        let largest = change.iter().fold(0.0f32, |m, c| m.max(c.abs()));
        pixels.extend(change.iter().map(|c| if largest > 0.0 { (127.5 + 127.5 * c / largest).round() as u8 } else { 128 }));
    }
    crate::data::ImageStrip { shape: decoded.shape, count: units, pixels }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{ImageShape, ImageStrip};

    #[test]
    fn unit_codes_move_one_unit_from_the_mean_and_pictures_show_the_change() {
        let dims = (0..3)
            .map(|j| {
                let mut vector = vec![0.0; 3];
                vector[j] = 1.0;
                Direction { label: format!("z{j}"), vector, lo: -(j as f32) - 1.0, hi: j as f32 + 1.0 }
            })
            .collect();
        let space = LatentSpace { latent: 3, variational: false, principal: Vec::new(), explained: Vec::new(), dims, mean: vec![0.5, 0.25, 0.0] };
        let codes = space.unit_codes();
        assert_eq!(codes.len(), 2 * 3 * 3);
        assert_eq!(&codes[..6], &[-1.0, 0.25, 0.0, 1.0, 0.25, 0.0]);
        assert_eq!(&codes[12..], &[0.5, 0.25, -3.0, 0.5, 0.25, 3.0]);
        // Two units on 1×1×2 images: the first adds ink on pixel 0 and takes it from pixel 1;
        // the second changes nothing.
        let shape = ImageShape { channels: 1, height: 1, width: 2 };
        let decoded = ImageStrip { shape, count: 4, pixels: vec![10, 200, 110, 150, 7, 7, 7, 7] };
        let pictures = unit_pictures(&decoded);
        assert_eq!(pictures.count, 2);
        assert_eq!(pictures.pixels, vec![255, 64, 128, 128]);
    }
}

/// The codes a 2-D view's plane stands for: the point `(x, y)` is the code
/// `origin + x·x_axis + y·y_axis`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plane {
    #[serde(with = "le_bytes")]
    pub origin: Vec<f32>,
    #[serde(with = "le_bytes")]
    pub x_axis: Vec<f32>,
    #[serde(with = "le_bytes")]
    pub y_axis: Vec<f32>,
}

impl Plane {
    /// The code at `(x, y)`.
    pub fn code(&self, x: f32, y: f32) -> Vec<f32> {
        self.origin.iter().zip(&self.x_axis).zip(&self.y_axis).map(|((o, a), b)| o + x * a + y * b).collect()
    }
}
