//! Linear evaluation: a linear classifier on the frozen codes, its test accuracy beside the
//! SimCLR report's (B4).

use leptos::prelude::*;

use super::state::EmbeddingState;
use replab_core::data::DatasetId;
use replab_core::protocol::Request;
use crate::ui::state::{LabState, RunPhase};
use crate::ui::worker_link::send;

/// The report's figure for this dataset (B4: frozen encoder + classifier after SimCLR).
fn reported(id: DatasetId) -> Option<&'static str> {
    match id {
        DatasetId::Mnist => Some("96.84% (B4: SimCLR, MLP 784-256-128 on all 60,000 images)"),
        DatasetId::Cifar10 => Some("74.99% (B4: SimCLR, ResNet-18 on all 50,000 images)"),
        _ => None,
    }
}

#[component]
pub fn LinearEvalPanel() -> impl IntoView {
    let state = expect_context::<LabState>();
    let embedding = expect_context::<EmbeddingState>();
    let ready = move || {
        matches!(state.run.get(), RunPhase::Ended(_)) && state.plan.with(Option::is_some)
    };
    let run = move |_| {
        embedding.evaluating.set(true);
        send(Request::LinearEval);
    };
    let result = move || {
        embedding.linear_eval.get().map(|r| {
            format!(
                "Test accuracy {:.2}% (train {:.2}%): a linear classifier on the frozen {}-D codes of {} training images.",
                r.test_accuracy * 100.0,
                r.train_accuracy * 100.0,
                r.dim,
                r.train_len
            )
        })
    };
    let reference = move || {
        state.data.with(|d| d.and_then(|d| reported(d.id))).map(|text| {
            view! {
                <p class="reference">
                    "Reported: " {text}
                    ". The lab trains a smaller model on a subset for a few epochs, so expect less."
                </p>
            }
        })
    };
    view! {
        <div class="linear-eval">
            <h3>"Linear evaluation"</h3>
            <p class="hint">
                "Freeze the network and fit a linear classifier on its codes (a classifier's hidden features): "
                "how much class information do they hold?"
            </p>
            <button data-testid="linear-eval-button" on:click=run prop:disabled=move || !ready() || embedding.evaluating.get()>
                {move || if embedding.evaluating.get() { "Evaluating…" } else { "Evaluate the codes" }}
            </button>
            <p data-testid="linear-eval-accuracy" class="figure">{result}</p>
            {reference}
        </div>
    }
}
