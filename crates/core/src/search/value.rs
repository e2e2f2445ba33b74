//! The value a trial takes in one dimension.

use serde::{Deserialize, Serialize};

/// A value of one dimension.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Value {
    /// Of a [`Param::Int`].
    Int(i64),
    /// Of a [`Param::Float`].
    Float(f64),
    /// Of a [`Param::Choice`]: an index into its options.
    Choice(usize),
}

impl Value {
    /// The value as a real number (a choice gives its index).
    pub fn as_f64(&self) -> f64 {
        match *self {
            Value::Int(v) => v as f64,
            Value::Float(v) => v,
            Value::Choice(i) => i as f64,
        }
    }

    /// The integer, if this is an [`Value::Int`].
    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            Value::Int(v) => Some(v),
            _ => None,
        }
    }

    /// The option index, if this is a [`Value::Choice`].
    pub fn as_choice(&self) -> Option<usize> {
        match *self {
            Value::Choice(i) => Some(i),
            _ => None,
        }
    }
}
