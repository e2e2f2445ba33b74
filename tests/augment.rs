//! Tests of `replab_core::augment`.

mod common;

use std::time::Instant;

use replab_core::augment::colour::{brightness, contrast, greyscale, hsv_to_rgb, hue, rgb_to_hsv, saturation};
use replab_core::augment::{
    Affine, Augmentation, Border, ColourJitter, CropBox, flip_horizontal, resized_crop, warp,
};
use replab_core::data::ImageShape;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

fn random_images(shape: ImageShape, n: usize, seed: u64) -> Vec<f32> {
    let mut rng = StdRng::seed_from_u64(seed);
    (0..n * shape.len()).map(|_| rng.random::<f32>()).collect()
}

fn assert_unit(values: &[f32], what: &str) {
    for (i, &v) in values.iter().enumerate() {
        assert!(v.is_finite() && (0.0..=1.0).contains(&v), "{what}: value {i} is {v}");
    }
}

fn max_diff(a: &[f32], b: &[f32]) -> f32 {
    assert_eq!(a.len(), b.len());
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).fold(0.0, f32::max)
}

#[test]
fn shapes_and_ranges_over_many_draws() {
    for shape in [ImageShape::CIFAR, ImageShape::MNIST] {
        let aug = Augmentation::for_images(shape);
        let mut rng = StdRng::seed_from_u64(1);
        let mut images = random_images(shape, 20, 2);
        images.extend(vec![0.0; shape.len()]); // black
        images.extend(vec![1.0; shape.len()]); // white
        for image in images.chunks_exact(shape.len()) {
            for _ in 0..25 {
                let view = aug.apply(image, &mut rng);
                assert_eq!(view.len(), shape.len());
                assert_unit(&view, "view");
            }
        }
        let (a, b) = aug.pairs(&images, &mut rng);
        assert_eq!((a.len(), b.len()), (images.len(), images.len()));
        assert_unit(&a, "views a");
        assert_unit(&b, "views b");
        assert_ne!(a, b, "the two views of a pair must differ");
    }
}

#[test]
fn policies_are_picked_by_channels() {
    let colour = Augmentation::for_images(ImageShape::CIFAR);
    assert!(colour.crop.is_some() && colour.jitter.is_some() && colour.affine.is_none());
    assert_eq!((colour.flip, colour.jitter_probability, colour.greyscale), (0.5, 0.8, 0.2));
    let grey = Augmentation::for_images(ImageShape::MNIST);
    assert!(grey.affine.is_some() && grey.crop.is_none() && grey.jitter.is_none());
    assert_eq!(grey.flip, 0.0, "digits must not be mirrored");
}

#[test]
fn same_seed_same_views_different_seed_different_views() {
    for shape in [ImageShape::CIFAR, ImageShape::MNIST] {
        let aug = Augmentation::for_images(shape);
        let images = random_images(shape, 8, 3);
        let run = |seed| aug.pairs(&images, &mut StdRng::seed_from_u64(seed));
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
        let (mut a, mut b) = (vec![0.0; images.len()], vec![0.0; images.len()]);
        aug.pairs_into(&images, &mut StdRng::seed_from_u64(7), &mut a, &mut b);
        assert_eq!((a, b), run(7), "pairs_into draws as pairs does");
    }
}

#[test]
fn identity_parameters_return_the_input() {
    for shape in [ImageShape::CIFAR, ImageShape::MNIST, ImageShape { channels: 2, height: 5, width: 7 }] {
        let g = shape;
        let image = random_images(shape, 1, 4);
        let mut rng = StdRng::seed_from_u64(5);
        assert_eq!(Augmentation::none(g).apply(&image, &mut rng), image);
        assert!(max_diff(&warp(&image, g, &Affine::identity(), Border::Constant(0.0)), &image) <= 1e-6);
        assert!(max_diff(&warp(&image, g, &Affine::identity(), Border::Clamp), &image) <= 1e-6);
        let same = Affine::similarity(0.0, 1.0, 0.0, 0.0, g.height, g.width);
        assert!(max_diff(&warp(&image, g, &same, Border::Constant(0.0)), &image) <= 1e-6);
        assert!(max_diff(&resized_crop(&image, g, CropBox::whole(g.height, g.width)), &image) <= 1e-6);
    }
    // The colour policy with every probability and strength off.
    let g = ImageShape::CIFAR;
    let image = random_images(ImageShape::CIFAR, 1, 6);
    let mut off = Augmentation::colour(g);
    off.crop.as_mut().unwrap().scale = (1.0, 1.0);
    off.crop.as_mut().unwrap().ratio = (1.0, 1.0);
    off.flip = 0.0;
    off.jitter_probability = 1.0;
    off.jitter = Some(ColourJitter { brightness: 0.0, contrast: 0.0, saturation: 0.0, hue: 0.0 });
    off.greyscale = 0.0;
    assert!(max_diff(&off.apply(&image, &mut StdRng::seed_from_u64(9)), &image) <= 1e-6);
}

#[test]
fn horizontal_flip_by_hand() {
    // 2 rows × 3 columns, one channel.
    let mut image = vec![0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
    flip_horizontal(&mut image, 3);
    assert_eq!(image, vec![0.3, 0.2, 0.1, 0.6, 0.5, 0.4]);
    flip_horizontal(&mut image, 3);
    assert_eq!(image, vec![0.1, 0.2, 0.3, 0.4, 0.5, 0.6]);
    // Three channels: each plane's rows mirrored, planes stay put.
    let original = random_images(ImageShape::CIFAR, 1, 10);
    let mut flipped = original.clone();
    flip_horizontal(&mut flipped, 32);
    assert_eq!(flipped[2 * 1024 + 5 * 32], original[2 * 1024 + 5 * 32 + 31]);
    assert_ne!(flipped, original);
    flip_horizontal(&mut flipped, 32);
    assert_eq!(flipped, original);
}

#[test]
fn quarter_turns_by_hand() {
    let g = ImageShape::new(1, 3, 3);
    let image: Vec<f32> = (1..=9).map(|v| v as f32 / 10.0).collect(); // rows 1 2 3 / 4 5 6 / 7 8 9
    let tenths = |v: &[u32]| v.iter().map(|&v| v as f32 / 10.0).collect::<Vec<_>>();
    // Counter-clockwise: the right column becomes the top row.
    let ccw = warp(&image, g, &Affine::rotation(90.0, 3, 3), Border::Constant(0.0));
    assert!(max_diff(&ccw, &tenths(&[3, 6, 9, 2, 5, 8, 1, 4, 7])) <= 1e-6, "{ccw:?}");
    let cw = warp(&image, g, &Affine::rotation(-90.0, 3, 3), Border::Constant(0.0));
    assert!(max_diff(&cw, &tenths(&[7, 4, 1, 8, 5, 2, 9, 6, 3])) <= 1e-6, "{cw:?}");
    let half = warp(&image, g, &Affine::rotation(180.0, 3, 3), Border::Constant(0.0));
    assert!(max_diff(&half, &tenths(&[9, 8, 7, 6, 5, 4, 3, 2, 1])) <= 1e-6, "{half:?}");
    // Even-sided: a 2×2 turns about its centre too.
    let square =
        warp(&[0.1, 0.2, 0.3, 0.4], ImageShape::new(1, 2, 2), &Affine::rotation(90.0, 2, 2), Border::Constant(0.0));
    assert!(max_diff(&square, &[0.2, 0.4, 0.1, 0.3]) <= 1e-6, "{square:?}");
}

#[test]
fn integer_shift_moves_a_bright_pixel_exactly() {
    let g = ImageShape::new(1, 7, 6);
    let mut image = vec![0.0; g.len()];
    image[2 * 6 + 1] = 1.0; // (x 1, y 2)
    for (dx, dy) in [(2, 3), (-1, 0), (0, -2), (4, 4)] {
        for map in [Affine::translation(dx as f32, dy as f32), Affine::similarity(0.0, 1.0, dx as f32, dy as f32, 7, 6)]
        {
            let moved = warp(&image, g, &map, Border::Constant(0.0));
            let mut expected = vec![0.0; g.len()];
            expected[((2 + dy) * 6 + 1 + dx) as usize] = 1.0;
            assert!(max_diff(&moved, &expected) <= 1e-6, "shift ({dx}, {dy}): {moved:?}");
        }
    }
    // Shifted off the canvas: all black fill.
    let gone = warp(&image, g, &Affine::translation(10.0, 0.0), Border::Constant(0.0));
    assert!(gone.iter().all(|&v| v == 0.0));
}

#[test]
fn greyscale_uses_601_weights_and_equals_zero_saturation() {
    // Two pixels, planar: R = [0.2, 1.0], G = [0.4, 0.0], B = [0.6, 0.0].
    let mut image = vec![0.2, 1.0, 0.4, 0.0, 0.6, 0.0];
    greyscale(&mut image);
    let first = 0.299 * 0.2 + 0.587 * 0.4 + 0.114 * 0.6;
    for (c, plane) in image.chunks_exact(2).enumerate() {
        assert!((plane[0] - first).abs() <= 1e-6, "channel {c}: {}", plane[0]);
        assert!((plane[1] - 0.299).abs() <= 1e-6, "channel {c}: {}", plane[1]);
    }
    let original = random_images(ImageShape::CIFAR, 1, 11);
    let (mut grey, mut desaturated) = (original.clone(), original.clone());
    greyscale(&mut grey);
    saturation(&mut desaturated, 0.0);
    assert!(max_diff(&grey, &desaturated) <= 1e-6);
    assert!(max_diff(&grey[..1024], &grey[1024..2048]) == 0.0 && max_diff(&grey[..1024], &grey[2048..]) == 0.0);
}

#[test]
fn neutral_colour_factors_are_identities() {
    let original = random_images(ImageShape::CIFAR, 1, 12);
    let adjusted = |f: &dyn Fn(&mut [f32])| {
        let mut image = original.clone();
        f(&mut image);
        image
    };
    assert!(max_diff(&adjusted(&|i| brightness(i, 1.0)), &original) <= 1e-6);
    assert!(max_diff(&adjusted(&|i| contrast(i, 1.0)), &original) <= 1e-6);
    assert!(max_diff(&adjusted(&|i| saturation(i, 1.0)), &original) <= 1e-6);
    assert!(max_diff(&adjusted(&|i| hue(i, 0.0)), &original) <= 1e-6);
    assert!(max_diff(&adjusted(&|i| hue(i, 1.0)), &original) <= 1e-5, "a full turn of hue");
    // And non-neutral ones do something, by hand: red shifted by a third of a turn is green.
    let mut red = vec![1.0, 0.0, 0.0];
    hue(&mut red, 1.0 / 3.0);
    assert!(max_diff(&red, &[0.0, 1.0, 0.0]) <= 1e-6, "{red:?}");
    let mut dim = vec![0.5, 0.8, 1.0];
    brightness(&mut dim, 0.5);
    assert_eq!(dim, vec![0.25, 0.4, 0.5]);
    // Contrast 0: every value becomes the mean luma.
    let mut flat = original.clone();
    contrast(&mut flat, 0.0);
    let mean =
        (0..1024).map(|i| 0.299 * original[i] + 0.587 * original[1024 + i] + 0.114 * original[2048 + i]).sum::<f32>()
            / 1024.0;
    assert!(flat.iter().all(|&v| (v - mean).abs() <= 1e-5));
}

#[test]
fn hsv_conversions_by_hand_and_round_trip() {
    let close = |a: (f32, f32, f32), b: (f32, f32, f32)| {
        (a.0 - b.0).abs().max((a.1 - b.1).abs()).max((a.2 - b.2).abs()) <= 1e-6
    };
    // (hue in turns, saturation, value) → RGB, by the HSV hexagon.
    for (hsv, rgb) in [
        ((0.0, 1.0, 1.0), (1.0, 0.0, 0.0)),
        ((1.0 / 12.0, 1.0, 1.0), (1.0, 0.5, 0.0)),
        ((0.5, 1.0, 1.0), (0.0, 1.0, 1.0)),
        ((2.0 / 3.0, 0.5, 0.8), (0.4, 0.4, 0.8)),
        ((0.25, 0.0, 0.3), (0.3, 0.3, 0.3)),
    ] {
        assert!(close(hsv_to_rgb(hsv.0, hsv.1, hsv.2), rgb), "hsv {hsv:?}");
        if hsv.1 > 0.0 {
            assert!(close(rgb_to_hsv(rgb.0, rgb.1, rgb.2), hsv), "rgb {rgb:?}");
        }
    }
    let mut rng = StdRng::seed_from_u64(16);
    for _ in 0..10_000 {
        let rgb = (rng.random::<f32>(), rng.random::<f32>(), rng.random::<f32>());
        let (h, s, v) = rgb_to_hsv(rgb.0, rgb.1, rgb.2);
        assert!((0.0..1.0).contains(&h) && (0.0..=1.0).contains(&s) && v == rgb.0.max(rgb.1).max(rgb.2));
        assert!(close(hsv_to_rgb(h, s, v), rgb), "round trip of {rgb:?}");
    }
}

#[test]
fn jitter_of_pure_red_stays_in_range() {
    let mut red = vec![0.0f32; 3 * 16];
    red[..16].fill(1.0);
    let jitter = ColourJitter::SIMCLR_CIFAR;
    let mut strong = jitter;
    (strong.brightness, strong.contrast, strong.saturation, strong.hue) = (2.0, 2.0, 2.0, 0.5);
    let mut rng = StdRng::seed_from_u64(13);
    let mut changed = 0;
    for j in [jitter, strong] {
        for _ in 0..500 {
            let mut image = red.clone();
            j.sample(&mut rng).apply(&mut image);
            assert_unit(&image, "jittered red");
            changed += (image != red) as usize;
        }
    }
    assert!(changed > 900, "jitter changed only {changed} of 1000 images");
    let aug = Augmentation::colour(ImageShape::new(3, 4, 4));
    for _ in 0..500 {
        assert_unit(&aug.apply(&red, &mut rng), "augmented red");
    }
}

#[test]
fn cifar_batch_of_256_real_images() {
    let bytes = common::gunzip(&common::read("data/cifar10/test-1k.bin.gz"));
    assert_eq!(bytes.len() % 3073, 0);
    let images: Vec<f32> =
        bytes.chunks_exact(3073).take(256).flat_map(|r| r[1..].iter().map(|&b| b as f32 / 255.0)).collect();
    assert_eq!(images.len(), 256 * 3072);
    let aug = Augmentation::for_images(ImageShape::CIFAR);
    let mut rng = StdRng::seed_from_u64(14);
    aug.pairs(&images, &mut rng); // warm up
    let rounds = 10;
    let start = Instant::now();
    let mut views = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        views = aug.pairs(&images, &mut rng);
    }
    let fresh = start.elapsed().as_secs_f64() * 1e3 / rounds as f64;
    let (mut a, mut b) = (vec![0.0; images.len()], vec![0.0; images.len()]);
    let start = Instant::now();
    for _ in 0..rounds {
        aug.pairs_into(&images, &mut rng, &mut a, &mut b);
    }
    let reused = start.elapsed().as_secs_f64() * 1e3 / rounds as f64;
    println!(
        "CIFAR: two views of 256 images (32×32×3): {fresh:.2} ms per batch (pairs), {reused:.2} ms (pairs_into, reused buffers)"
    );
    assert_unit(&a, "CIFAR pairs_into a");
    assert_unit(&b, "CIFAR pairs_into b");
    assert_unit(&views.0, "CIFAR views a");
    assert_unit(&views.1, "CIFAR views b");
    assert_eq!(views.0.len(), images.len());
    // Views differ from the source and from each other, but stay close to it on average.
    let mean_abs = |a: &[f32], b: &[f32]| a.iter().zip(b).map(|(x, y)| (x - y).abs()).sum::<f32>() / a.len() as f32;
    let (da, dab) = (mean_abs(&views.0, &images), mean_abs(&views.0, &views.1));
    println!("CIFAR: mean |view − image| = {da:.3}, mean |view a − view b| = {dab:.3}");
    assert!(da > 0.01 && dab > 0.01 && da < 0.5);
}

#[test]
fn mnist_digits_keep_their_ink() {
    let bytes = common::gunzip(&common::read("data/mnist/t10k-images-idx3-ubyte.gz"));
    assert_eq!(&bytes[..4], &[0, 0, 8, 3]);
    let digits: Vec<Vec<f32>> =
        bytes[16..].chunks_exact(784).take(500).map(|d| d.iter().map(|&b| b as f32 / 255.0).collect()).collect();
    let aug = Augmentation::for_images(ImageShape::MNIST);
    let mut rng = StdRng::seed_from_u64(15);
    let (mut worst, mut changed) = (1.0f32, 0);
    let start = Instant::now();
    for digit in &digits {
        let ink: f32 = digit.iter().sum();
        for _ in 0..4 {
            let view = aug.apply(digit, &mut rng);
            assert_unit(&view, "MNIST view");
            let ratio = view.iter().sum::<f32>() / ink;
            assert!((0.65..=1.35).contains(&ratio), "ink ratio {ratio}");
            worst = if (ratio - 1.0).abs() > (worst - 1.0).abs() { ratio } else { worst };
            changed += (view != *digit) as usize;
        }
    }
    println!("MNIST: 2000 views in {:.2} ms; worst ink ratio {worst:.3}", start.elapsed().as_secs_f64() * 1e3);
    assert_eq!(changed, 2000);
}
