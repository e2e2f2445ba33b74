// Runs a wasm32-wasip1 binary in node's WASI with ./public (run from the repository root)
// preopened as /public.   node run-wasi.mjs <file.wasm>
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';
import path from 'node:path';
const wasi = new WASI({ version: 'preview1', args: ['probe', '/public'], env: {}, preopens: { '/public': path.resolve('public') } });
const module = await WebAssembly.compile(readFileSync(process.argv[2]));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
wasi.start(instance);
