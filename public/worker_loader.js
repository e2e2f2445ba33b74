// Starts the training worker's wasm. The page loads this file as
// `worker_loader.js?v=<build id>` and the same query is passed on, so each build fetches its own
// (unhashed) worker files instead of a cached older copy.
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
importScripts("./worker.js" + version);
wasm_bindgen({ module_or_path: "./worker_bg.wasm" + version });
