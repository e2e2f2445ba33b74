//! The training worker for the CPU only (the `worker` bin without `gpu` and `fusion`, so
//! without wgpu and CubeCL: a smaller download). Started where training will be on the CPU
//! and the threaded worker cannot run. See src/ui/worker_link.rs.

fn main() {
    // The worker exists only on wasm32 (natively the bin is empty: `cargo test` builds it).
    #[cfg(target_arch = "wasm32")]
    replab::worker::main();
}
