//! `class-panel`: the teacher's table. Paste the class's result links (`class-paste`, then
//! `class-add`; what did not read is said in `class-status`), and the table (`class-table`,
//! one `class-row` each, `class-remove` to take one out) lists who ran what and what it
//! reached, with the settings the class varied as columns; where they varied one number, the
//! sweep chart (`class-sweep`). `class-csv` downloads it, `class-clear` empties it. A page
//! opened from a result link offers that result (`class-opened`, `class-add-opened`).

use leptos::prelude::*;

use super::ClassState;
use super::sweep_chart::SweepChart;
use crate::ui::download::download_text;
use crate::ui::url::page_url;
use replab_core::classroom::SharedResult;
use replab_core::protocol::Metrics;

/// "test loss 0.0248 · accuracy 91.2% · KL 12.35".
fn figures(r: &SharedResult) -> String {
    Metrics { loss: r.test_loss, kl: r.kl, accuracy: r.accuracy }.summary()
}

/// What was trained, in a few words: "MNIST digits · MLP autoencoder · k 2 · lr 0.001".
fn trained(r: &SharedResult) -> String {
    let hp = &r.settings.hp;
    format!("{} · {} · k {} · lr {}", r.settings.dataset.title(), hp.model.label(), hp.latent, hp.lr)
}

/// The banner of a page opened from a result link (at the top of the page).
#[component]
pub fn OpenedResult() -> impl IntoView {
    let class = expect_context::<ClassState>();
    move || {
        class.opened.get().map(|r| {
            let text = format!(
                "This link is {}’s result: {} after {} epoch{} ({}). The form holds its settings: press Train to run it yourself.",
                r.shown_name(),
                figures(&r),
                r.epochs,
                if r.epochs == 1 { "" } else { "s" },
                trained(&r)
            );
            let add = move |_| {
                if let Some(r) = class.opened.get_untracked() {
                    class.update(|t| {
                        t.paste(&r.to_query());
                    });
                }
                class.opened.set(None);
            };
            view! {
                <p class="class-opened" data-testid="class-opened">
                    {text}" "
                    <button class="primary" data-testid="class-add-opened" on:click=add>"Add to my class table"</button>
                    <button on:click=move |_| class.opened.set(None)>"Dismiss"</button>
                </p>
            }
        })
    }
}

#[component]
pub fn ClassPanel() -> impl IntoView {
    let class = expect_context::<ClassState>();
    let pasted = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let add = move |_| {
        let text = pasted.get_untracked();
        let mut outcome = (0, 0, Vec::new());
        class.update(|t| outcome = t.paste(&text));
        let (added, duplicates, problems) = outcome;
        let mut parts = vec![format!("{added} result{} added", if added == 1 { "" } else { "s" })];
        if duplicates > 0 {
            parts.push(format!("{duplicates} already in the table"));
        }
        parts.extend(problems.iter().map(ToString::to_string));
        status.set(parts.join("; "));
        if problems.is_empty() {
            pasted.set(String::new());
        }
    };
    let varied = Memo::new(move |_| class.table.with(|t| t.varied()));
    let comparable = Memo::new(move |_| class.table.with(|t| t.comparable()));
    // Autoencoders report no accuracy: an always-empty column would push the losses off a phone.
    let accuracies = Memo::new(move |_| class.table.with(|t| t.rows.iter().any(|r| r.accuracy.is_some())));
    let csv = move |_| {
        let text = class.table.with_untracked(|t| t.to_csv(&page_url()));
        download_text("class-results.csv", "text/csv", &text);
    };
    let rows = move || {
        let varied = varied.get();
        let accuracies = accuracies.get();
        let best = comparable.get().then(|| class.table.with(|t| {
            t.rows.iter().enumerate().filter(|(_, r)| r.test_loss.is_finite()).min_by(|a, b| a.1.test_loss.total_cmp(&b.1.test_loss)).map(|(i, _)| i)
        })).flatten();
        class.table.get().rows.into_iter().enumerate().map(|(i, r)| {
            let cells = varied.iter().map(|v| view! { <td>{r.settings.get(v.key)}</td> }).collect_view();
            let link = format!("{}?{}", page_url(), r.to_query());
            view! {
                <tr data-testid="class-row" class:best=best == Some(i)>
                    <th scope="row" title=r.shown_name().to_string()>{r.shown_name().to_string()}</th>
                    {cells}
                    <td>{r.epochs}</td>
                    <td class="num">{if r.test_loss.is_finite() { format!("{:.4}", r.test_loss) } else { "diverged".into() }}</td>
                    {accuracies.then(|| view! { <td class="num">{r.accuracy.map(|a| format!("{:.1}%", a * 100.0)).unwrap_or_default()}</td> })}
                    <td><a href=link title="Open this run's settings">"open"</a></td>
                    <td>
                        <button
                            data-testid="class-remove"
                            aria-label=format!("Remove {}’s result", r.shown_name())
                            on:click=move |_| class.update(|t| { t.rows.remove(i); })
                        >
                            "×"
                        </button>
                    </td>
                </tr>
            }
        }).collect_view()
    };
    view! {
        <section class="panel class-panel" data-testid="class-panel" aria-labelledby="class-title">
            <h2 id="class-title">"Class results"</h2>
            <p class="hint">
                "For teachers: each student presses “Share result” on a saved run and sends you the link. Paste the links here (any number, "
                "one per line): the table shows what each student trained and reached — never their weights — and, when the class varied "
                "one setting, how the test loss follows it. Kept in this browser."
            </p>
            <textarea
                data-testid="class-paste"
                rows="3"
                aria-label="Result links to add"
                placeholder="Paste result links here"
                prop:value=move || pasted.get()
                on:input=move |e| pasted.set(event_target_value(&e))
            ></textarea>
            <div class="share-row">
                <button class="primary" data-testid="class-add" prop:disabled=move || pasted.with(|p| p.trim().is_empty()) on:click=add>
                    "Add to table"
                </button>
                <button data-testid="class-csv" prop:disabled=move || class.table.with(|t| t.rows.is_empty()) on:click=csv>"Download CSV"</button>
                <button
                    class="danger"
                    data-testid="class-clear"
                    prop:disabled=move || class.table.with(|t| t.rows.is_empty())
                    on:click=move |_| class.update(|t| t.rows.clear())
                >
                    "Clear table"
                </button>
            </div>
            <p class="hint" role="status" data-testid="class-status">{move || status.get()}</p>
            {move || class.unsaved.get().map(|why| view! { <p class="error-text" role="alert">{why}</p> })}
            <Show when=move || class.table.with(|t| !t.rows.is_empty())>
                <div class="table-scroll">
                    <table class="class-table" data-testid="class-table">
                        <thead>
                            <tr>
                                <th scope="col">"Student"</th>
                                {move || varied.get().into_iter().map(|v| view! { <th scope="col">{v.label}</th> }).collect_view()}
                                <th scope="col">"Epochs"</th>
                                <th scope="col">"Test loss"</th>
                                {move || accuracies.get().then(|| view! { <th scope="col">"Accuracy"</th> })}
                                <th scope="col">"Run"</th>
                                <th scope="col"><span class="visually-hidden">"Remove"</span></th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <p class="hint" data-testid="class-note">
                    {move || {
                        let n = varied.with(Vec::len);
                        if !comparable.get() {
                            "The class trained different datasets, models or losses: their test losses are not on one scale, so no run is marked best.".to_string()
                        } else if n == 0 {
                            "Everyone trained the same settings: the spread of the test loss is the run-to-run variation.".to_string()
                        } else {
                            "The lowest test loss is marked. Columns show only the settings the class varied.".to_string()
                        }
                    }}
                </p>
                {move || class.table.with(|t| t.sweep()).map(|sweep| view! { <SweepChart sweep=sweep/> })}
            </Show>
        </section>
    }
}
