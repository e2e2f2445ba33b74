//! The page's entry point: mount the UI (built with `--features ui`, wasm only).

fn main() {
    #[cfg(all(target_arch = "wasm32", feature = "ui"))]
    replab::ui::mount();
}
