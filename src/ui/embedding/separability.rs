//! `separability-table`: every run of this visit with the k-NN accuracy of its test codes and
//! its linear evaluation, so latent spaces compare as numbers (B6 in the reports), not only as
//! pictures.

use leptos::prelude::*;

use super::state::EmbeddingState;

fn percent(v: f32) -> String {
    if v.is_finite() { format!("{:.1}%", v * 100.0) } else { "–".into() }
}

#[component]
pub fn SeparabilityTable() -> impl IntoView {
    let embedding = expect_context::<EmbeddingState>();
    let rows = move || {
        embedding.runs.with(|runs| {
            runs.iter()
                .enumerate()
                .filter(|(_, r)| r.knn.is_finite())
                .map(|(i, r)| {
                    view! {
                        <tr>
                            <td>{i + 1}</td>
                            <td>{r.title.clone()}</td>
                            <td>{r.dim}</td>
                            <td>{r.step}</td>
                            <td>{percent(r.knn)}</td>
                            <td>{r.linear.map_or_else(|| "–".to_string(), percent)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let any = move || embedding.runs.with(|r| r.iter().any(|r| r.knn.is_finite()));
    view! {
        <Show when=any>
            <table class="separability" data-testid="separability-table">
                <caption>"Runs of this visit: how well the test codes separate the classes"</caption>
                <thead>
                    <tr>
                        <th>"#"</th>
                        <th>"model"</th>
                        <th>"code size"</th>
                        <th>"step"</th>
                        <th>"k-NN (k = 10)"</th>
                        <th>"linear eval."</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </Show>
    }
}
