//! A photo of a handwritten digit (dark ink on light paper, or light chalk on a dark board) →
//! the ink a drawing pad would hold, so that [`super::mnist_from_ink`] crops, scales and centres
//! it like MNIST. Uneven light is taken out by comparing each pixel with the paper around it
//! (the brightest level within a window a quarter of the picture wide), not with one global
//! level.

/// The ink of `rgba` (`width × height` pixels, 4 bytes each, row-major): one value per pixel in
/// `[0, 1]`, 1 where the pen wrote. Paper and ink are told apart by the picture's median
/// brightness (light paper: ink is darker than its surroundings; a dark board: lighter). A
/// pixel counts as ink once it stands out from its surroundings by more than a third of the
/// strongest contrast in the picture (its 99th percentile), rising to full ink at three
/// quarters of it, so paper grain and sensor noise stay blank and a stroke is solid; lone
/// inked pixels (fewer than two inked neighbours) are dropped as specks, and strokes thinner
/// than MNIST's are widened (see `with_mnist_stroke`). All zeros for a blank picture.
///
/// Panics if `rgba.len() != 4 * width * height`.
pub fn ink_from_photo(rgba: &[u8], width: usize, height: usize) -> Vec<f32> {
    assert_eq!(rgba.len(), 4 * width * height, "ink_from_photo: rgba is not width × height × 4");
    let n = width * height;
    if n == 0 {
        return Vec::new();
    }
    let light: Vec<f32> = rgba
        .chunks_exact(4)
        .map(|p| (0.299 * f32::from(p[0]) + 0.587 * f32::from(p[1]) + 0.114 * f32::from(p[2])) / 255.0)
        .collect();
    let mut sorted = light.clone();
    sorted.sort_by(f32::total_cmp);
    let paper_is_light = sorted[n / 2] >= 0.5;

    // Paper is the brightest thing around (the darkest, on a board): the background at each
    // pixel is the extreme of the lightly smoothed picture over a window a quarter of it wide,
    // wider than any stroke.
    let smooth = box_mean(&light, width, height, 1);
    let sign = if paper_is_light { 1.0 } else { -1.0 };
    let signed: Vec<f32> = smooth.iter().map(|&l| sign * l).collect();
    let background = window_max(&signed, width, height, (width.max(height) / 8).max(2));
    let contrast: Vec<f32> = background.iter().zip(&signed).map(|(&b, &l)| (b - l).max(0.0)).collect();
    let mut strongest = contrast.clone();
    strongest.sort_by(f32::total_cmp);
    let full = strongest[((n - 1) as f64 * 0.99) as usize];
    if full.is_nan() || full <= 0.02 {
        return vec![0.0; n];
    }
    let (threshold, solid) = (full / 3.0, 0.75 * full);
    let ink: Vec<f32> = contrast.iter().map(|&c| ((c - threshold) / (solid - threshold)).clamp(0.0, 1.0)).collect();

    // Drop specks: inked pixels with fewer than two inked neighbours.
    let inked = |x: usize, y: usize| ink[y * width + x] > 0.0;
    let ink: Vec<f32> = (0..n)
        .map(|i| {
            let (x, y) = (i % width, i / width);
            if ink[i] == 0.0 {
                return 0.0;
            }
            let neighbours = (y.saturating_sub(1)..(y + 2).min(height))
                .flat_map(|v| (x.saturating_sub(1)..(x + 2).min(width)).map(move |u| (u, v)))
                .filter(|&(u, v)| (u, v) != (x, y) && inked(u, v))
                .count();
            if neighbours >= 2 { ink[i] } else { 0.0 }
        })
        .collect();
    with_mnist_stroke(ink, width, height)
}

/// MNIST's strokes are about an eighth of the digit's height wide; a pen's on paper are much
/// thinner (a ballpoint's, a thirtieth), and a model trained on MNIST reads a hairline digit
/// badly. When the strokes are thinner than that, they are widened (each pixel takes the
/// strongest ink within a radius) to about an eighth of the ink's longer side. The stroke
/// width is estimated as twice the inked area over its boundary.
fn with_mnist_stroke(ink: Vec<f32>, width: usize, height: usize) -> Vec<f32> {
    let inked = |x: usize, y: usize| ink[y * width + x] > 0.5;
    let (mut area, mut boundary) = (0usize, 0usize);
    let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
    for y in 0..height {
        for x in 0..width {
            if !inked(x, y) {
                continue;
            }
            area += 1;
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            let edge = x == 0 || y == 0 || x + 1 == width || y + 1 == height || !inked(x - 1, y) || !inked(x + 1, y) || !inked(x, y - 1) || !inked(x, y + 1);
            boundary += usize::from(edge);
        }
    }
    if area == 0 || boundary == 0 {
        return ink;
    }
    let stroke = 2.0 * area as f64 / boundary as f64;
    let wanted = (x1 - x0 + 1).max(y1 - y0 + 1) as f64 / 8.0;
    let radius = ((wanted - stroke) / 2.0).round();
    if radius < 1.0 {
        return ink;
    }
    window_max(&ink, width, height, radius as usize)
}

/// The largest of `values` (`width × height`) over the `(2·radius + 1)²` window around each
/// pixel (clipped at the edges): rows, then columns, O(width · height · radius).
fn window_max(values: &[f32], width: usize, height: usize, radius: usize) -> Vec<f32> {
    let mut rows = vec![f32::MIN; values.len()];
    for y in 0..height {
        let row = &values[y * width..(y + 1) * width];
        for x in 0..width {
            let window = &row[x.saturating_sub(radius)..(x + radius + 1).min(width)];
            rows[y * width + x] = window.iter().copied().fold(f32::MIN, f32::max);
        }
    }
    let mut out = vec![f32::MIN; values.len()];
    for x in 0..width {
        for y in 0..height {
            let (y0, y1) = (y.saturating_sub(radius), (y + radius + 1).min(height));
            out[y * width + x] = (y0..y1).map(|v| rows[v * width + x]).fold(f32::MIN, f32::max);
        }
    }
    out
}

/// The mean of `values` (`width × height`) over the `(2·radius + 1)²` window around each pixel
/// (clipped at the edges), by a summed-area table: O(width · height).
fn box_mean(values: &[f32], width: usize, height: usize, radius: usize) -> Vec<f32> {
    let stride = width + 1;
    let mut table = vec![0.0f64; stride * (height + 1)];
    for y in 0..height {
        let mut row = 0.0f64;
        for x in 0..width {
            row += f64::from(values[y * width + x]);
            table[(y + 1) * stride + x + 1] = table[y * stride + x + 1] + row;
        }
    }
    let mut out = Vec::with_capacity(width * height);
    for y in 0..height {
        let (y0, y1) = (y.saturating_sub(radius), (y + radius + 1).min(height));
        for x in 0..width {
            let (x0, x1) = (x.saturating_sub(radius), (x + radius + 1).min(width));
            let sum = table[y1 * stride + x1] - table[y0 * stride + x1] - table[y1 * stride + x0] + table[y0 * stride + x0];
            out.push((sum / ((y1 - y0) * (x1 - x0)) as f64) as f32);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explore::mnist_from_ink;

    /// A 140 × 140 photo: an "L" of dark ink on light paper that darkens from left to right,
    /// with speckled noise.
    fn photo(dark_board: bool) -> Vec<u8> {
        pen_photo(dark_board, 12)
    }

    /// The same "L" written with a pen `pen` pixels wide.
    fn pen_photo(dark_board: bool, pen: usize) -> Vec<u8> {
        let (w, h) = (140, 140);
        let mut seed = 7u32;
        let mut out = Vec::with_capacity(w * h * 4);
        for y in 0..h {
            for x in 0..w {
                seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                let noise = ((seed >> 24) as f32 / 255.0 - 0.5) * 0.12;
                let paper = 0.92 - 0.25 * x as f32 / w as f32;
                let on_stroke = (40..40 + pen).contains(&x) && (30..110).contains(&y) || (40..100).contains(&x) && (110 - pen..110).contains(&y);
                let mut l = if on_stroke { 0.12 } else { paper } + noise;
                if dark_board {
                    l = 1.0 - l;
                }
                let v = (l.clamp(0.0, 1.0) * 255.0) as u8;
                out.extend_from_slice(&[v, v, v, 255]);
            }
        }
        out
    }

    #[test]
    fn a_photo_gives_the_ink_of_its_strokes_only() {
        for dark_board in [false, true] {
            let ink = ink_from_photo(&photo(dark_board), 140, 140);
            let at = |x: usize, y: usize| ink[y * 140 + x];
            assert!(at(45, 60) > 0.9 && at(80, 104) > 0.9, "strokes inked (dark board: {dark_board})");
            let stray = ink.iter().enumerate().filter(|&(i, &v)| {
                let (x, y) = (i % 140, i / 140);
                let near = (36..56).contains(&x) && (26..114).contains(&y) || (36..104).contains(&x) && (94..114).contains(&y);
                v > 0.0 && !near
            });
            assert_eq!(stray.count(), 0, "no paper inked (dark board: {dark_board})");
            let digit = mnist_from_ink(&ink, 140, 140).expect("something is inked");
            assert_eq!(digit.len(), 784);
        }
        assert!(ink_from_photo(&[200, 200, 200, 255].repeat(100), 10, 10).iter().all(|&v| v == 0.0), "blank paper");
    }

    #[test]
    fn a_ballpoint_line_is_widened_to_an_mnist_stroke() {
        // A 2-px pen on an 80-px-tall digit: a hairline at 28×28. Widened to about an eighth of
        // the digit's height (10 px), as MNIST's strokes are.
        let ink = ink_from_photo(&pen_photo(false, 2), 140, 140);
        let across = (0..140).filter(|&x| ink[60 * 140 + x] > 0.5).count();
        assert!((7..=14).contains(&across), "the upright stroke is {across} px wide");
        // A stroke already that wide is left as it is.
        let ink = ink_from_photo(&pen_photo(false, 12), 140, 140);
        let across = (0..140).filter(|&x| ink[60 * 140 + x] > 0.5).count();
        assert!((11..=14).contains(&across), "the upright stroke is {across} px wide");
    }
}
