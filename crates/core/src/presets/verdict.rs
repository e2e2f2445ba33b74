//! Findings as data, checked by code: each experiment declares its report's claims, and every
//! result row carries the lab's verdict on its claim, computed from the run.
//!
//! - Every reported **number** is a claim: the lab's figure against it, with a tolerance that
//!   depends on what is measured (a ratio for losses and counts, percentage points for
//!   accuracies; see [`number`]).
//! - An experiment adds the claims its report made in words: **orderings and directions**
//!   ([`Claim::Rises`]: "dropout raises the test MSE", "Case II < Case I < baseline") and
//!   **ranges** ([`Claim::Within`]: "the gains flatten between k = 50 and 300").

use serde::{Deserialize, Serialize};

use std::cmp::Ordering;

use super::result::Unit;

/// How the lab's run stands to one claim of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VerdictKind {
    /// Within the claim's tolerance, or in the claimed order throughout.
    Reproduced,
    /// Off, but within twice the tolerance; or in the claimed order more often than not.
    Close,
    /// Further off; or in the claimed order less often than not.
    Far,
    /// The opposite order (or direction) throughout.
    Reversed,
}

impl VerdictKind {
    pub const ALL: [VerdictKind; 4] = [VerdictKind::Reproduced, VerdictKind::Close, VerdictKind::Far, VerdictKind::Reversed];

    /// `data-verdict` and the word the UI shows.
    pub fn key(self) -> &'static str {
        match self {
            VerdictKind::Reproduced => "reproduced",
            VerdictKind::Close => "close",
            VerdictKind::Far => "far",
            VerdictKind::Reversed => "reversed",
        }
    }
}

/// The lab's verdict on a claim, and the comparison it rests on, in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    pub kind: VerdictKind,
    pub why: String,
}

/// A claim the report made in words, checked against the lab's figures by metric id.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Claim {
    /// The lab's figures of `chain` rise, each above the one before it ("dropout raises the test
    /// MSE": p 0 < p 0.1 < p 0.3). Shown as its own row `metric`.
    Rises { metric: &'static str, label: &'static str, text: &'static str, chain: &'static [&'static str] },
    /// The lab's figure `of` lies within `low..=high` ("the knee is between k = 50 and 300").
    Within { metric: &'static str, label: &'static str, text: &'static str, of: &'static str, low: f64, high: f64 },
}

impl Claim {
    /// The row this claim is shown in.
    pub fn metric(&self) -> &'static str {
        match self {
            Claim::Rises { metric, .. } | Claim::Within { metric, .. } => metric,
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            Claim::Rises { label, .. } | Claim::Within { label, .. } => label,
        }
    }

    /// How the report stated it.
    pub fn text(&self) -> &'static str {
        match self {
            Claim::Rises { text, .. } | Claim::Within { text, .. } => text,
        }
    }

    /// The lab's side in words and the verdict, from the lab's figures by metric id (value and
    /// unit), or `None` while a figure it needs is missing.
    pub fn check(&self, figure: impl Fn(&str) -> Option<(f64, Unit)>) -> Option<(String, Verdict)> {
        let finite = |m: &str| figure(m).filter(|v| v.0.is_finite());
        match *self {
            Claim::Rises { chain, .. } => {
                let values: Vec<(f64, Unit)> = chain.iter().map(|m| finite(m)).collect::<Option<_>>()?;
                Some((chain_shown(&values), rises(&values)))
            }
            Claim::Within { of, low, high, .. } => {
                let (value, unit) = finite(of)?;
                Some((unit.format(value), within(value, low, high, unit)))
            }
        }
    }
}

/// A chain's figures in the chain's order, as the report's text lists them, each pair joined by
/// how the lab's figures compare ("0.01900 < 0.02100 > 0.01700"), so the row reads against the
/// report's "0.016 < 0.019 < 0.069" at a glance.
fn chain_shown(values: &[(f64, Unit)]) -> String {
    let shown = shown(values);
    let mut joined = shown.first().cloned().unwrap_or_default();
    for i in 1..values.len() {
        joined.push_str(&format!(" {} {}", relation(values, &shown, i - 1, i), shown[i]));
    }
    joined
}

/// Each figure as the row shows it, formatted once.
fn shown(values: &[(f64, Unit)]) -> Vec<String> {
    values.iter().map(|(v, unit)| unit.format(*v)).collect()
}

/// How figure `i` stands to figure `j` as shown: "<", ">", "=", or "≈" where they differ below
/// the digits shown.
fn relation(values: &[(f64, Unit)], shown: &[String], i: usize, j: usize) -> &'static str {
    match values[i].0.total_cmp(&values[j].0) {
        Ordering::Equal => "=",
        _ if shown[i] == shown[j] => "≈",
        Ordering::Less => "<",
        Ordering::Greater => ">",
    }
}

/// Verdict on a chain that should rise: the share of pairs (i < j) in the claimed order
/// (reversed only when every pair is in the opposite order; ties count for neither). A partial
/// order names the pairs against the claim ("2 of 3 pairs in the claimed order; not 0.14050 >
/// 0.06150"), so a reader finds which step of the report the run did not show.
pub fn rises(values: &[(f64, Unit)]) -> Verdict {
    let shown = shown(values);
    let pairs: Vec<(usize, usize)> = (0..values.len()).flat_map(|i| (i + 1..values.len()).map(move |j| (i, j))).collect();
    let ordered = pairs.iter().filter(|&&(i, j)| values[i].0 < values[j].0).count();
    let against: Vec<String> = pairs
        .iter()
        .filter(|&&(i, j)| values[i].0 > values[j].0)
        .map(|&(i, j)| format!("{} {} {}", shown[i], relation(values, &shown, i, j), shown[j]))
        .collect();
    let share = ordered as f64 / pairs.len().max(1) as f64;
    let kind = match share {
        s if s >= 1.0 => VerdictKind::Reproduced,
        s if s > 0.5 => VerdictKind::Close,
        _ if against.len() == pairs.len() => VerdictKind::Reversed,
        _ => VerdictKind::Far,
    };
    let level = pairs.len() - ordered - against.len();
    let counted = match level {
        0 => format!("{ordered} of {} pairs in the claimed order", pairs.len()),
        _ => format!("{ordered} of {} pairs in the claimed order, {level} level", pairs.len()),
    };
    let why = match kind {
        VerdictKind::Reproduced => "in the claimed order".to_string(),
        VerdictKind::Reversed => "in the opposite order throughout".to_string(),
        _ if level == pairs.len() => "level: no difference either way".to_string(),
        _ if against.is_empty() => counted,
        _ => format!("{counted}; not {}", against.join(", ")),
    };
    Verdict { kind, why }
}

/// Verdict on a figure that should lie in `low..=high`: close when within twice the range's
/// spread (on a log scale for positive bounds).
pub fn within(value: f64, low: f64, high: f64, unit: Unit) -> Verdict {
    let range = if low == high { unit.format(low) } else { format!("{}–{}", unit.format(low), unit.format(high)) };
    if (low..=high).contains(&value) {
        return Verdict { kind: VerdictKind::Reproduced, why: format!("within {range}") };
    }
    let near = if low > 0.0 && value > 0.0 { value >= low / 2.0 && value <= high * 2.0 } else { (value - low.clamp(value, high)).abs() <= (high - low).max(1.0) };
    Verdict { kind: if near { VerdictKind::Close } else { VerdictKind::Far }, why: format!("outside {range}") }
}

/// Verdict on the lab's `lab` against the reported `reported`, both in `unit`: losses within
/// 1.25× are reproduced and within 2× close; counts 1.1× and 1.5×; accuracies 2 and 7 points;
/// other numbers (a search's picks) 2× and 4×. `text` is the figure as the report wrote it
/// ("0.019", "1.038e-5", "~150"), which the reason quotes.
pub fn number(lab: f64, reported: f64, text: &str, unit: Unit) -> Verdict {
    if !lab.is_finite() {
        return Verdict { kind: VerdictKind::Far, why: format!("no finite figure to set beside the reported {text}") };
    }
    match unit {
        Unit::Fraction => {
            let points = (lab - reported) * 100.0;
            let kind = match points.abs() {
                d if d <= 2.0 => VerdictKind::Reproduced,
                d if d <= 7.0 => VerdictKind::Close,
                _ => VerdictKind::Far,
            };
            // Words, not a sign: "-2.9 points from" read as a typo to a student.
            let why = match points {
                p if p.abs() < 0.05 => format!("level with the reported {text}"),
                p if p < 0.0 => format!("{:.1} points below the reported {text}", -p),
                p => format!("{p:.1} points above the reported {text}"),
            };
            Verdict { kind, why }
        }
        _ => {
            // Losses and counts: a ratio. Hyper-parameters a search picked vary more.
            let (tolerance, near) = match unit {
                Unit::Number => (2.0, 4.0),
                Unit::Count => (1.1, 1.5),
                _ => (1.25, 2.0),
            };
            let ratio = lab / reported;
            let off = if ratio >= 1.0 { ratio } else { 1.0 / ratio };
            let kind = match off {
                r if !r.is_finite() => VerdictKind::Far,
                r if r <= tolerance => VerdictKind::Reproduced,
                r if r <= near => VerdictKind::Close,
                _ => VerdictKind::Far,
            };
            let why = match ratio {
                r if (r - 1.0).abs() < 0.005 => "equal to the reported".into(),
                // A fine-tuned classifier's train loss, 0.00096 against 0.2893, read "0.00×".
                r if r < 0.1 => format!("1/{} of the reported {text}", two_figures(1.0 / r)),
                r if r >= 10.0 => format!("{}× the reported {text}", two_figures(r)),
                r => format!("{r:.2}× the reported {text}"),
            };
            Verdict { kind, why }
        }
    }
}

/// `v` (10 or more) rounded to two significant figures, as a whole number: 301.2 → "300".
fn two_figures(v: f64) -> String {
    let unit = 10f64.powf(v.log10().floor() - 1.0).max(1.0);
    format!("{:.0}", (v / unit).round() * unit)
}

/// How many claims of each kind, in [`VerdictKind::ALL`] order.
pub fn tally(kinds: impl IntoIterator<Item = VerdictKind>) -> [usize; 4] {
    let mut counts = [0; 4];
    for kind in kinds {
        counts[VerdictKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)] += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_by_share_of_pairs() {
        let rises = |values: &[f64]| rises(&values.iter().map(|&v| (v, Unit::Loss)).collect::<Vec<_>>());
        assert_eq!(rises(&[1.0, 2.0, 3.0]).kind, VerdictKind::Reproduced);
        assert_eq!(rises(&[3.0, 2.0, 1.0]).kind, VerdictKind::Reversed);
        // (1,3) and (2,3) ordered, (1,2) not: 2 of 3.
        assert_eq!(rises(&[2.0, 1.0, 3.0]).kind, VerdictKind::Close);
        assert_eq!(rises(&[3.0, 1.0, 2.0]).kind, VerdictKind::Far);
        // Equal is in neither order.
        assert_eq!(rises(&[1.0, 1.0]).kind, VerdictKind::Far);
        assert_eq!(rises(&[1.0, 1.0, 0.5]).kind, VerdictKind::Far);
        // The reason says when pairs are level rather than counting them as misses, and names
        // the pairs against the claim.
        assert_eq!(rises(&[0.0, 0.0]).why, "level: no difference either way");
        assert_eq!(rises(&[1.0, 1.0, 0.5]).why, "0 of 3 pairs in the claimed order, 1 level; not 1.00000 > 0.50000, 1.00000 > 0.50000");
        assert_eq!(rises(&[3.0, 1.0, 2.0]).why, "1 of 3 pairs in the claimed order; not 3.00000 > 1.00000, 3.00000 > 2.00000");
        // C1's row "0.07000 < 0.14050 > 0.06150": which step of "0.016 < 0.019 < 0.069" missed.
        assert_eq!(rises(&[0.07, 0.1405, 0.0615]).why, "1 of 3 pairs in the claimed order; not 0.07000 > 0.06150, 0.14050 > 0.06150");
    }

    #[test]
    fn chains_show_how_the_lab_figures_compare() {
        let claim = Claim::Rises { metric: "m", label: "", text: "a < b < c", chain: &["a", "b", "c"] };
        let figures = |a: f64, b: f64, c: f64| move |m: &str| Some((match m { "a" => a, "b" => b, _ => c }, Unit::Fraction));
        assert_eq!(claim.check(figures(0.1, 0.2, 0.3)).map(|c| c.0).as_deref(), Some("10.00% < 20.00% < 30.00%"));
        // The B6 row that read "25.40% · 24.80%" under "B1 < B4": now the reversal shows.
        assert_eq!(claim.check(figures(0.254, 0.248, 0.248)).map(|c| c.0).as_deref(), Some("25.40% > 24.80% = 24.80%"));
        assert_eq!(claim.check(figures(0.25401, 0.25402, 0.3)).map(|c| c.0).as_deref(), Some("25.40% ≈ 25.40% < 30.00%"));
    }

    #[test]
    fn numbers_by_ratio_or_points() {
        assert_eq!(number(0.0016, 0.00146, "0.00146", Unit::Loss).kind, VerdictKind::Reproduced);
        assert_eq!(number(0.0025, 0.00146, "0.00146", Unit::Loss).kind, VerdictKind::Close);
        assert_eq!(number(0.0154, 0.00146, "0.00146", Unit::Loss).kind, VerdictKind::Far);
        assert_eq!(number(0.96, 0.9735, "97.35%", Unit::Fraction).kind, VerdictKind::Reproduced);
        assert_eq!(number(0.768, 0.9735, "97.35%", Unit::Fraction).kind, VerdictKind::Far);
        assert_eq!(number(0.9445, 0.9735, "97.35%", Unit::Fraction).why, "2.9 points below the reported 97.35%");
        assert_eq!(number(0.9775, 0.9735, "97.35%", Unit::Fraction).why, "0.4 points above the reported 97.35%");
        assert_eq!(number(0.97346, 0.9735, "97.35%", Unit::Fraction).why, "level with the reported 97.35%");
        assert_eq!(number(f64::NAN, 0.9735, "97.35%", Unit::Fraction).why, "no finite figure to set beside the reported 97.35%");
        assert_eq!(number(f64::NAN, 0.9735, "97.35%", Unit::Fraction).kind, VerdictKind::Far);
        // The reason quotes the report's own figure, not the lab's rounding of it.
        assert_eq!(number(0.1405, 0.019, "0.019", Unit::Loss).why, "7.39× the reported 0.019");
        assert_eq!(number(3.2e-5, 1.038e-5, "1.038e-5", Unit::Loss).why, "3.08× the reported 1.038e-5");
        assert_eq!(number(797_984.0, 797_984.0, "797,984", Unit::Count).why, "equal to the reported");
        assert_eq!(number(f64::NAN, 1.0, "1", Unit::Loss).kind, VerdictKind::Far);
        assert_eq!(number(f64::NAN, 0.2893, "0.2893", Unit::Loss).why, "no finite figure to set beside the reported 0.2893");
        assert_eq!(number(0.0025, 0.00146, "0.00146", Unit::Loss).why, "1.71× the reported 0.00146");
        // Far off either way: a ratio of two figures, never "0.00×".
        assert_eq!(number(0.00096, 0.2893, "0.2893", Unit::Loss).why, "1/300 of the reported 0.2893");
        assert_eq!(number(0.0154, 0.00146, "0.00146", Unit::Loss).why, "11× the reported 0.00146");
        assert_eq!(number(0.5, 0.00146, "0.00146", Unit::Loss).why, "340× the reported 0.00146");
    }

    #[test]
    fn ranges_and_their_neighbourhood() {
        assert_eq!(within(100.0, 50.0, 300.0, Unit::Count).kind, VerdictKind::Reproduced);
        assert_eq!(within(30.0, 50.0, 300.0, Unit::Count).kind, VerdictKind::Close);
        assert_eq!(within(5.0, 50.0, 300.0, Unit::Count).kind, VerdictKind::Far);
        assert_eq!(within(3.0, 2.0, 2.0, Unit::Count).kind, VerdictKind::Close);
    }
}
