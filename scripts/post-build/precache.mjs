// The service worker's precache list: every file of the built site with its SHA-256, and a
// version that changes whenever any of them does.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Every regular file under `dir`, as sorted `/`-separated paths relative to it. */
export function listFiles(dir, prefix = '') {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return listFiles(dir, rel);
    return entry.isFile() ? [rel] : [];
  }).sort();
}

/**
 * The worker builds' wasm files: a visitor runs one of them (the WebGPU one, the CPU-only one,
 * the threaded one, or the relaxed-SIMD build of either of the last two), so sw.js keeps each
 * only once it is used instead of downloading all five on the first visit (see public/sw.js,
 * `onUse`).
 */
export const ON_USE = [
  'worker_bg.wasm', 'worker_cpu_bg.wasm', 'relaxed/worker_cpu_bg.wasm', 'threads/worker_bg.wasm', 'threads-relaxed/worker_bg.wasm',
];

/**
 * `{ version, files: [{ path, integrity, onUse? }] }` for the site in `dir`, leaving out
 * `exclude` (the service worker itself; an entry ending in `/` leaves out everything under it);
 * the files in [`ON_USE`] are marked `onUse: true`. The version is a hash of every path and
 * content.
 */
export function precacheManifest(dir, exclude = []) {
  const all = createHash('sha256');
  const excluded = (p) => exclude.some((e) => (e.endsWith('/') ? p.startsWith(e) : p === e));
  const files = listFiles(dir).filter((p) => !excluded(p)).map((p) => {
    const digest = createHash('sha256').update(fs.readFileSync(path.join(dir, p))).digest();
    all.update(`${p}\0`).update(digest);
    const entry = { path: p, integrity: `sha256-${digest.toString('base64')}` };
    return ON_USE.includes(p) ? { ...entry, onUse: true } : entry;
  });
  return { version: all.digest('hex').slice(0, 16), files };
}

/** The service worker template `template` with its `const BUILD = …;` line filled in. */
export function fillServiceWorker(template, build) {
  const line = /^const BUILD = .*;.*$/m;
  if (!line.test(template)) throw new Error('the service worker template has no `const BUILD = …;` line');
  return template.replace(line, () => `const BUILD = ${JSON.stringify(build)};`);
}
