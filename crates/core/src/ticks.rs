//! Where a chart's axis puts its labelled ticks, and what they read: round values ("0.01",
//! "0.02", not "0.013" for 0.0125), each label distinct, on a linear or a logarithmic axis.
//! The page's charts (`ui::chart_frame::Axis`) draw them.

/// Ticks of a linear axis from `lo` to `hi`: a round step (1, 2, 2.5 or 5 × a power of ten)
/// giving three to six ticks, each labelled with the decimals the step needs.
pub fn linear(lo: f64, hi: f64) -> Vec<(f64, String)> {
    stepped(lo, hi, 0.0)
}

/// Ticks of a linear axis of whole numbers (trials, epochs): as [`linear`], at whole values
/// only (a step of at least 1; three trials were labelled 0.0, 0.5, 1.0, 1.5, 2.0).
pub fn whole(lo: f64, hi: f64) -> Vec<(f64, String)> {
    stepped(lo, hi, 1.0)
}

/// The range a linear axis from `lo` to `hi` is drawn over: widened to the multiples of
/// [`linear`]'s step just outside it, so that the highest bar or point meets a labelled line
/// rather than the axis's end (a bar of 0.01426 rose past the last label, "0.010", to the top;
/// now the axis ends at "0.015").
pub fn nice_linear(lo: f64, hi: f64) -> (f64, f64) {
    let (mut lo, mut hi) = (lo, hi);
    // A wider range can call for the next larger step, once.
    for _ in 0..2 {
        let Some((step, ..)) = round_step(hi - lo) else { break };
        (lo, hi) = ((lo / step + 1e-6).floor() * step, (hi / step - 1e-6).ceil() * step);
    }
    (lo, hi)
}

/// [`nice_linear`] for a logarithmic axis whose ends are 10^`lo` and 10^`hi` (exponents in,
/// exponents out): out to one digit times a power of ten (test MSE from 0.0145 to 0.057: 0.01
/// to 0.06; the lowest points lay on the axis's line), or, where fewer than three such values
/// would lie on it and [`logarithmic`] would label a linear axis's round steps, out to those.
pub fn nice_logarithmic(lo: f64, hi: f64) -> (f64, f64) {
    if !(lo.is_finite() && hi.is_finite() && hi > lo) {
        return (lo, hi);
    }
    let (bottom, top) = (10f64.powf(lo), 10f64.powf(hi));
    let one_digit = |v: f64, up: bool| {
        let power = 10f64.powf((v.log10() + 1e-9).floor());
        let digit = if up { (v / power - 1e-6).ceil() } else { (v / power + 1e-6).floor() };
        (digit * power).log10()
    };
    let (wide_lo, wide_hi) = (one_digit(bottom, false), one_digit(top, true));
    if digit_values(wide_lo, wide_hi, &EVERY_DIGIT).len() < 3 {
        let (bottom, top) = nice_linear(bottom, top);
        if bottom > 0.0 {
            return (bottom.log10(), top.log10());
        }
    }
    (wide_lo, wide_hi)
}

/// A round step for a linear axis `span` wide (1, 2, 2.5 or 5 × a power of ten, three to six
/// ticks), with its power of ten and mantissa; none for an empty span.
fn round_step(span: f64) -> Option<(f64, f64, f64)> {
    if !(span.is_finite() && span > 0.0) {
        return None;
    }
    let power = ((span / 5.0).log10() + 1e-6).floor();
    let unit = 10f64.powf(power);
    let mantissa = [1.0, 2.0, 2.5, 5.0, 10.0].into_iter().find(|m| m * unit >= span / 5.0 * (1.0 - 1e-6)).unwrap_or(10.0);
    Some((mantissa * unit, power, mantissa))
}

/// [`linear`] with a step of at least `least`.
fn stepped(lo: f64, hi: f64, least: f64) -> Vec<(f64, String)> {
    let Some((step, power, mantissa)) = round_step(hi - lo) else {
        return vec![(lo, plain(lo, 0))];
    };
    let (step, decimals) = if step < least {
        (least, 0)
    } else {
        // 0.25 needs one decimal more than 0.2 (25 and 250 none).
        (step, (-power).max(0.0) as usize + usize::from(mantissa == 2.5 && power <= 0.0))
    };
    let first = (lo / step - 1e-6).ceil() as i64;
    let last = (hi / step + 1e-6).floor() as i64;
    (first..=last).map(|i| i as f64 * step).map(|v| (v, plain(v, decimals))).collect()
}

/// Ticks of a logarithmic axis whose ends are 10^`lo` and 10^`hi`: the powers of ten over
/// 1.5 decades or more ("0.01", "0.1", "1", or "1e-5", "1e-4" … where the axis reaches past
/// 0.001 or 10,000); over less, the round values 1, 2 and 5 × a power of ten that lie on it
/// (each of 1–9 × a power of ten where those are fewer than three, a linear axis's round steps
/// where even those are). On the first two, an end that is one digit × a power of ten is
/// labelled too where it lies clear of the others ([`with_round_ends`]).
pub fn logarithmic(lo: f64, hi: f64) -> Vec<(f64, String)> {
    if !(lo.is_finite() && hi.is_finite() && hi > lo) {
        return vec![(10f64.powf(lo), round(10f64.powf(lo)))];
    }
    if hi - lo >= 1.5 {
        let decades = (lo - 1e-6).ceil() as i32..=(hi + 1e-6).floor() as i32;
        // "0.001" to "10000" as written; an axis reaching past them in powers of ten throughout.
        let written = (-3..5).contains(decades.start()) && (-3..5).contains(decades.end());
        let label = |v: f64| if written { round(v) } else { exponent(v) };
        return with_round_ends(decades.map(|d| 10f64.powi(d)).map(|v| (v, label(v))).collect(), lo, hi, label);
    }
    let at = |mantissas: &[f64]| -> Vec<(f64, String)> { digit_values(lo, hi, mantissas).into_iter().map(|v| (v, round(v))).collect() };
    let few = at(&[1.0, 2.0, 5.0]);
    if few.len() >= 3 {
        return with_round_ends(few, lo, hi, round);
    }
    let more = at(&EVERY_DIGIT);
    // Under a factor of 3 or so the axis is all but linear: a linear axis's round steps.
    if more.len() >= 3 { more } else { linear(10f64.powf(lo), 10f64.powf(hi)) }
}

/// `ticks` with the axis's ends added, labelled by `label` as the ticks are, where they are one
/// digit times a power of ten (as [`nice_logarithmic`] makes them) and lie a tenth of the axis or
/// more from the nearest tick: A1's test MSE from 0.01 to 0.06 was labelled 0.01, 0.02 and 0.05,
/// and its bottleneck sizes from 1 to 700 were labelled 1, 10 and 100: each top left unread.
fn with_round_ends(mut ticks: Vec<(f64, String)>, lo: f64, hi: f64, label: impl Fn(f64) -> String) -> Vec<(f64, String)> {
    for end in [lo, hi] {
        // Whether 10^`end` is one digit times a power of ten: the digit values from `end` to `end`.
        let one_digit = digit_values(end, end, &EVERY_DIGIT).first().copied();
        let clear = ticks.iter().all(|(t, _)| (t.log10() - end).abs() >= 0.1 * (hi - lo));
        if let Some(v) = one_digit.filter(|_| clear) {
            ticks.push((v, label(v)));
        }
    }
    ticks.sort_by(|a, b| a.0.total_cmp(&b.0));
    ticks
}

/// The mantissas of a short logarithmic axis's finer ticks, and of its ends.
const EVERY_DIGIT: [f64; 9] = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0];

/// The values `m` × a power of ten, for each of `mantissas`, from 10^`lo` to 10^`hi`.
fn digit_values(lo: f64, hi: f64, mantissas: &[f64]) -> Vec<f64> {
    ((lo.floor() as i32)..=(hi.ceil() as i32))
        .flat_map(|d| mantissas.iter().map(move |m| m * 10f64.powi(d)))
        .filter(|&v| (lo - 1e-6..=hi + 1e-6).contains(&v.log10()))
        .collect()
}

/// A value that is one digit times a power of ten, as a person writes it: "0.003", "20",
/// "3e-4" below 0.001, "2e5" from 100,000.
pub fn round(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return plain(v, 0);
    }
    let power = power_of_ten(v);
    if !(-3..5).contains(&power) { exponent(v) } else { plain(v, (-power).max(0) as usize) }
}

/// `v` (not 0) in a power of ten whatever its size ("3e-5", "1e2"): [`round`] past 0.001 and
/// 10,000, and every label of an axis whose decades are written so.
fn exponent(v: f64) -> String {
    let power = power_of_ten(v);
    let mantissa = v / 10f64.powi(power);
    format!("{}e{power}", plain(mantissa, usize::from((mantissa - mantissa.round()).abs() > 1e-6)))
}

/// The power of ten of `v`'s leading digit (not 0): 0.003 → -3, 20 → 1.
fn power_of_ten(v: f64) -> i32 {
    let power = v.abs().log10().round() as i32;
    if v.abs() < 10f64.powi(power) * (1.0 - 1e-6) { power - 1 } else { power }
}

/// `v` with `decimals` decimals (a negative zero read as zero).
fn plain(v: f64, decimals: usize) -> String {
    let text = format!("{v:.decimals$}");
    if text.trim_start_matches('-').chars().all(|c| c == '0' || c == '.') { text.trim_start_matches('-').to_string() } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(ticks: &[(f64, String)]) -> Vec<&str> {
        ticks.iter().map(|(_, t)| t.as_str()).collect()
    }

    #[test]
    fn a_linear_axis_reads_round_values() {
        // The class sweep's test losses: 0.0125 was labelled "0.013", 0.0375 "0.038".
        assert_eq!(labels(&linear(0.0, 0.05)), ["0.00", "0.01", "0.02", "0.03", "0.04", "0.05"]);
        // A test loss of 0.05 read from an f32 is 0.05000000075: the same ticks.
        assert_eq!(labels(&linear(0.0, f64::from(0.05f32))), ["0.00", "0.01", "0.02", "0.03", "0.04", "0.05"]);
        assert_eq!(labels(&linear(0.0, 0.0156)), ["0.000", "0.005", "0.010", "0.015"]);
        assert_eq!(labels(&linear(0.0, 1.0)), ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]);
        assert_eq!(labels(&linear(0.0, 97.35)), ["0", "20", "40", "60", "80"]);
        assert_eq!(labels(&linear(0.0, 0.06)), ["0.00", "0.02", "0.04", "0.06"]);
        assert_eq!(labels(&linear(0.0, 0.012)), ["0.0000", "0.0025", "0.0050", "0.0075", "0.0100"]);
        assert_eq!(labels(&linear(-1.0, 1.0)), ["-1.0", "-0.5", "0.0", "0.5", "1.0"]);
        // Tiny values, where three decimals gave "0.000", "0.000", "0.001", "0.001", "0.002".
        let small = linear(0.0, 0.00146);
        assert_eq!(labels(&small), ["0.0000", "0.0005", "0.0010"]);
        for ticks in [linear(0.0, 0.05), linear(0.0, 3e-5), linear(0.0, 7.0), linear(0.0, 12345.0), linear(0.0, 0.8)] {
            assert!((3..=6).contains(&ticks.len()), "{ticks:?}");
            let mut seen = labels(&ticks);
            seen.dedup();
            assert_eq!(seen.len(), ticks.len(), "every label distinct: {ticks:?}");
        }
        assert_eq!(labels(&linear(0.0, 12345.0)), ["0", "2500", "5000", "7500", "10000", "12500"][..5]);
        assert_eq!(labels(&linear(2.0, 2.0)), ["2"]);
        // Whole numbers: three trials.
        assert_eq!(labels(&whole(0.0, 2.0)), ["0", "1", "2"]);
        assert_eq!(labels(&whole(0.0, 40.0)), ["0", "10", "20", "30", "40"]);
    }

    #[test]
    fn a_logarithmic_axis_reads_round_values() {
        // Two decades and more: powers of ten.
        assert_eq!(labels(&logarithmic(-4.0, -1.0)), ["1e-4", "1e-3", "1e-2", "1e-1"]);
        // A learning rate from 0.001 to 0.01: 1, 2, 5 × a power of ten.
        assert_eq!(labels(&logarithmic(-3.0, -2.0)), ["0.001", "0.002", "0.005", "0.01"]);
        // 1e-4 to 3e-4 read "0.000" five times with three decimals.
        assert_eq!(labels(&logarithmic(-4.0, 3e-4f64.log10())), ["1e-4", "2e-4", "3e-4"]);
        // 10 to 300: 1, 2 and 5 × a power of ten, and the axis's end, 300, over a tenth of it past 200.
        assert_eq!(labels(&logarithmic(1.0, 3f64.log10() + 2.0)), ["10", "20", "50", "100", "200", "300"]);
        assert_eq!(labels(&logarithmic(5.0, 5.2)), ["100000", "120000", "140000"]);
        // Validation MSE from 0.09 to 0.17 (E2's trials): 0.09 and 0.1 alone said little.
        assert_eq!(labels(&logarithmic(0.09f64.log10(), 0.17f64.log10())), ["0.10", "0.12", "0.14", "0.16"]);
        assert_eq!(labels(&logarithmic(0.09f64.log10(), 0.2f64.log10())), ["0.09", "0.1", "0.2"]);
        // A bottleneck size from 1 to 784: as written.
        assert_eq!(labels(&logarithmic(0.0, 784f64.log10())), ["1", "10", "100"]);
        // A1's, from 1 to 700: its end too, 0.3 of the axis past 100.
        assert_eq!(labels(&logarithmic(0.0, 700f64.log10())), ["1", "10", "100", "700"]);
        // A loss from 3e-5 to 0.5: both ends, written as the decades are; 0.2 lies too near 0.1.
        assert_eq!(labels(&logarithmic(3e-5f64.log10(), 0.5f64.log10())), ["3e-5", "1e-4", "1e-3", "1e-2", "1e-1", "5e-1"]);
        assert_eq!(labels(&logarithmic(-5.0, 0.2f64.log10())), ["1e-5", "1e-4", "1e-3", "1e-2", "1e-1"]);
        assert_eq!(labels(&logarithmic(-5.0, 0.002f64.log10())), ["1e-5", "1e-4", "1e-3", "2e-3"]);
        // A narrow range (test MSE 0.0146 to 0.0160): round steps.
        assert_eq!(labels(&logarithmic(0.0146f64.log10(), 0.016f64.log10())), ["0.0150", "0.0155", "0.0160"]);
    }

    #[test]
    fn an_axis_ends_at_round_values_just_outside_its_data() {
        let close = |(a, b): (f64, f64), (c, d): (f64, f64)| (a - c).abs() < 1e-12 && (b - d).abs() < 1e-12;
        // A4's bars: the tallest, 0.01426, rose past the last label (0.010) to the top.
        let (lo, hi) = nice_linear(0.0, 0.01426);
        assert!(close((lo, hi), (0.0, 0.015)), "{lo} {hi}");
        assert_eq!(labels(&linear(lo, hi)).last(), Some(&"0.015"));
        assert!(close(nice_linear(0.0, 0.012), (0.0, 0.0125)));
        assert!(close(nice_linear(0.0, 0.05), (0.0, 0.05)), "a round end stays");
        assert!(close(nice_linear(0.0, 97.35), (0.0, 100.0)));
        // -0.4 to 0.8 in steps of 0.2 would take seven ticks: steps of 0.5.
        assert!(close(nice_linear(-0.3, 0.7), (-0.5, 1.0)));
        assert_eq!(labels(&linear(-0.5, 1.0)), ["-0.5", "0.0", "0.5", "1.0"]);
        assert!(close(nice_linear(2.0, 2.0), (2.0, 2.0)), "an empty range as it was");
        // A1's test MSE, 0.0145 to 0.057 on a log axis: 0.01 to 0.06.
        let (lo, hi) = nice_logarithmic(0.0145f64.log10(), 0.057f64.log10());
        assert!(close((10f64.powf(lo), 10f64.powf(hi)), (0.01, 0.06)), "{lo} {hi}");
        assert_eq!(labels(&logarithmic(lo, hi)), ["0.01", "0.02", "0.05", "0.06"], "the top end labelled");
        // Decades: out to a digit's power of ten.
        let (lo, hi) = nice_logarithmic(3e-5f64.log10(), 0.43f64.log10());
        assert!(close((10f64.powf(lo), 10f64.powf(hi)), (3e-5, 0.5)), "{lo} {hi}");
        // E2's validation MSE, 0.0905 to 0.197: 0.09 to 0.2, where the labels are (not 0.075).
        let (lo, hi) = nice_logarithmic(0.0905f64.log10(), 0.197f64.log10());
        assert!(close((10f64.powf(lo), 10f64.powf(hi)), (0.09, 0.2)), "{lo} {hi}");
        assert_eq!(labels(&logarithmic(lo, hi)), ["0.09", "0.1", "0.2"]);
        // A narrow range: a linear axis's round steps (0.0146 to 0.0160: 0.0145 to 0.0160).
        let (lo, hi) = nice_logarithmic(0.0146f64.log10(), 0.016f64.log10());
        assert!(close((10f64.powf(lo), 10f64.powf(hi)), (0.0145, 0.016)), "{} {}", 10f64.powf(lo), 10f64.powf(hi));
    }

    #[test]
    fn round_values_read_as_written() {
        assert_eq!(round(0.003), "0.003");
        assert_eq!(round(0.01), "0.01");
        // The same read from an f32 (0.0099999998), as the loss chart's grid has it.
        assert_eq!(round(f64::from(0.01f32)), "0.01");
        assert_eq!(round(f64::from(0.2f32)), "0.2");
        assert_eq!(round(3e-4), "3e-4");
        assert_eq!(round(20.0), "20");
        assert_eq!(round(2e5), "2e5");
        assert_eq!(round(1.0), "1");
        assert_eq!(round(0.0), "0");
        assert_eq!(round(7e-4), "7e-4");
        assert_eq!(round(0.05), "0.05");
        assert_eq!(round(5.0), "5");
    }
}
