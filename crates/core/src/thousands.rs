//! Counts written for people: `60000` → `60,000`.

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

#[cfg(test)]
mod tests {
    use super::thousands;

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
