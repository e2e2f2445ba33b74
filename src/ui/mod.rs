//! The page: small Leptos components over one [`LabState`], talking to the training worker
//! through [`worker_link`]. No tensor code is reachable from here.

mod adjust;
mod app;
mod autorun;
mod backend_badge;
mod canvas2d;
mod chart_frame;
mod classroom;
mod confusion;
mod controls;
mod download;
mod embedding;
mod error_banner;
mod explore;
mod file_drop;
mod filters;
mod full_data;
mod hub;
mod image_grid;
mod jump;
mod loss_chart;
mod nav;
mod presentation;
mod presets;
mod progress;
mod report_redraw;
mod runs;
mod share_link;
mod service_worker;
mod state;
mod update_banner;
mod url;
mod when;
mod worker_link;
mod worker_restart;

pub use app::App;

/// Mount the lab into `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
