//! The training worker with WebGPU (wgpu, CubeCL, fusion) and the CPU (built by Trunk as
//! `data-type="worker"`): started for `backend=webgpu`, `measure`, and `auto` where the browser
//! offers a hardware adapter. See src/ui/worker_link.rs.

fn main() {
    replab::worker::main();
}
