//! The page layout and the start-up sequence.

use leptos::prelude::*;

use super::backend_badge::BackendBadge;
use super::classroom::{ClassPanel, ClassState, OpenedResult};
use super::confusion::{ConfusionPanel, FirstAnswers};
use super::controls::{ControlsDrawer, TrainButtons};
use super::embedding::{EmbeddingPanel, SpectrumPanel};
use super::error_banner::ErrorBanner;
use super::explore::ExplorePanel;
use super::file_drop::DropTarget;
use super::filters::FiltersPanel;
use super::full_data::FullData;
use super::nav::{FirstVisit, SectionNav};
use super::presets::PresetGallery;
use super::image_grid::ReconGrid;
use super::adjust::AdjustWhileTraining;
use super::loss_chart::LossChart;
use super::progress::ProgressPanel;
use super::runs::{ResumeOffer, RunsPanel};
use super::hub::Hub;
use super::state::RunPhase;
use super::presentation::{Presentation, PresentationMode};
use super::share_link::ShareLink;
use super::update_banner::UpdateBanner;
use super::worker_restart::WorkerRestart;
use super::{autorun, url, worker_link};
use replab_core::protocol::{Request, RunEnd};

#[component]
pub fn App() -> impl IntoView {
    let (settings, mut warnings) = url::settings_from_location();
    let (extras, extra_warnings) = url::extras_from_location();
    let understood = warnings.is_empty() && extra_warnings.is_empty();
    warnings.extend(extra_warnings);
    let hub = Hub::new(settings.clone());
    let state = hub.lab;
    provide_context(state);
    provide_context(hub.explore);
    provide_context(hub.embedding);
    provide_context(hub.presets);
    provide_context(hub.confusion);
    provide_context(hub.runs);
    provide_context(ClassState::new());
    hub.presets.restore(state.error);
    let full_data = FullData::new();
    provide_context(full_data);
    if let Some((id, size)) = extras.preset {
        hub.presets.open.set(Some(id));
        hub.presets.size.set(size);
        url::set_preset(Some(id), &settings);
    }
    provide_context(Presentation::new(extras.present));
    // A link that was not understood does not start a run with settings it did not ask for.
    match (extras.autorun, understood) {
        (true, true) => autorun::start_when_ready(state, hub.presets, hub.runs),
        (true, false) => warnings.push("not started automatically (autorun=1): check the settings, then press Train".into()),
        _ => {}
    }
    if !warnings.is_empty() {
        state.error.set(Some(warnings.join("; ")));
    }
    // Whatever control replaces a finished run that was not saved, it is kept first.
    worker_link::before_replacing(move |request| hub.runs.keep_before(request));
    worker_link::spawn(state, move |event| hub.apply(event), settings.backend);
    worker_link::send(Request::Init { backend: settings.backend });
    full_data.load(state, settings.dataset);
    // Closing or reloading the tab asks first while a run would be lost: training, paused, or
    // finished and not saved.
    let _ = window_event_listener(leptos::ev::beforeunload, move |ev| {
        let unsaved = match state.run.get_untracked() {
            RunPhase::Training | RunPhase::Paused | RunPhase::Starting => true,
            RunPhase::Ended(RunEnd::Completed | RunEnd::Stopped) => !hub.runs.saved.get_untracked(),
            _ => false,
        };
        if unsaved {
            ev.prevent_default();
            let _ = js_sys::Reflect::set(&ev, &"returnValue".into(), &"".into());
        }
    });
    // Keep the address bar in step with the settings, so a copied URL reopens this experiment.
    Effect::new(move |_| state.settings.with(url::write_location));

    view! {
        <DropTarget/>
        <PresentationMode/>
        <header class="top">
            <div>
                <h1>"Representation Lab"</h1>
                <p class="tagline">"Train autoencoders, VAEs, contrastive embedders and classifiers on your own GPU, then explore what they learned."</p>
            </div>
            <BackendBadge/>
        </header>
        <SectionNav/>
        <ErrorBanner/>
        <UpdateBanner/>
        <WorkerRestart/>
        <ResumeOffer/>
        <FirstVisit/>
        <OpenedResult/>
        <main class="layout" id="train">
            <aside class="panel controls">
                <ControlsDrawer/>
                <TrainButtons/>
                <ShareLink/>
            </aside>
            <section class="panel results">
                <ProgressPanel/>
                <LossChart/>
                <AdjustWhileTraining/>
                <ReconGrid answers=ViewFn::from(|| view! { <FirstAnswers/> })/>
            </section>
        </main>
        <div class="layout runs-row" id="runs">
            <RunsPanel/>
            <ClassPanel/>
        </div>
        <ConfusionPanel/>
        <div class="layout embedding-row" id="embedding">
            <EmbeddingPanel/>
            <SpectrumPanel/>
        </div>
        <div class="layout explore-row" id="explore">
            <ExplorePanel/>
            <FiltersPanel/>
        </div>
        <div class="presets-row" id="experiments">
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
