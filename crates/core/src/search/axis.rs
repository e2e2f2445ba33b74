//! A numeric dimension as an interval of the real line, where both samplers work: `ln x` on a
//! log dimension, and an integer `k` stands for `[k − ½, k + ½]` so that rounding a uniform
//! draw gives every integer its share (Optuna's convention).

use super::space::Param;
use super::value::Value;

/// The internal interval of an [`Param::Int`] or [`Param::Float`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Axis {
    /// Lower end of the internal interval.
    pub lo: f64,
    /// Upper end of the internal interval.
    pub hi: f64,
    log: bool,
    bounds: Bounds,
}

/// The dimension's own bounds, to clamp a value into.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Bounds {
    Int(i64, i64),
    Float(f64, f64),
}

impl Axis {
    /// The axis of a numeric dimension; `None` for a choice. The dimension must be valid
    /// ([`Param::problem`] is `None`).
    pub fn of(param: &Param) -> Option<Axis> {
        match *param {
            Param::Int { lo, hi, log, .. } => {
                let (a, b) = (lo as f64 - 0.5, hi as f64 + 0.5);
                let (a, b) = if log { (a.ln(), b.ln()) } else { (a, b) };
                Some(Axis { lo: a, hi: b, log, bounds: Bounds::Int(lo, hi) })
            }
            Param::Float { lo, hi, log, .. } => {
                let (a, b) = if log { (lo.ln(), hi.ln()) } else { (lo, hi) };
                Some(Axis { lo: a, hi: b, log, bounds: Bounds::Float(lo, hi) })
            }
            Param::Choice { .. } => None,
        }
    }

    /// The internal coordinate of a value of this dimension, clamped into the interval.
    pub fn to_internal(self, value: &Value) -> f64 {
        let v = value.as_f64();
        let x = if self.log { v.max(f64::MIN_POSITIVE).ln() } else { v };
        x.clamp(self.lo, self.hi)
    }

    /// The value at internal coordinate `x`: back from log space, rounded for an integer,
    /// and clamped into the dimension's bounds.
    pub fn to_value(self, x: f64) -> Value {
        let x = x.clamp(self.lo, self.hi);
        let v = if self.log { x.exp() } else { x };
        match self.bounds {
            Bounds::Int(lo, hi) => Value::Int((v.round() as i64).clamp(lo, hi)),
            Bounds::Float(lo, hi) => Value::Float(v.clamp(lo, hi)),
        }
    }
}
