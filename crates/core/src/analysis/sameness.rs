//! Whether a model's answers stopped depending on its input: a collapsed autoencoder draws
//! about the same picture for every test image (a learning rate far too high, or a VAE whose KL
//! term won over the reconstruction), read off the strips the page already shows each epoch (the
//! first test images and their reconstructions); a classifier at chance gives about the same
//! class whatever it is shown, read off its test accuracy.

use crate::data::ImageStrip;
use crate::settings::{Hyperparams, OptimizerKind};

/// Below this share of their inputs' spread, a strip of reconstructions is "one picture".
/// A healthy autoencoder's reconstructions keep well over half their inputs' spread after its
/// first epoch (`tests/training.rs` prints it), a collapsed one's almost none.
pub const COLLAPSED_BELOW: f32 = 0.1;

/// The mean root-mean-square difference between two images of `strip`, over every pair, with
/// pixels in [0, 1]. `None` for fewer than two images.
pub fn spread(strip: &ImageStrip) -> Option<f32> {
    spread_of_first(strip, strip.count)
}

/// [`spread`] over the strip's first `count` images.
fn spread_of_first(strip: &ImageStrip, count: usize) -> Option<f32> {
    let len = strip.shape.len();
    if count < 2 || len == 0 || strip.pixels.len() < count * len {
        return None;
    }
    let image = |i: usize| &strip.pixels[i * len..(i + 1) * len];
    let (mut sum, mut pairs) = (0.0f64, 0usize);
    for a in 0..count {
        for b in a + 1..count {
            let squares: u64 = image(a).iter().zip(image(b)).map(|(&x, &y)| u64::from(x.abs_diff(y)).pow(2)).sum();
            sum += (squares as f64 / len as f64).sqrt() / 255.0;
            pairs += 1;
        }
    }
    Some((sum / pairs as f64) as f32)
}

/// How much the reconstructions differ from one another, as a share of how much their inputs do:
/// 1 as much, 0 one picture for all. `None` when there is nothing to compare (fewer than two
/// images, strips of different images, or inputs that are all the same).
pub fn reconstruction_spread_share(originals: &ImageStrip, reconstructions: &ImageStrip) -> Option<f32> {
    let count = originals.count.min(reconstructions.count);
    if originals.shape != reconstructions.shape || count < 2 {
        return None;
    }
    let inputs = spread_of_first(originals, count)?;
    (inputs > 1e-3).then_some(())?;
    Some(spread_of_first(reconstructions, count)? / inputs)
}

/// Whether the reconstructions are, for teaching purposes, one picture.
pub fn looks_collapsed(originals: &ImageStrip, reconstructions: &ImageStrip) -> bool {
    reconstruction_spread_share(originals, reconstructions).is_some_and(|share| share < COLLAPSED_BELOW)
}

/// The learning rates an optimiser is usually given on these networks: Adam's steps are about the
/// rate in size whatever the gradient, so its range sits far below plain SGD's.
pub fn usual_learning_rates(optimizer: OptimizerKind) -> (f64, f64) {
    match optimizer {
        OptimizerKind::Adam => (1e-4, 1e-2),
        OptimizerKind::Sgd => (1e-3, 0.5),
    }
}

/// What the page says under reconstructions that look like one picture (`share`: their spread
/// as a share of their inputs', [`reconstruction_spread_share`]) after `epoch` epochs of a run
/// with `hp`: what is seen, then the likeliest reason for these settings. `None` when they do
/// not look like one picture, or before the first epoch (an untrained decoder draws about one
/// picture; that is where every run starts).
pub fn one_picture_note(share: f32, hp: &Hyperparams, epoch: usize) -> Option<String> {
    if epoch == 0 || share.is_nan() || share >= COLLAPSED_BELOW {
        return None;
    }
    let seen = format!(
        "These reconstructions barely differ from one another (their spread is {:.0}% of their inputs'): the network draws about the same picture whatever it is shown.",
        share * 100.0
    );
    let why = if let Some(why) = rate_too_high(hp) {
        why
    } else if hp.model.is_variational() && hp.beta > 1.0 {
        format!(
            "With β = {}, the KL term can win over the reconstruction: the codes stop carrying anything about the image (posterior collapse). Try a smaller β.",
            hp.beta
        )
    } else {
        "Early in training, or with a narrow network, that is normal: the average picture is the best guess until the codes carry what tells images apart. Train longer or widen the network; if it stays, lower the learning rate.".to_string()
    };
    Some(format!("{seen} {why}"))
}

/// The reason to give when `hp`'s learning rate is above its optimiser's usual range.
fn rate_too_high(hp: &Hyperparams) -> Option<String> {
    let (low, high) = usual_learning_rates(hp.optimizer);
    let optimizer = match hp.optimizer {
        OptimizerKind::Adam => "Adam",
        OptimizerKind::Sgd => "SGD",
    };
    (hp.lr > high).then(|| {
        format!(
            "Its learning rate, {}, is far above {optimizer}'s usual {low}–{high}: steps that large throw the weights to where every output saturates, and training rarely finds its way back. Try {}.",
            hp.lr,
            if hp.optimizer == OptimizerKind::Adam { 0.001 } else { 0.05 }
        )
    })
}

/// A test accuracy this close above chance (`1 / classes`) is "at chance": a classifier that
/// answers one class for everything scores about chance on balanced data, a little above on the
/// shipped subsets, whose classes are not quite even.
pub const CHANCE_MARGIN: f32 = 0.05;

/// What the page says of a classifier whose test accuracy after `epoch` epochs of a run with
/// `hp` is about chance for `classes` classes: what is seen, then the likeliest reason. `None`
/// above chance, or before the first epoch (an untrained classifier is at chance).
pub fn chance_note(accuracy: f32, classes: usize, hp: &Hyperparams, epoch: usize) -> Option<String> {
    let chance = 1.0 / classes.max(2) as f32;
    if epoch == 0 || accuracy.is_nan() || accuracy >= chance + CHANCE_MARGIN {
        return None;
    }
    let seen = format!(
        "A test accuracy of {:.1}% is about chance for {classes} classes ({:.0}%): the classifier gives about the same answer whatever it is shown (its loss stayed finite, so nothing stopped the run).",
        accuracy * 100.0,
        chance * 100.0
    );
    let why = rate_too_high(hp).unwrap_or_else(|| {
        "Early in training that can happen; train longer, and if it stays, lower the learning rate.".to_string()
    });
    Some(format!("{seen} {why}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::ImageShape;

    /// Sixteen MNIST-sized pictures, each a bar at its own place (as different as digits are).
    fn bars() -> ImageStrip {
        let shape = ImageShape::MNIST;
        let mut pixels = vec![0u8; 16 * shape.len()];
        for i in 0..16 {
            for row in 0..28 {
                for col in i..i + 6 {
                    pixels[i * shape.len() + row * 28 + col] = 255;
                }
            }
        }
        ImageStrip { shape, count: 16, pixels }
    }

    #[test]
    fn one_picture_for_every_input_is_collapsed_and_a_faithful_copy_is_not() {
        let inputs = bars();
        assert_eq!(reconstruction_spread_share(&inputs, &inputs), Some(1.0));
        assert!(!looks_collapsed(&inputs, &inputs));
        // Every reconstruction the mean picture: no spread at all.
        let len = inputs.shape.len();
        let mean: Vec<u8> = (0..len).map(|p| ((0..16).map(|i| u32::from(inputs.pixels[i * len + p])).sum::<u32>() / 16) as u8).collect();
        let same = ImageStrip { pixels: mean.repeat(16), ..inputs.clone() };
        assert_eq!(reconstruction_spread_share(&inputs, &same), Some(0.0));
        assert!(looks_collapsed(&inputs, &same));
        // Blurred halfway to the mean: half the spread, not collapsed.
        let halfway: Vec<u8> = inputs.pixels.iter().enumerate().map(|(j, &x)| ((u16::from(x) + u16::from(mean[j % len])) / 2) as u8).collect();
        let share = reconstruction_spread_share(&inputs, &ImageStrip { pixels: halfway, ..inputs.clone() }).unwrap();
        assert!((share - 0.5).abs() < 0.01, "{share}");
    }

    #[test]
    fn the_note_names_the_likeliest_reason_for_the_settings() {
        let wild = Hyperparams { lr: 10.0, ..Hyperparams::default() };
        let note = one_picture_note(0.0, &wild, 1).unwrap();
        assert!(note.contains("spread is 0%") && note.contains("Its learning rate, 10, is far above Adam's usual 0.0001–0.01"), "{note}");
        let usual = Hyperparams::default();
        assert!(one_picture_note(0.05, &usual, 1).unwrap().contains("Early in training"));
        assert_eq!(one_picture_note(0.05, &usual, 0), None, "every run starts from one picture");
        assert_eq!(one_picture_note(0.5, &wild, 3), None, "reconstructions that differ get no note");
        assert_eq!(one_picture_note(f32::NAN, &wild, 3), None);
        let vae = Hyperparams { model: crate::settings::ModelKind::MlpVae, beta: 4.0, ..Hyperparams::default() };
        assert!(one_picture_note(0.02, &vae, 2).unwrap().contains("β = 4"));
    }

    #[test]
    fn a_classifier_at_chance_is_named_with_its_likeliest_reason() {
        let wild = Hyperparams { model: crate::settings::ModelKind::MlpClassifier, lr: 10.0, ..Hyperparams::default() };
        // Measured in tests/training.rs: Adam at lr 10 ends its epochs at 10.4% and 11.1%.
        let note = chance_note(0.104, 10, &wild, 1).unwrap();
        assert!(note.contains("10.4% is about chance for 10 classes (10%)") && note.contains("far above Adam's usual"), "{note}");
        assert_eq!(chance_note(0.104, 10, &wild, 0), None, "every classifier starts at chance");
        assert_eq!(chance_note(0.6, 10, &wild, 2), None, "a classifier that learned gets no note");
        assert_eq!(chance_note(f32::NAN, 10, &wild, 2), None);
        let usual = Hyperparams { model: crate::settings::ModelKind::Cnn, ..Hyperparams::default() };
        assert!(chance_note(0.12, 10, &usual, 1).unwrap().contains("Early in training"));
        // Two classes: chance is a half.
        assert!(chance_note(0.52, 2, &usual, 3).unwrap().contains("about chance for 2 classes (50%)"));
        assert_eq!(chance_note(0.7, 2, &usual, 3), None);
    }

    #[test]
    fn nothing_to_compare_says_nothing() {
        let inputs = bars();
        let one = ImageStrip { count: 1, pixels: inputs.pixels[..784].to_vec(), ..inputs.clone() };
        assert_eq!(reconstruction_spread_share(&one, &one), None);
        let blank = ImageStrip { pixels: vec![0; inputs.pixels.len()], ..inputs.clone() };
        assert_eq!(reconstruction_spread_share(&blank, &inputs), None, "inputs all alike");
        let cifar = ImageStrip { shape: ImageShape::CIFAR, count: 2, pixels: vec![0; 2 * ImageShape::CIFAR.len()] };
        assert_eq!(reconstruction_spread_share(&inputs, &cifar), None, "different shapes");
    }
}
