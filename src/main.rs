//! The page's entry point: mount the UI. (Native builds have no page; see `cargo test`.)

fn main() {
    #[cfg(target_arch = "wasm32")]
    replab::ui::mount();
}
