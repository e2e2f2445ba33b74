//! What the native reproduction recorded for a card (`docs/reproduction/<size>.json`, the figures
//! of REPRODUCTION.md, built into the page): every claim over three seeds at the tab's default
//! size and on the full datasets. Before a run the card says what to expect and how much the
//! seeds spread; after one, a claim the tab's run did not reproduce says whether the full
//! dataset does (a finding that needs more data than ships) or not (one the lab does not show).

use std::sync::OnceLock;

use leptos::prelude::*;

use replab_core::presets::record::{self, ClaimRecord, ExperimentRecord, Records};
use replab_core::presets::{VerdictKind, preset};
use replab_core::thousands::thousands;

fn recorded(json: &'static str, cell: &'static OnceLock<Records>) -> &'static Records {
    cell.get_or_init(|| record::parse(json))
}

/// The records at the default size (the shipped subsets, as the tab runs it).
fn at_default(id: &str) -> Option<&'static ExperimentRecord> {
    static CELL: OnceLock<Records> = OnceLock::new();
    recorded(include_str!("../../../docs/reproduction/default.json"), &CELL).get(id)
}

/// The records on the full datasets (none for CIFAR-10 here: no official archive was at hand).
fn at_full(id: &str) -> Option<&'static ExperimentRecord> {
    static CELL: OnceLock<Records> = OnceLock::new();
    recorded(include_str!("../../../docs/reproduction/full.json"), &CELL).get(id)
}

/// A claim's verdicts over the seeds as chips ("reproduced 2/3", "reversed 1/3").
fn verdict_chips(claim: &ClaimRecord, size: &'static str) -> impl IntoView + use<> {
    let n = claim.verdicts.len();
    let counts = claim.verdict_counts();
    let unchecked = counts.is_empty().then_some("not checked");
    let chips = counts
        .into_iter()
        .map(|(kind, c)| {
            let key = kind.key();
            view! {
                <span class=format!("verdict verdict-{key}") data-testid="native-verdict" data-size=size data-verdict=key>
                    {format!("{key} {c}/{n}")}
                </span>
            }
        })
        .collect_view();
    view! { {chips}{unchecked} }
}

/// A chip per verdict reached ("3 reproduced", "1 far"), from counts in the order reproduced,
/// close, far, reversed.
pub(super) fn count_chips(counts: [usize; 4]) -> impl IntoView + use<> {
    VerdictKind::ALL
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(kind, n)| view! { <span class=format!("verdict verdict-{}", kind.key()) data-verdict=kind.key()>{format!("{n} {}", kind.key())}</span> })
        .collect_view()
}

/// The lab's figures over the seeds: the mean and range of numbers, or each seed's words on a
/// line of its own.
fn lab_figures(record: &ExperimentRecord, claim: &ClaimRecord) -> impl IntoView + use<> {
    match claim.numbers_over_seeds() {
        Some(numbers) => view! { <span class="native-lab">{numbers}</span> }.into_any(),
        None => record
            .seeds
            .iter()
            .zip(&claim.lab)
            .map(|(seed, text)| view! { <span class="native-lab">{format!("seed {seed}: {text}")}</span> })
            .collect_view()
            .into_any(),
    }
}

fn cell(record: Option<&'static ExperimentRecord>, metric: &str, size: &'static str) -> impl IntoView + use<> {
    match record.and_then(|r| Some((r, r.claim(metric)?))) {
        Some((record, claim)) => view! {
            <td data-size=size>
                <span class="verdict-summary">{verdict_chips(claim, size)}</span>
                {lab_figures(record, claim)}
            </td>
        }
        .into_any(),
        None => view! { <td data-size=size>"not run"</td> }.into_any(),
    }
}

/// The line under a result row whose verdict is not "reproduced": what the full datasets gave
/// natively for the same claim, e.g. "On the full dataset (60,000 training images, natively,
/// seeds 1, 2, 3): reproduced 3/3." `None` where nothing was recorded.
pub(super) fn full_size_line(id: &str, metric: &str) -> Option<String> {
    let full = at_full(id)?;
    let claim = full.claim(metric).filter(|c| !c.verdict_counts().is_empty())?;
    Some(format!(
        "On the full dataset ({} training images, natively, {}): {}.",
        thousands(full.train_images),
        full.seeds_text(),
        claim.verdicts_text()
    ))
}

/// The gallery card's line of what the native record found at the default size
/// (`native-summary`, with `data-<verdict>` counts): each claim counted once, by the verdict
/// most seeds reached ("Natively, 3 seeds: 4 reproduced · 1 reversed"), so a class sees which
/// findings this lab shows before anyone runs a card. `None` for a card not run natively.
pub(super) fn native_summary(id: &'static str) -> Option<impl IntoView + use<>> {
    let record = at_default(id)?;
    let counts = record.usual_verdicts();
    let claims: usize = counts.iter().sum();
    (claims > 0).then(|| {
        let title = format!(
            "Run natively at the default size (the shipped subset, as Run does here), {}: each of the {claims} claims counted by the verdict most seeds reached (a tie, by the one further from the report). Open the card for every seed's figures.",
            record.seeds_text()
        );
        let [reproduced, close, far, reversed] = counts;
        view! {
            <p class="verdict-summary native-summary" data-testid="native-summary" title=title
                data-reproduced=reproduced data-close=close data-far=far data-reversed=reversed>
                <span class="summary-mark">{format!("Natively, {} seed{}:", record.seeds.len(), if record.seeds.len() == 1 { "" } else { "s" })}</span>
                {count_chips(counts)}
            </p>
        }
    })
}

/// The card's native record: a collapsed table of every claim at both sizes, and what each
/// size took; for a CIFAR-10 card without a full-size run, what one would take.
#[component]
pub fn NativeRecord(id: &'static str) -> impl IntoView {
    let default = at_default(id);
    let full = at_full(id);
    let Some(first) = default.or(full) else {
        return view! { <p class="hint" data-testid="native-record-none">"Not yet run natively (REPRODUCTION.md)."</p> }.into_any();
    };
    // Every claim either size recorded, in the card's order.
    let mut claims: Vec<&ClaimRecord> = first.claims.iter().collect();
    for other in [default, full].into_iter().flatten() {
        for c in &other.claims {
            if !claims.iter().any(|k| k.metric == c.metric) {
                claims.push(c);
            }
        }
    }
    let rows = claims
        .into_iter()
        .map(|c| {
            view! {
                <tr data-metric=c.metric.clone()>
                    <th scope="row">{c.label.clone()}</th>
                    <td data-source="reported">{c.reported.clone()}</td>
                    {cell(default, &c.metric, "default")}
                    {cell(full, &c.metric, "full")}
                </tr>
            }
        })
        .collect_view();
    let took = |r: Option<&ExperimentRecord>, what: &str| r.map(|r| format!("{what}: {}.", r.summary()));
    let estimate = preset(id).zip(default).and_then(|(p, d)| record::full_cifar_estimate(p, d, full)).map(|e| {
        format!(
            "Full size: not run (no official CIFAR-10 archive was at hand); at the default run's pace it would take about {} a seed on the same CPU ({:.0}× the work).",
            record::duration(e.seconds),
            e.work
        )
    });
    let notes = [took(default, "Default size"), took(full, "Full datasets"), estimate]
        .into_iter()
        .flatten()
        .map(|line| view! { <p class="hint">{line}</p> })
        .collect_view();
    view! {
        <details class="native-record" data-testid="native-record">
            <summary>"Measured natively over several seeds (REPRODUCTION.md)"</summary>
            <p class="hint">
                "The same experiment code, run outside the browser on a 2-core CPU: at the default size (the shipped subset, as Run does here) and on the full datasets. Each seed's verdict is counted, so the spread shows."
            </p>
            <table class="preset-table native-record-table" tabindex="0" aria-label="Every claim's verdicts over the seeds, natively">
                    <thead>
                        <tr>
                            <th>"claim"</th>
                            <th>"reported"</th>
                            <th>"default size"</th>
                            <th>"full datasets"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            {notes}
        </details>
    }
    .into_any()
}
