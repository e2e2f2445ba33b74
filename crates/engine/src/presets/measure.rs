//! Measurements of a trained model that the presets report: per-image reconstruction errors
//! and image galleries (reconstructions, paths, grids,
//! samples).

use burn::prelude::*;

use replab_core::presets::result::Gallery;
use replab_core::data::{ImageSet, bytes_from_unit};
use crate::explore::Explorer;
use replab_core::explore::{bilinear_grid, lerp_path};
use crate::model::Autoencoder;
use replab_core::protocol::ImageStrip;
use crate::train::{TrainError, read_floats};

/// Images per forward pass.
const CHUNK: usize = 500;

/// Mean squared reconstruction error of each image of `set`.
pub async fn reconstruction_errors(ae: &Autoencoder, set: &ImageSet) -> Result<Vec<f32>, TrainError> {
    let device = ae.devices()[0].clone();
    let shape = set.shape;
    let mut errors = Vec::with_capacity(set.len());
    for start in (0..set.len()).step_by(CHUNK) {
        let count = CHUNK.min(set.len() - start);
        let pixels = set.slice(start..start + count).unit_pixels();
        let images = Tensor::<4>::from_data(TensorData::new(pixels, [count, shape.channels, shape.height, shape.width]), &device);
        let per_image = (ae.forward(images.clone()) - images).square().flatten::<2>(1, 3).mean_dim(1).flatten::<1>(0, 1);
        errors.extend(read_floats(per_image).await?);
    }
    Ok(errors)
}

/// Mean and standard deviation of `errors` per class label `0..classes`.
pub fn per_class(errors: &[f32], labels: &[u8], classes: usize) -> Vec<(f64, f64)> {
    (0..classes)
        .map(|c| {
            let values: Vec<f64> = errors.iter().zip(labels).filter(|(_, l)| usize::from(**l) == c).map(|(e, _)| f64::from(*e)).collect();
            let n = values.len() as f64;
            let mean = values.iter().sum::<f64>() / n;
            let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0).max(1.0);
            (mean, var.sqrt())
        })
        .collect()
}

/// Test images `indices` and their reconstructions: one row of originals, one of
/// reconstructions.
pub async fn reconstructions(ae: &Autoencoder, set: &ImageSet, indices: &[usize], caption: String) -> Result<Gallery, TrainError> {
    let chosen = set.filtered(|i, _| indices.contains(&i));
    let device = ae.devices()[0].clone();
    let s = set.shape;
    let images = Tensor::<4>::from_data(TensorData::new(chosen.unit_pixels(), [chosen.len(), s.channels, s.height, s.width]), &device);
    let rebuilt = bytes_from_unit(&read_floats(ae.forward(images).flatten(0, 3)).await?);
    let mut pixels = chosen.pixels.clone();
    pixels.extend(rebuilt);
    Ok(Gallery { caption, columns: chosen.len(), images: ImageStrip { shape: s, count: 2 * chosen.len(), pixels } })
}

/// The first test image of each of `labels`, in that order (missing labels are skipped).
pub fn first_of(set: &ImageSet, labels: &[u8]) -> Vec<usize> {
    labels.iter().filter_map(|l| set.labels.iter().position(|x| x == l)).collect()
}

/// Decoded straight line between test images `a` and `b` (`steps` images).
pub async fn path_gallery(explorer: &Explorer, a: usize, b: usize, steps: usize, caption: String) -> Result<Gallery, TrainError> {
    let (Some(za), Some(zb)) = (explorer.test_code(a), explorer.test_code(b)) else {
        return Err(TrainError::Settings("no such test image".into()));
    };
    let images = explorer.decode(&lerp_path(&za, &zb, steps)).await?;
    Ok(Gallery { caption, columns: steps, images })
}

/// An `n × n` grid bilinear between the codes of four test images (top left, top right,
/// bottom left, bottom right).
pub async fn corner_grid(explorer: &Explorer, corners: [usize; 4], n: usize, caption: String) -> Result<Gallery, TrainError> {
    let codes: Option<Vec<Vec<f32>>> = corners.iter().map(|&i| explorer.test_code(i)).collect();
    let codes = codes.ok_or_else(|| TrainError::Settings("no such test image".into()))?;
    let images = explorer.decode(&bilinear_grid([&codes[0], &codes[1], &codes[2], &codes[3]], n, n)).await?;
    Ok(Gallery { caption, columns: n, images })
}

/// The first `count` pairs of test images with different labels, walking the test set in
/// order: (0, 1), (2, 3), …, skipping a pair whose two labels are equal (fewer when the set
/// runs out).
pub fn contrasting_pairs(set: &ImageSet, count: usize) -> Vec<(usize, usize)> {
    (0..set.len() / 2).map(|i| (2 * i, 2 * i + 1)).filter(|&(a, b)| set.labels[a] != set.labels[b]).take(count).collect()
}

/// The straight lines between the codes of each of `pairs`, each decoded at `frames` evenly
/// spaced points, one path after another.
pub async fn decoded_paths(explorer: &Explorer, pairs: &[(usize, usize)], frames: usize) -> Result<ImageStrip, TrainError> {
    let mut codes = Vec::with_capacity(pairs.len() * frames * explorer.latent());
    for &(a, b) in pairs {
        let (Some(za), Some(zb)) = (explorer.test_code(a), explorer.test_code(b)) else {
            return Err(TrainError::Settings("no such test image".into()));
        };
        codes.extend(lerp_path(&za, &zb, frames));
    }
    explorer.decode(&codes).await
}

/// Each path of `frames` images in `paths` (unit floats, one path after another) replaced by a
/// pixel cross-fade between its first and last frame: what a blend of the two ends looks like.
pub fn cross_fades(paths: &[f32], frame_len: usize, frames: usize) -> Vec<f32> {
    let mut faded = Vec::with_capacity(paths.len());
    for path in paths.chunks_exact(frame_len * frames) {
        let (first, last) = (&path[..frame_len], &path[path.len() - frame_len..]);
        for k in 0..frames {
            let t = k as f32 / (frames - 1).max(1) as f32;
            faded.extend(first.iter().zip(last).map(|(&a, &b)| (1.0 - t) * a + t * b));
        }
    }
    faded
}

/// `codes` (`n × latent`) decoded, eight to a row.
pub async fn decoded(explorer: &Explorer, codes: &[f32], caption: String) -> Result<Gallery, TrainError> {
    Ok(Gallery { caption, columns: 8, images: explorer.decode(codes).await? })
}
