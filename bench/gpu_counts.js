// Counts the WebGPU work a page or worker asks for, for the benchmarks (never shipped).
// Injected into the TF.js page with Playwright's addInitScript, and prepended by the bench's
// static server to the lab's worker_loader.js (addInitScript does not reach workers).
//   globalThis.__gpuCounts: running totals of
//     dispatch            GPUComputePassEncoder.dispatchWorkgroups calls
//     dispatch_indirect   GPUComputePassEncoder.dispatchWorkgroupsIndirect calls
//     submit              GPUQueue.submit calls
//     command_buffers     command buffers handed to those submits
//     create_buffer       GPUDevice.createBuffer calls
//     map_async           GPUBuffer.mapAsync calls
//     write_buffer        GPUQueue.writeBuffer calls (reported, not a target)
// In a dedicated worker it also wraps postMessage: every outgoing `{ TrainLoss: {...} }` message
// (the lab's training-chunk event) gets a snapshot of the totals as `TrainLoss.gpu_counts`, plus
// `other_messages`: how many other messages the worker posted since the previous TrainLoss
// (an epoch-end evaluation, a live-scatter snapshot: work that is not training steps).
(() => {
  const g = globalThis;
  if (g.__gpuCounts) return;
  const counts = {
    dispatch: 0, dispatch_indirect: 0, submit: 0, command_buffers: 0, create_buffer: 0, map_async: 0, write_buffer: 0,
  };
  g.__gpuCounts = counts;
  const wrap = (iface, method, count) => {
    const proto = g[iface] && g[iface].prototype;
    const original = proto && proto[method];
    if (typeof original !== 'function') return;
    proto[method] = function (...args) {
      count(args);
      return original.apply(this, args);
    };
  };
  wrap('GPUComputePassEncoder', 'dispatchWorkgroups', () => { counts.dispatch++; });
  wrap('GPUComputePassEncoder', 'dispatchWorkgroupsIndirect', () => { counts.dispatch_indirect++; });
  wrap('GPUQueue', 'submit', (args) => {
    counts.submit++;
    // A sequence: an array from every caller seen so far; any other iterable is copied to an
    // array (and handed on as that array) so that counting never consumes it.
    if (args[0] != null && !Array.isArray(args[0])) args[0] = Array.from(args[0]);
    counts.command_buffers += args[0] ? args[0].length : 0;
  });
  wrap('GPUDevice', 'createBuffer', () => { counts.create_buffer++; });
  wrap('GPUBuffer', 'mapAsync', () => { counts.map_async++; });
  wrap('GPUQueue', 'writeBuffer', () => { counts.write_buffer++; });

  if (typeof g.DedicatedWorkerGlobalScope === 'function' && g instanceof g.DedicatedWorkerGlobalScope) {
    let others = 0;
    const stamp = (message) => {
      if (message && typeof message === 'object' && message.TrainLoss && typeof message.TrainLoss === 'object') {
        message.TrainLoss.gpu_counts = { ...counts, other_messages: others };
        others = 0;
      } else if (!(message && typeof message === 'object' && 'Pong' in message)) {
        // The page's heartbeat (`Pong`, every 5 s since session 10) does no GPU work: a chunk
        // around it still counts (else every ~11 s WebGPU chunk here held one, none counted).
        others++;
      }
    };
    // A [Global] interface's operations are own properties of the global object itself (WebIDL),
    // so wrap it there (and on the prototype too, should an engine put it there).
    for (const target of [g, g.DedicatedWorkerGlobalScope.prototype]) {
      const post = Object.prototype.hasOwnProperty.call(target, 'postMessage') && target.postMessage;
      if (typeof post !== 'function') continue;
      target.postMessage = function (message, ...rest) {
        stamp(message);
        return post.call(this, message, ...rest);
      };
    }
    g.__gpuCountsWorker = true;
  }
})();
