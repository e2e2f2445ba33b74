// Starts the threaded training worker (a module worker; see src/ui/worker_link.rs). The page
// loads this file as `worker_threads_loader.js?v=<build id>[&build=threads-relaxed]` and the
// query is passed on, so each build fetches its own (unhashed) worker files. `build` names the
// folder: `threads` (the default) or its relaxed-SIMD build `threads-relaxed`. Its wasm's `main`
// starts the thread pool (wasm-bindgen-rayon: more module workers sharing this one's memory)
// and then listens.
const version = new URL(import.meta.url).search;
const build = new URLSearchParams(version).get('build') === 'threads-relaxed' ? 'threads-relaxed' : 'threads';
const { default: init } = await import(`./${build}/worker.js${version}`);
await init({ module_or_path: `./${build}/worker_bg.wasm${version}` });
