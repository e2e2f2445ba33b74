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

/// [`linear`] with a step of at least `least`.
fn stepped(lo: f64, hi: f64, least: f64) -> Vec<(f64, String)> {
    let span = hi - lo;
    if !(span.is_finite() && span > 0.0) {
        return vec![(lo, plain(lo, 0))];
    }
    let power = ((span / 5.0).log10() + 1e-6).floor();
    let unit = 10f64.powf(power);
    let mantissa = [1.0, 2.0, 2.5, 5.0, 10.0].into_iter().find(|m| m * unit >= span / 5.0 * (1.0 - 1e-6)).unwrap_or(10.0);
    let (step, decimals) = if mantissa * unit < least {
        (least, 0)
    } else {
        // 0.25 needs one decimal more than 0.2 (25 and 250 none).
        (mantissa * unit, (-power).max(0.0) as usize + usize::from(mantissa == 2.5 && power <= 0.0))
    };
    let first = (lo / step - 1e-6).ceil() as i64;
    let last = (hi / step + 1e-6).floor() as i64;
    (first..=last).map(|i| i as f64 * step).map(|v| (v, plain(v, decimals))).collect()
}

/// Ticks of a logarithmic axis whose ends are 10^`lo` and 10^`hi`: the powers of ten over
/// 1.5 decades or more ("0.01", "0.1", "1", or "1e-5", "1e-4" … where the axis reaches past
/// 0.001 or 10,000); over less, the round values 1, 2 and 5 × a power of ten that lie on it
/// (each of 1–9 × a power of ten where those are fewer than three, a linear axis's round steps
/// where even those are).
pub fn logarithmic(lo: f64, hi: f64) -> Vec<(f64, String)> {
    if !(lo.is_finite() && hi.is_finite() && hi > lo) {
        return vec![(10f64.powf(lo), round(10f64.powf(lo)))];
    }
    let on_axis = |v: f64| (lo - 1e-6..=hi + 1e-6).contains(&v.log10());
    if hi - lo >= 1.5 {
        let decades = (lo - 1e-6).ceil() as i32..=(hi + 1e-6).floor() as i32;
        // "0.001" to "10000" as written; an axis reaching past them in powers of ten throughout.
        let written = (-3..5).contains(decades.start()) && (-3..5).contains(decades.end());
        return decades.map(|d| (10f64.powi(d), if written { round(10f64.powi(d)) } else { format!("1e{d}") })).collect();
    }
    let at = |mantissas: &[f64]| -> Vec<(f64, String)> {
        ((lo.floor() as i32)..=(hi.ceil() as i32))
            .flat_map(|d| mantissas.iter().map(move |m| m * 10f64.powi(d)))
            .filter(|&v| on_axis(v))
            .map(|v| (v, round(v)))
            .collect()
    };
    let few = at(&[1.0, 2.0, 5.0]);
    if few.len() >= 3 {
        return few;
    }
    let more = at(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]);
    // Under a factor of 3 or so the axis is all but linear: a linear axis's round steps.
    if more.len() >= 3 { more } else { linear(10f64.powf(lo), 10f64.powf(hi)) }
}

/// A value that is one digit times a power of ten, as a person writes it: "0.003", "20",
/// "3e-4" below 0.001, "2e5" from 100,000.
pub fn round(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return plain(v, 0);
    }
    let power = v.abs().log10().round() as i32;
    let power = if v.abs() < 10f64.powi(power) * (1.0 - 1e-6) { power - 1 } else { power };
    if !(-3..5).contains(&power) {
        let mantissa = v / 10f64.powi(power);
        format!("{}e{power}", plain(mantissa, usize::from((mantissa - mantissa.round()).abs() > 1e-6)))
    } else {
        plain(v, (-power).max(0) as usize)
    }
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
        assert_eq!(labels(&logarithmic(1.0, 3f64.log10() + 2.0)), ["10", "20", "50", "100", "200"]);
        assert_eq!(labels(&logarithmic(5.0, 5.2)), ["100000", "120000", "140000"]);
        // Validation MSE from 0.09 to 0.17 (E2's trials): 0.09 and 0.1 alone said little.
        assert_eq!(labels(&logarithmic(0.09f64.log10(), 0.17f64.log10())), ["0.10", "0.12", "0.14", "0.16"]);
        assert_eq!(labels(&logarithmic(0.09f64.log10(), 0.2f64.log10())), ["0.09", "0.1", "0.2"]);
        // A bottleneck size from 1 to 784: as written.
        assert_eq!(labels(&logarithmic(0.0, 784f64.log10())), ["1", "10", "100"]);
        // A narrow range (test MSE 0.0146 to 0.0160): round steps.
        assert_eq!(labels(&logarithmic(0.0146f64.log10(), 0.016f64.log10())), ["0.0150", "0.0155", "0.0160"]);
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
