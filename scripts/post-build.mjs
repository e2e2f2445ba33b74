#!/usr/bin/env node
// Trunk post_build hook (see Trunk.toml): finishes the staged site before Trunk moves it to dist/.
//  1. The CSP <meta> in index.html gets the SHA-256 of each inline script Trunk wrote.
//  2. The full datasets (optional downloads) are copied under data/full/ with their manifest, if
//     scripts/full-data.sh has fetched them (see post-build/full-data.mjs).
//  3. sw.js is written from public/sw.js with the list of every shipped file and a content-hash
//     version, so the service worker precaches exactly this build.
// Under `trunk serve` (the page carries Trunk's live-reload script) the live-reload script is
// moved to its own file, and sw.js is public/sw-retire.js, which removes any offline copy so
// development always sees the latest build.
// With REPLAB_THREADS=1 the threaded CPU worker (scripts/build-threads.sh) is built into the
// staged site first, under threads/, so that sw.js precaches it too. The relaxed-SIMD CPU worker
// (scripts/build-relaxed.sh) is built under relaxed/ on every build but `trunk serve`'s (and not
// with REPLAB_RELAXED=0), and so is the threaded one's relaxed build (threads-relaxed/) where
// the threaded one is built.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { withScriptHashes } from './post-build/csp.mjs';
import { precacheManifest, fillServiceWorker } from './post-build/precache.mjs';
import { hasAutoreload, externalise } from './post-build/autoreload.mjs';
import { FULL_PREFIX, stageFullData } from './post-build/full-data.mjs';

const SW = 'sw.js';
const AUTORELOAD = 'trunk-autoreload.js';
const THREADS_META = '<meta name="replab-threads" content="on" />';
const RELAXED_META = '<meta name="replab-relaxed" content="on" />';
const THREADS_RELAXED_META = '<meta name="replab-threads-relaxed" content="on" />';

/** Another build of the worker into the staged site, in Trunk's profile (`script`: under scripts/). */
function buildWorker(script, staging, source, extra = []) {
  const args = [staging, ...(process.env.TRUNK_PROFILE === 'release' ? ['--release'] : []), ...extra];
  const run = spawnSync(path.join(source, 'scripts', script), args, { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`scripts/${script} failed (${run.error?.message ?? `exit ${run.status}`})`);
}

function main() {
  const staging = process.env.TRUNK_STAGING_DIR;
  const source = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
  if (!staging) throw new Error('TRUNK_STAGING_DIR is not set: run this as a Trunk post_build hook');
  const indexPath = path.join(staging, 'index.html');
  let html = fs.readFileSync(indexPath, 'utf8');
  const serving = hasAutoreload(html);
  if (serving) {
    const moved = externalise(html, AUTORELOAD);
    fs.writeFileSync(path.join(staging, AUTORELOAD), moved.script);
    html = moved.html;
  }
  // The page starts each of these workers only where its marker says it was built (no request).
  const relaxed = !serving && process.env.REPLAB_RELAXED !== '0';
  if (process.env.REPLAB_THREADS === '1') {
    buildWorker('build-threads.sh', staging, source);
    html = html.replace('</head>', `${THREADS_META}\n  </head>`);
    if (relaxed) {
      buildWorker('build-threads.sh', staging, source, ['--relaxed']);
      html = html.replace('</head>', `${THREADS_RELAXED_META}\n  </head>`);
    }
  }
  if (relaxed) {
    buildWorker('build-relaxed.sh', staging, source);
    html = html.replace('</head>', `${RELAXED_META}\n  </head>`);
  }
  fs.writeFileSync(indexPath, withScriptHashes(html));
  const full = stageFullData(staging);
  console.log(`post-build: full datasets offered: ${full.length ? full.join(', ') : 'none (run scripts/full-data.sh)'}`);

  if (serving) {
    fs.copyFileSync(path.join(source, 'public/sw-retire.js'), path.join(staging, SW));
    console.log('post-build: trunk serve build, offline cache disabled (sw.js retires itself)');
    return;
  }
  const build = precacheManifest(staging, [SW, FULL_PREFIX]);
  const template = fs.readFileSync(path.join(source, 'public/sw.js'), 'utf8');
  fs.writeFileSync(path.join(staging, SW), fillServiceWorker(template, build));
  const bytes = build.files.reduce((n, f) => n + fs.statSync(path.join(staging, f.path)).size, 0);
  console.log(`post-build: sw.js version ${build.version}, ${build.files.length} files (${(bytes / 2 ** 20).toFixed(1)} MiB) to precache`);
}

try {
  main();
} catch (e) {
  console.error(`post-build: ${e.message}`);
  process.exit(1);
}
