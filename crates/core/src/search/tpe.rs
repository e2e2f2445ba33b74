//! The Tree-structured Parzen Estimator (Bergstra et al. 2011), independent per dimension
//! like Optuna's default `TPESampler`.
//!
//! The completed trials, sorted by value (ties: earlier first), are split: the lowest
//! `ceil(gamma · n)` (at least 1, at most 25) are *good*; the other completed trials and every
//! pruned or failed trial (its values led to a loss above the median, a divergence or an
//! error) are *bad*. For each dimension, a density `l` is fitted to the good trials' values
//! and `g` to the bad ones' (see [`super::parzen`]; log dimensions in `ln` space, integers as
//! reals then rounded), `candidates` values are drawn from `l` and the one with the largest
//! `ln l(x) − ln g(x)` is kept. Running trials are ignored.

use rand::Rng;

use super::axis::Axis;
use super::parzen::{Categorical, Parzen};
use super::sampler::TpeSettings;
use super::space::{Param, Space};
use super::trial::{Trial, TrialState};
use super::value::Value;

/// The largest good group, as in Optuna.
const MAX_GOOD: usize = 25;

/// TPE's proposal for the next trial, or `None` while too few trials have finished (fewer
/// than `startup_trials`, or none completed): the caller then draws at random.
pub(super) fn sample_tpe<R: Rng + ?Sized>(
    space: &Space,
    trials: &[Trial],
    settings: &TpeSettings,
    rng: &mut R,
) -> Option<Vec<Value>> {
    let finished = trials.iter().filter(|t| t.state.is_finished()).count();
    let mut completed: Vec<(f64, &Trial)> =
        trials.iter().filter_map(|t| Some((t.value()?, t))).collect();
    if finished < settings.startup_trials || completed.is_empty() {
        return None;
    }
    completed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.number.cmp(&b.1.number)));
    let n_good = ((settings.gamma * completed.len() as f64).ceil() as usize).clamp(1, MAX_GOOD);
    let n_good = n_good.min(completed.len());
    let mut good: Vec<&Trial> = completed[..n_good].iter().map(|&(_, t)| t).collect();
    let mut bad: Vec<&Trial> = completed[n_good..].iter().map(|&(_, t)| t).collect();
    let stopped =
        |t: &&Trial| matches!(t.state, TrialState::Pruned { .. } | TrialState::Failed { .. });
    bad.extend(trials.iter().filter(stopped));
    // Oldest first, for the observation weights.
    good.sort_by_key(|t| t.number);
    bad.sort_by_key(|t| t.number);
    let values = space.params.iter().enumerate().map(|(i, param)| {
        let good: Vec<&Value> = good.iter().filter_map(|t| t.values.get(i)).collect();
        let bad: Vec<&Value> = bad.iter().filter_map(|t| t.values.get(i)).collect();
        sample_dimension(param, &good, &bad, settings, rng)
    });
    Some(values.collect())
}

/// The value of one dimension with the best `l/g` among `settings.candidates` draws from `l`.
fn sample_dimension<R: Rng + ?Sized>(
    param: &Param,
    good: &[&Value],
    bad: &[&Value],
    settings: &TpeSettings,
    rng: &mut R,
) -> Value {
    let candidates = settings.candidates.max(1);
    if let Param::Choice { options, .. } = param {
        let n = options.len();
        let indices =
            |vs: &[&Value]| -> Vec<usize> { vs.iter().filter_map(|v| v.as_choice()).collect() };
        let l = Categorical::new(&indices(good), n, settings.prior_weight);
        let g = Categorical::new(&indices(bad), n, settings.prior_weight);
        let draws = (0..candidates).map(|_| l.sample(rng));
        let best = argmax(draws, |&c| l.log_pmf(c) - g.log_pmf(c));
        return Value::Choice(best);
    }
    let axis = Axis::of(param).expect("a numeric dimension has an axis");
    if axis.hi <= axis.lo {
        return axis.to_value(axis.lo);
    }
    let coordinates =
        |vs: &[&Value]| -> Vec<f64> { vs.iter().map(|v| axis.to_internal(v)).collect() };
    let l = Parzen::new(&coordinates(good), axis.lo, axis.hi, settings.prior_weight);
    let g = Parzen::new(&coordinates(bad), axis.lo, axis.hi, settings.prior_weight);
    let draws = (0..candidates).map(|_| l.sample(rng));
    axis.to_value(argmax(draws, |&x| l.log_pdf(x) - g.log_pdf(x)))
}

/// The first item with the largest score (NaN scores never win over a number).
fn argmax<T>(items: impl Iterator<Item = T>, score: impl Fn(&T) -> f64) -> T {
    let mut best: Option<(f64, T)> = None;
    for item in items {
        let s = score(&item);
        let better = match &best {
            None => true,
            Some((b, _)) => s > *b || (b.is_nan() && !s.is_nan()),
        };
        if better {
            best = Some((s, item));
        }
    }
    best.expect("at least one candidate").1
}
