// Starts the training worker's wasm. The page loads this file as
// `worker_loader.js?v=<build id>[&bin=worker_cpu]` and the same query is passed on, so each build
// fetches its own (unhashed) worker files instead of a cached older copy.
const version = self.location.search;
// A lost GPU (a driver reset, the device destroyed, the browser reclaiming it) is told to the page
// at once, as the worker's `Event::GpuLost`: every device asked for is watched. The page then
// stops this worker and offers to go on on the CPU from the run's last checkpoint.
if (self.GPUAdapter) {
  const requestDevice = GPUAdapter.prototype.requestDevice;
  GPUAdapter.prototype.requestDevice = async function (...args) {
    const device = await requestDevice.apply(this, args);
    device.lost.then((info) => self.postMessage({ GpuLost: { message: `${info.reason || 'unknown'}: ${info.message || 'no detail'}` } }));
    return device;
  };
}
// `bin=worker_cpu` starts the CPU-only build (no WebGPU code: a smaller download), and
// `bin=relaxed/worker_cpu` the same with relaxed SIMD in its matmul kernels; the page asks for
// one of them when training will be on the CPU (src/ui/worker_link.rs).
const BINS = ["worker", "worker_cpu", "relaxed/worker_cpu"];
const asked = new URLSearchParams(version).get("bin");
const bin = BINS.includes(asked) ? asked : "worker";
importScripts(`./${bin}.js${version}`);
const started = wasm_bindgen({ module_or_path: `./${bin}_bg.wasm${version}` });
// Where the relaxed build is refused after all (the page tests for relaxed SIMD first), the error
// is thrown outside the promise so that it reaches the page's `onerror`, which then starts the
// plain CPU worker with the same requests.
if (bin === "relaxed/worker_cpu") started.catch((e) => setTimeout(() => { throw e; }));
