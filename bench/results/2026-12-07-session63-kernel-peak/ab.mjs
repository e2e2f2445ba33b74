// Session 63: gemm on the MLPs' products with two builds of gemm-f32's relaxed kernels, alternated
// in one headless Chromium page, one thread: A the shipped patch (3 × 4, unrolled by 2), B a variant.
//   node ab.mjs <A.wasm> <B.wasm>     (5 repetitions, medians, GFLOP/s)
import fs from 'fs';
import { chromium } from '/work/main/tools/node_modules/playwright-core/index.mjs';
const [a, b] = process.argv.slice(2).map((f) => fs.readFileSync(f).toString('base64'));
// TILES=0,1: the patched crate's `use_tile` export called on A and B (0 gemm's own set, 1 the narrow one).
const tiles = process.env.TILES?.split(',').map(Number);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
const out = await page.evaluate(async ([a, b, tiles]) => {
  const load = async (b64) => (await WebAssembly.instantiate(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)))).instance.exports;
  const mods = { A: await load(a), B: await load(b) };
  if (tiles) { mods.A.use_tile(tiles[0]); mods.B.use_tile(tiles[1]); }
  const med = (v) => [...v].sort((p, q) => p - q)[Math.floor(v.length / 2)];
  const shapes = [[128, 784, 256], [128, 256, 784], [784, 128, 256], [256, 128, 784], [128, 256, 128], [128, 128, 256], [128, 784, 1000], [128, 1000, 300], [1000, 128, 300], [128, 300, 1000], [128, 1000, 784], [300, 128, 1000], [784, 128, 1000], [64, 784, 256], [64, 256, 784], [784, 64, 256]];
  const lines = [];
  for (const [m, k, n] of shapes) {
    const res = { A: [], B: [] };
    const it = Math.max(3, Math.round(1e9 / (2 * m * k * n)));
    for (const x of ['A', 'B']) mods[x].run(m, k, n, 2);
    for (let rep = 0; rep < 5; rep++) for (const x of ['A', 'B']) {
      const t = performance.now(); mods[x].run(m, k, n, it); res[x].push((2 * m * k * n * it) / (performance.now() - t) / 1e6);
    }
    lines.push(`${m} x ${k} x ${n}: A ${med(res.A).toFixed(1)}  B ${med(res.B).toFixed(1)}  B/A ${(med(res.B) / med(res.A)).toFixed(3)}`);
  }
  return lines.join('\n');
}, [a, b, tiles]);
console.log(out);
await browser.close();
