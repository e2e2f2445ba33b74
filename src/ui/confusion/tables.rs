//! A confusion matrix as a heat map (counts, colour by row share) and a per-class table of
//! precision, recall and F1: shared by the run view and the preset results.

use leptos::prelude::*;

use replab_core::analysis::Confusion;

/// The heat map's colour of a cell: green on the diagonal, orange off it, by row share.
fn cell_colour(truth: usize, predicted: usize, share: f64) -> String {
    if truth == predicted {
        format!("rgba(43, 138, 62, {:.3})", 0.1 + 0.9 * share)
    } else {
        format!("rgba(217, 72, 15, {:.3})", (share * 3.0).min(1.0))
    }
}

/// The heat map. Props: `confusion`; `names` of the classes; `caption`; `on_pick`, called with
/// (true, predicted) when a cell is clicked (the cells are buttons only when given).
#[component]
pub fn ConfusionMatrix(
    confusion: Confusion,
    names: Vec<String>,
    caption: String,
    #[prop(optional)] on_pick: Option<Callback<(usize, usize)>>,
) -> impl IntoView {
    let n = confusion.classes;
    let name = move |c: usize| names.get(c).cloned().unwrap_or_else(|| c.to_string());
    // The columns are numbered, so that ten fit. Where the classes have names (Fashion-MNIST,
    // CIFAR-10) each row shows its number beside its name; on a phone the rows are numbered only
    // and the caption says which number is which, and which way is true and which predicted.
    let named = (0..n).any(|c| name(c) != c.to_string());
    let pairs = named.then(|| (0..n).map(|c| format!("{c} {}", name(c))).collect::<Vec<_>>().join(" · "));
    let key = format!("rows: true class, columns: predicted{}", pairs.map(|p| format!(" · {p}")).unwrap_or_default());
    let header = (0..n).map(|p| view! { <th scope="col" title=name(p)>{p}</th> }).collect_view();
    let rows = (0..n)
        .map(|t| {
            let cells = (0..n)
                .map(|p| {
                    let share = confusion.row_share(t, p);
                    let count = confusion.count(t, p);
                    let style = format!("background:{}", cell_colour(t, p, share));
                    let title = format!("true {}, predicted {}: {count} ({:.1}% of the row)", name(t), name(p), share * 100.0);
                    match on_pick {
                        Some(pick) => view! {
                            <td>
                                <button class="cell" data-true=t data-pred=p style=style title=title on:click=move |_| pick.run((t, p))>
                                    {count}
                                </button>
                            </td>
                        }
                        .into_any(),
                        None => view! { <td class="cell" data-true=t data-pred=p style=style title=title>{count}</td> }.into_any(),
                    }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row" title=name(t)>
                        <span class="class-name">{name(t)}</span>
                        <span class="class-index" aria-hidden="true">{t}</span>
                    </th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="confusion" class:named=named data-testid="confusion-matrix">
            <caption>{caption}<span class="class-key">{key}</span></caption>
            <thead>
                <tr>
                    <th class="axes" title="rows: the true class; columns: the class predicted">
                        <span>"predicted →"</span>
                        <span>"true ↓"</span>
                    </th>
                    {header}
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// Precision, recall, F1 and support of every class of `confusion`.
#[component]
pub fn PerClassTable(confusion: Confusion, names: Vec<String>) -> impl IntoView {
    let pct = |v: f64| if v.is_finite() { format!("{:.1}%", v * 100.0) } else { "–".into() };
    let rows = confusion
        .per_class()
        .into_iter()
        .enumerate()
        .map(|(c, x)| {
            let name = names.get(c).cloned().unwrap_or_else(|| c.to_string());
            view! {
                <tr data-class=c><th scope="row">{name}</th><td>{pct(x.precision)}</td><td>{pct(x.recall)}</td><td>{pct(x.f1)}</td><td>{x.support}</td></tr>
            }
        })
        .collect_view();
    view! {
        <table class="per-class" data-testid="per-class-table">
            <thead><tr><th>"class"</th><th>"precision"</th><th>"recall"</th><th>"F1"</th><th>"images"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
