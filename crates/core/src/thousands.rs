//! Numbers written for people: `60000` → `60,000`, `-71` → `−71`.

/// `n` with a comma between each group of three digits.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `x` rounded to a whole number, with commas (`8969.6` → `8,970`); negative and NaN as 0.
pub fn thousands_rounded(x: f64) -> String {
    thousands(x.max(0.0).round() as usize)
}

/// `x` with `decimals` places and its sign always shown, a true minus (U+2212) rather than a
/// hyphen: `+12`, `−71`, `0` (a zero that rounds from either side has no sign).
pub fn signed(x: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, x.abs());
    if text.chars().all(|c| c == '0' || c == '.') {
        text
    } else if x < 0.0 {
        format!("\u{2212}{text}")
    } else {
        format!("+{text}")
    }
}

#[cfg(test)]
mod tests {
    use super::{signed, thousands};

    #[test]
    fn signs_with_a_true_minus() {
        assert_eq!(signed(-71.4, 0), "\u{2212}71");
        assert_eq!(signed(12.0, 0), "+12");
        assert_eq!(signed(2.345, 1), "+2.3");
        assert_eq!(signed(-0.2, 0), "0");
        assert_eq!(signed(0.0, 1), "0.0");
    }

    #[test]
    fn groups_of_three() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(60_000), "60,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(super::thousands_rounded(8969.6), "8,970");
        assert_eq!(super::thousands_rounded(f64::NAN), "0");
    }
}
