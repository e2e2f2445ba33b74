//! The page's entry point: mount the UI (built with `--features ui`, wasm only).

// Run the static constructors once, so wasm-ld does not re-run them on every call into the
// wasm (see src/bin/worker.rs).
#[cfg(target_arch = "wasm32")]
unsafe extern "C" {
    fn __wasm_call_ctors();
}

fn main() {
    #[cfg(all(target_arch = "wasm32", feature = "ui"))]
    {
        // SAFETY: called once, first, before anything reads a constructed static.
        unsafe { __wasm_call_ctors() };
        replab::ui::mount();
    }
}
