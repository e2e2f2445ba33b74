//! The Web Worker's entry point (built by Trunk as `data-type="worker"`).

// wasm-ld links a bin as a "command" and, unless the module runs its static constructors
// itself, re-runs all of them at the top of *every* export, i.e. on every call from JS into the
// wasm (each message, each promise callback, each externref slot). burn's IR registers
// thousands of constructors (inventory), so that cost ~10 ms per call: slider decodes took
// 30–90 ms instead of ~1 ms. Calling them once here turns the wrapping off (see inventory's docs).
#[cfg(target_arch = "wasm32")]
unsafe extern "C" {
    fn __wasm_call_ctors();
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        // SAFETY: called once, first, before anything reads a constructed static.
        unsafe { __wasm_call_ctors() };
        replab::worker::run();
    }
}
