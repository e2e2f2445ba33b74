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
// `bin=worker_cpu` starts the CPU-only build (no WebGPU code: a smaller download); the page
// asks for it when training will be on the CPU (src/ui/worker_link.rs).
const bin = new URLSearchParams(version).get("bin") === "worker_cpu" ? "worker_cpu" : "worker";
importScripts(`./${bin}.js${version}`);
wasm_bindgen({ module_or_path: `./${bin}_bg.wasm${version}` });
