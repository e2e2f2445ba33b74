// Starts the threaded training worker (a module worker; see src/ui/worker_link.rs). The page
// loads this file as `worker_threads_loader.js?v=<build id>` and the query is passed on, so each
// build fetches its own (unhashed) worker files. Its wasm's `main` starts the thread pool
// (wasm-bindgen-rayon: more module workers sharing this one's memory) and then listens.
const version = new URL(import.meta.url).search;
const { default: init } = await import(`./threads/worker.js${version}`);
await init({ module_or_path: `./threads/worker_bg.wasm${version}` });
