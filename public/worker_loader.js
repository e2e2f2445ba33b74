// Starts the training worker's wasm. The page loads this file as
// `worker_loader.js?v=<build id>` and the same query is passed on, so each build fetches its own
// (unhashed) worker files instead of a cached older copy.
const version = self.location.search;
importScripts("./worker.js" + version);
wasm_bindgen({ module_or_path: "./worker_bg.wasm" + version });
