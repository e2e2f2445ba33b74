#!/usr/bin/env node
// Checks a built dist/ for offline use and its CSP (called by scripts/check-dist.sh):
// the web app manifest and its icons, sw.js's precache list against the real files, and the
// Content-Security-Policy <meta>. Prints one line per problem and exits 1 if there is any.
import fs from 'node:fs';
import path from 'node:path';
import { cspOf, parseCsp, inlineScripts, scriptHash } from './post-build/csp.mjs';
import { listFiles, ON_USE, precacheManifest } from './post-build/precache.mjs';
import { FULL_PREFIX } from './post-build/full-data.mjs';

const dist = process.argv[2] ?? 'dist';
const problems = [];
const check = (ok, message) => { if (!ok) problems.push(message); };
const read = (p) => fs.readFileSync(path.join(dist, p));
const exists = (p) => fs.existsSync(path.join(dist, p));
const html = read('index.html').toString('utf8');

/** A PNG's width and height from its IHDR chunk, or null. */
function pngSize(bytes) {
  if (bytes.length < 24 || bytes.toString('latin1', 1, 4) !== 'PNG') return null;
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

function checkManifest() {
  check(/<link rel="manifest" href="\.\/manifest\.webmanifest"/.test(html), 'index.html does not link ./manifest.webmanifest');
  if (!exists('manifest.webmanifest')) { problems.push('no manifest.webmanifest'); return; }
  let m;
  try { m = JSON.parse(read('manifest.webmanifest')); } catch (e) { problems.push(`manifest.webmanifest is not JSON: ${e.message}`); return; }
  check(m.name && m.short_name, 'the manifest has no name or short_name');
  check(m.start_url === './' && m.display === 'standalone', 'the manifest needs start_url "./" and display "standalone"');
  const theme = html.match(/<meta name="theme-color" content="([^"]+)"/)?.[1];
  check(theme && m.theme_color === theme, `the manifest's theme_color (${m.theme_color}) differs from the page's (${theme})`);
  for (const want of [192, 512]) {
    const icon = (m.icons ?? []).find((i) => i.sizes === `${want}x${want}` && i.type === 'image/png');
    if (!icon) { problems.push(`the manifest has no ${want}x${want} PNG icon`); continue; }
    const size = exists(icon.src) ? pngSize(read(icon.src)) : null;
    check(size && size[0] === want && size[1] === want, `icon ${icon.src} is missing or not a ${want}x${want} PNG`);
  }
}

function checkServiceWorker() {
  if (!exists('sw.js')) { problems.push('no sw.js'); return; }
  const line = read('sw.js').toString('utf8').match(/^const BUILD = (.*);$/m);
  if (!line) { problems.push('sw.js has no filled-in BUILD line (did the post_build hook run?)'); return; }
  const build = JSON.parse(line[1]);
  const listed = new Set(build.files.map((f) => f.path));
  const expected = precacheManifest(dist, ['sw.js', FULL_PREFIX]);
  for (const f of build.files) check(exists(f.path), `sw.js lists ${f.path}, which is not in ${dist}`);
  // The full datasets are downloads on request, kept by the page itself: never precached.
  for (const p of listFiles(dist)) {
    if (p.startsWith(FULL_PREFIX)) check(!listed.has(p), `${p} is an optional download but sw.js precaches it`);
    else check(p === 'sw.js' || listed.has(p), `${p} is shipped but not precached by sw.js`);
  }
  const stale = build.files.filter((f) => expected.files.find((e) => e.path === f.path)?.integrity !== f.integrity);
  check(stale.length === 0, `sw.js has stale hashes for ${stale.map((f) => f.path).join(', ')}`);
  check(build.version === expected.version, `sw.js version ${build.version} is not the hash of the files (${expected.version})`);
  for (const need of ['index.html', 'worker.js', 'worker_bg.wasm', 'worker_cpu.js', 'worker_cpu_bg.wasm', 'worker_loader.js', 'manifest.webmanifest']) {
    check(listed.has(need), `sw.js does not precache ${need}`);
  }
  // The worker builds' wasm is kept once used, everything else at install.
  for (const f of build.files) {
    check(Boolean(f.onUse) === ON_USE.includes(f.path), `sw.js marks ${f.path} ${f.onUse ? 'kept on use' : 'precached'}, not as precache.mjs says`);
  }
  check([...listed].some((p) => /^replab-.*_bg\.wasm$/.test(p)), 'sw.js does not precache the UI wasm');
  check([...listed].some((p) => p.startsWith('data/')), 'sw.js precaches no dataset');
}

function checkCsp() {
  let policy;
  try { policy = parseCsp(cspOf(html)); } catch (e) { problems.push(e.message); return; }
  const scriptSrc = policy.get('script-src') ?? [];
  check(scriptSrc.includes("'self'") && scriptSrc.includes("'wasm-unsafe-eval'"), "script-src needs 'self' and 'wasm-unsafe-eval'");
  check(!scriptSrc.includes("'unsafe-eval'") && !scriptSrc.includes("'unsafe-inline'"), "script-src must not allow 'unsafe-eval' or 'unsafe-inline'");
  for (const text of inlineScripts(html)) check(scriptSrc.includes(scriptHash(text)), `an inline script's hash ${scriptHash(text)} is not in script-src`);
  check(html.indexOf('http-equiv="Content-Security-Policy"') < html.indexOf('<script'), 'the CSP <meta> must come before the first script');
  for (const [name, sources] of policy) {
    const foreign = sources.filter((s) => !/^'/.test(s) && !['data:', 'blob:'].includes(s));
    check(foreign.length === 0, `CSP ${name} allows other origins: ${foreign.join(' ')}`);
  }
  for (const name of ['default-src', 'connect-src', 'worker-src', 'img-src']) check(policy.has(name), `the CSP has no ${name}`);
}

checkManifest();
checkServiceWorker();
checkCsp();
for (const p of problems) console.error(`check-offline: ${p}`);
process.exit(problems.length ? 1 : 0);
