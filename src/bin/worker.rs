//! The training worker with WebGPU (wgpu, CubeCL, fusion) and the CPU (built by Trunk as
//! `data-type="worker"`): started for `backend=webgpu`, `measure`, and `auto` where the browser
//! offers a hardware adapter. See src/ui/worker_link.rs.

fn main() {
    // The worker exists only on wasm32 (natively the bin is empty: `cargo test` builds it).
    #[cfg(target_arch = "wasm32")]
    replab::worker::main();
}
