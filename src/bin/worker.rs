//! The Web Worker's entry point (built by Trunk as `data-type="worker"`).

fn main() {
    #[cfg(target_arch = "wasm32")]
    replab::worker::run();
}
