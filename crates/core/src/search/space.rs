//! The searched dimensions.

use serde::{Deserialize, Serialize};

use super::value::Value;

/// One searched dimension. Bounds are inclusive; `log` searches `ln x` uniformly, so it needs
/// `lo > 0` (`lo ≥ 1` for an integer).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Param {
    /// An integer in `lo..=hi`.
    Int {
        /// The dimension's name, unique in its space.
        name: String,
        /// The smallest value.
        lo: i64,
        /// The largest value.
        hi: i64,
        /// Search `ln k` uniformly (needs `lo ≥ 1`).
        log: bool,
    },
    /// A real number in `[lo, hi]`.
    Float {
        /// The dimension's name, unique in its space.
        name: String,
        /// The smallest value.
        lo: f64,
        /// The largest value.
        hi: f64,
        /// Search `ln x` uniformly (needs `lo > 0`).
        log: bool,
    },
    /// One of `options`, unordered.
    Choice {
        /// The dimension's name, unique in its space.
        name: String,
        /// The option names; a value is an index into them.
        options: Vec<String>,
    },
}

impl Param {
    /// An integer dimension `lo..=hi`.
    pub fn int(name: &str, lo: i64, hi: i64, log: bool) -> Param {
        Param::Int { name: name.to_string(), lo, hi, log }
    }

    /// A real dimension `[lo, hi]`.
    pub fn float(name: &str, lo: f64, hi: f64, log: bool) -> Param {
        Param::Float { name: name.to_string(), lo, hi, log }
    }

    /// A categorical dimension over `options`.
    pub fn choice(name: &str, options: &[&str]) -> Param {
        Param::Choice {
            name: name.to_string(),
            options: options.iter().map(|o| o.to_string()).collect(),
        }
    }

    /// The dimension's name.
    pub fn name(&self) -> &str {
        match self {
            Param::Int { name, .. } | Param::Float { name, .. } | Param::Choice { name, .. } => {
                name
            }
        }
    }

    /// Why the dimension cannot be searched, if it cannot: empty or reversed bounds, a
    /// non-finite bound, a log scale reaching 0, no options.
    pub fn problem(&self) -> Option<String> {
        let name = self.name();
        match *self {
            Param::Int { lo, hi, log, .. } => {
                if lo > hi {
                    Some(format!("{name}: lower bound {lo} above upper bound {hi}"))
                } else if log && lo < 1 {
                    Some(format!("{name}: a log-scale integer needs a lower bound ≥ 1, not {lo}"))
                } else {
                    None
                }
            }
            Param::Float { lo, hi, log, .. } => {
                if !lo.is_finite() || !hi.is_finite() || lo > hi {
                    Some(format!("{name}: bounds [{lo}, {hi}] are not an interval"))
                } else if log && lo <= 0.0 {
                    Some(format!("{name}: a log-scale real needs a lower bound > 0, not {lo}"))
                } else {
                    None
                }
            }
            Param::Choice { ref options, .. } if options.is_empty() => {
                Some(format!("{name}: no options to choose from"))
            }
            Param::Choice { .. } => None,
        }
    }

    /// The value as text: an integer, a real (four decimals, or `1.038e-5` style when small
    /// or large), or the option name.
    pub fn format(&self, value: &Value) -> String {
        match (self, value) {
            (Param::Choice { options, .. }, Value::Choice(i)) => match options.get(*i) {
                Some(option) => option.clone(),
                None => format!("#{i}"),
            },
            (_, Value::Int(v)) => v.to_string(),
            (_, Value::Float(v)) if *v != 0.0 && (v.abs() < 1e-2 || v.abs() >= 1e4) => {
                format!("{v:.3e}")
            }
            (_, Value::Float(v)) => format!("{v:.4}"),
            (_, Value::Choice(i)) => format!("#{i}"),
        }
    }
}

/// The searched dimensions, in the order a trial's values are listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Space {
    /// The dimensions; names must be unique.
    pub params: Vec<Param>,
}

impl Space {
    /// A space over `params`.
    pub fn new(params: Vec<Param>) -> Space {
        Space { params }
    }

    /// The first problem that makes the space unsearchable: see [`Param::problem`], or two
    /// dimensions sharing a name.
    pub fn validate(&self) -> Result<(), String> {
        for (i, param) in self.params.iter().enumerate() {
            if let Some(problem) = param.problem() {
                return Err(problem);
            }
            if self.params[..i].iter().any(|p| p.name() == param.name()) {
                return Err(format!("{}: two dimensions share this name", param.name()));
            }
        }
        Ok(())
    }

    /// The position of the dimension called `name`.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.params.iter().position(|p| p.name() == name)
    }

    /// The value of the dimension called `name` among `values` (listed in this space's order).
    pub fn get<'a>(&self, values: &'a [Value], name: &str) -> Option<&'a Value> {
        values.get(self.index_of(name)?)
    }

    /// The option name chosen for the choice dimension called `name`.
    pub fn choice_of(&self, values: &[Value], name: &str) -> Option<&str> {
        let index = self.index_of(name)?;
        match (&self.params[index], values.get(index)?) {
            (Param::Choice { options, .. }, Value::Choice(i)) => {
                options.get(*i).map(String::as_str)
            }
            _ => None,
        }
    }

    /// `values` as `name=value` pairs joined by `", "`, e.g. `"d=185, optimiser=adam"`.
    pub fn describe(&self, values: &[Value]) -> String {
        let pairs = self.params.iter().zip(values);
        let texts: Vec<String> =
            pairs.map(|(p, v)| format!("{}={}", p.name(), p.format(v))).collect();
        texts.join(", ")
    }
}
