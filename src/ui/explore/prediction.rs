//! `draw-prediction`: the class the drawing is given, with every class's probability as a bar:
//! by the trained classifier itself, or by a linear classifier on an encoder's codes.

use leptos::prelude::*;

use super::state::ExploreState;
use crate::ui::state::LabState;

#[component]
pub fn DrawPrediction(
    /// A finished classifier reads drawings itself: no linear evaluation to wait for.
    #[prop(into)]
    classifier: Signal<bool>,
) -> impl IntoView {
    let state = expect_context::<LabState>();
    let explore = expect_context::<ExploreState>();
    let names = move || state.data.with(|d| d.map(|d| d.id.class_names()));
    let body = move || {
        let own = explore.classified.get();
        let probabilities = own.or_else(|| explore.drawn.with(|d| d.as_ref().map(|d| d.probabilities.clone()))).unwrap_or_default();
        let best = probabilities.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)).map(|(i, p)| (i, *p));
        let Some((best, p)) = best else {
            if classifier.get() {
                return view! { <p class="hint">"Draw on the pad: the classifier’s answer appears here."</p> }.into_any();
            }
            return view! {
                <p class="hint">
                    "Press “Evaluate the codes” (linear evaluation, in the embedding panel) after training: "
                    "the classifier it fits then predicts the class of your drawing here."
                </p>
            }
            .into_any();
        };
        let name = |i: usize| names().and_then(|n| n.get(i).map(|s| s.to_string())).unwrap_or_else(|| i.to_string());
        let bars = probabilities
            .iter()
            .enumerate()
            .map(|(i, p)| {
                view! {
                    <div class="prob-row" class:best=i == best data-class=i>
                        <span class="prob-name">{name(i)}</span>
                        <span class="prob-bar" style=format!("width:{:.1}%", p * 100.0)></span>
                        <span class="prob-value">{format!("{:.0}%", p * 100.0)}</span>
                    </div>
                }
            })
            .collect_view();
        view! {
            <p class="figure">{format!("Predicted: {} ({:.0}%)", name(best), p * 100.0)}</p>
            <div class="probabilities">{bars}</div>
        }
        .into_any()
    };
    view! { <div class="draw-prediction" data-testid="draw-prediction">{body}</div> }
}
