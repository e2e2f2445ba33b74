// Session 63: the two gemm-f32 builds give the same bits on shapes of every remainder
// (row-major and transposed rhs), in Chromium.   node check.mjs <A.wasm> <B.wasm>
import fs from 'fs';
import { chromium } from '/work/main/tools/node_modules/playwright-core/index.mjs';
const [a, b] = process.argv.slice(2).map((f) => fs.readFileSync(f).toString('base64'));
// TILES=0,1: the patched crate's `use_tile` export called on A and B (0 gemm's own set, 1 the narrow one).
const tiles = process.env.TILES?.split(',').map(Number);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
const out = await page.evaluate(async ([a, b, tiles]) => {
  const load = async (b64) => (await WebAssembly.instantiate(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)))).instance.exports;
  const A = await load(a), B = await load(b);
  if (tiles) { A.use_tile(tiles[0]); B.use_tile(tiles[1]); }
  const dims = [1, 2, 3, 4, 5, 7, 11, 12, 13, 24, 25, 36, 37, 64, 97, 128, 300, 784];
  let n = 0, bad = [];
  for (const m of dims) for (const k of [1, 2, 3, 5, 64, 129, 784]) for (const nn of dims) for (const t of [0, 1]) {
    if (m * k * nn > 3e7) continue;
    n++;
    const ha = A.check(m, k, nn, m * 31 + nn, t), hb = B.check(m, k, nn, m * 31 + nn, t);
    if (ha !== hb) bad.push(`${m}x${k}x${nn}${t ? 'T' : ''}`);
  }
  return `${n} shapes, ${bad.length} differ${bad.length ? ': ' + bad.slice(0, 40).join(' ') : ''}`;
}, [a, b, tiles]);
console.log(out);
await browser.close();
