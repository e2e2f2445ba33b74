//! The page layout and the start-up sequence.

use leptos::prelude::*;

use super::backend_badge::BackendBadge;
use super::confusion::ConfusionPanel;
use super::controls::{Controls, TrainButtons};
use super::embedding::{EmbeddingPanel, SpectrumPanel};
use super::error_banner::ErrorBanner;
use super::explore::ExplorePanel;
use super::file_drop::DropTarget;
use super::presets::PresetGallery;
use super::image_grid::ReconGrid;
use super::loss_chart::LossChart;
use super::progress::ProgressPanel;
use super::runs::RunsPanel;
use super::state::LabState;
use super::update_banner::UpdateBanner;
use super::{url, worker_link};
use crate::lab::protocol::Request;

#[component]
pub fn App() -> impl IntoView {
    let (settings, warnings) = url::settings_from_location();
    let state = LabState::new(settings.clone());
    provide_context(state);
    provide_context(state.explore);
    provide_context(state.embedding);
    provide_context(state.presets);
    provide_context(state.confusion);
    provide_context(state.runs);
    if let Some(id) = url::query_value("preset").and_then(|id| crate::lab::presets::preset(&id)).map(|p| p.id) {
        state.presets.open.set(Some(id));
        url::set_preset(Some(id), &settings);
    }
    if !warnings.is_empty() {
        state.error.set(Some(warnings.join("; ")));
    }
    match worker_link::spawn(state) {
        Ok(()) => {
            worker_link::send(Request::Init { backend: settings.backend });
            worker_link::send(Request::LoadDataset { id: settings.dataset });
        }
        Err(message) => state.error.set(Some(message)),
    }
    // Keep the address bar in step with the settings, so a copied URL reopens this experiment.
    Effect::new(move |_| state.settings.with(url::write_location));

    view! {
        <DropTarget/>
        <header class="top">
            <div>
                <h1>"Representation Lab"</h1>
                <p class="tagline">"Train autoencoders, VAEs, contrastive embedders and classifiers on your own GPU, then explore what they learned."</p>
            </div>
            <BackendBadge/>
        </header>
        <ErrorBanner/>
        <UpdateBanner/>
        <main class="layout">
            <aside class="panel controls">
                <Controls/>
                <TrainButtons/>
            </aside>
            <section class="panel results">
                <ProgressPanel/>
                <LossChart/>
                <ReconGrid/>
            </section>
        </main>
        <div class="layout runs-row">
            <RunsPanel/>
        </div>
        <ConfusionPanel/>
        <div class="layout embedding-row">
            <EmbeddingPanel/>
            <SpectrumPanel/>
        </div>
        <div class="layout explore-row">
            <ExplorePanel/>
        </div>
        <div class="presets-row">
            <PresetGallery/>
        </div>
        <footer class="credits">
            "Datasets: "
            <a href="http://yann.lecun.com/exdb/mnist/">"MNIST"</a>
            " (LeCun, Cortes & Burges; CC BY-SA 3.0) · "
            <a href="https://github.com/zalandoresearch/fashion-mnist">"Fashion-MNIST"</a>
            " (Xiao, Rasul & Vollgraf, Zalando Research; MIT) · "
            <a href="https://www.cs.toronto.edu/~kriz/cifar.html">"CIFAR-10"</a>
            " (Krizhevsky, “Learning Multiple Layers of Features from Tiny Images”, 2009). "
            "The lab ships subsets: 10,000/2,000 MNIST and Fashion-MNIST images, 4,000/1,000 CIFAR-10 images. "
            "Built with burn, Leptos and WebGPU."
        </footer>
    }
}
