//! E2's result: the best trial's values beside the report's, the validation loss of every
//! trial with the running best, and the trials themselves for the sortable table.

use super::report::JobOutcome;
use super::result::{Chart, PresetResult, ResultRow, SearchSummary, Series, Unit};
use super::Preset;
use super::verdict::{self, Verdict, VerdictKind};
use crate::search::{Study, TrialState, Value};

/// The result of a search run so far.
pub fn search_result(preset: &Preset, study: &Study, outcomes: &[JobOutcome], total_jobs: usize) -> PresetResult {
    let best = study.best();
    let space = study.space();
    let value = |name: &str| best.and_then(|t| space.get(&t.values, name)).map(Value::as_f64);
    let lab_row = |metric: &str, unit: Unit, lab: Option<f64>, lab_text: Option<String>| {
        let reported = preset.reported.iter().find(|r| r.metric == metric);
        // A search's pick against the report's (a ratio: picks vary more than figures do), or
        // the same word.
        let verdict = match (lab, reported.and_then(|r| r.value.map(|v| (v, r.text))), &lab_text, reported) {
            (Some(lab), Some((value, text)), _, _) if lab.is_finite() => Some(verdict::number(lab, value, text, Unit::Number)),
            (None, None, Some(text), Some(r)) => Some(if text.eq_ignore_ascii_case(r.text) {
                Verdict { kind: VerdictKind::Reproduced, why: "the same choice".into() }
            } else {
                Verdict { kind: VerdictKind::Far, why: format!("the report picked {}", r.text) }
            }),
            _ => None,
        };
        ResultRow {
            metric: metric.into(),
            label: reported.map_or(metric, |r| r.label).into(),
            unit,
            lab,
            lab_spread: None,
            lab_text,
            reported: reported.map_or_else(|| "–".into(), |r| r.text.into()),
            verdict,
        }
    };
    let optimiser = best.and_then(|t| space.choice_of(&t.values, "optimiser")).map(|o| if o == "adam" { "Adam".into() } else { "SGD".into() });
    let mut rows = vec![
        lab_row("best_d", Unit::Count, value("d"), None),
        lab_row("best_optimiser", Unit::Number, None, optimiser),
        lab_row("best_lr", Unit::Number, value("lr"), None),
        lab_row("best_dropout", Unit::Number, value("dropout"), None),
        lab_row("best_weight_decay", Unit::Number, value("weight_decay"), None),
    ];
    let mut best_row = lab_row("best_val_loss", Unit::Loss, best.and_then(|t| t.value()), None);
    best_row.label = "best validation MSE".into();
    rows.push(best_row);
    let count = |f: fn(&TrialState) -> bool| study.trials().iter().filter(|t| f(&t.state)).count();
    let (completed, pruned, failed) = (
        count(|s| matches!(s, TrialState::Complete { .. })),
        count(|s| matches!(s, TrialState::Pruned { .. })),
        count(|s| matches!(s, TrialState::Failed { .. })),
    );
    let mut running_best = f64::INFINITY;
    let mut trials = Vec::new();
    let mut best_so_far = Vec::new();
    for t in study.trials() {
        if let Some(v) = t.value() {
            trials.push((t.number as f64, v));
            running_best = running_best.min(v);
            best_so_far.push((t.number as f64, running_best));
        }
    }
    let chart = Chart::Lines {
        title: format!("Validation MSE of each completed trial ({})", study.sampler().key()),
        x_label: "trial".into(),
        y_label: "validation MSE".into(),
        log_x: false,
        log_y: true,
        series: vec![Series { name: "trial".into(), points: trials }, Series { name: "best so far".into(), points: best_so_far }],
    };
    PresetResult {
        id: preset.id.into(),
        finished_jobs: outcomes.len(),
        total_jobs,
        rows,
        charts: vec![chart],
        galleries: Vec::new(),
        confusions: Vec::new(),
        scatters: Vec::new(),
        params: Vec::new(),
        notes: vec![format!("{} trials: {completed} completed, {pruned} pruned early, {failed} failed.", study.trials().len())],
        search: Some(SearchSummary {
            sampler: study.sampler(),
            space: space.clone(),
            trials: study.trials().to_vec(),
            best: best.map(|t| t.number),
        }),
        size: None,
    }
}
