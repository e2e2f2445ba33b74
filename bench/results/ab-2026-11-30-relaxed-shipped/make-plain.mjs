// The A/B's "plain" site: a copy of the release site with the page's relaxed-SIMD marker removed
// from index.html (so the page starts worker_cpu, as in a browser without relaxed SIMD), and
// sw.js's list made again (scripts/post-build/precache.mjs). Everything else is byte for byte
// the same.   node make-plain.mjs <site> <copy>
import fs from 'node:fs';
import path from 'node:path';
import { precacheManifest, fillServiceWorker } from '../../../scripts/post-build/precache.mjs';
import { FULL_PREFIX } from '../../../scripts/post-build/full-data.mjs';

const [src, dst] = process.argv.slice(2);
fs.rmSync(dst, { recursive: true, force: true });
fs.cpSync(src, dst, { recursive: true });
const marker = '<meta name="replab-relaxed" content="on" />';
const index = fs.readFileSync(path.join(dst, 'index.html'), 'utf8');
if (!index.includes(marker)) throw new Error('the site has no relaxed-SIMD marker');
fs.writeFileSync(path.join(dst, 'index.html'), index.replace(`${marker}\n`, '').replace(marker, ''));
const sw = path.join(dst, 'sw.js');
fs.writeFileSync(sw, fillServiceWorker(fs.readFileSync(sw, 'utf8'), precacheManifest(dst, ['sw.js', FULL_PREFIX])));
console.log(`plain copy at ${dst}`);
