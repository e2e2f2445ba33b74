// Session 63: wasm's multiply-add peak and gemm's relaxed SIMD128 kernel in headless Chromium,
// one thread (the page's main thread, as session 19's harness). 5 repetitions alternated, median.
//   node browser.mjs <kernelpeak.wasm>
import fs from 'fs';
import { chromium } from '/work/main/tools/node_modules/playwright-core/index.mjs';
const b64 = fs.readFileSync(process.argv[2]).toString('base64');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
const out = await page.evaluate(async (b64) => {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const x = (await WebAssembly.instantiate(bytes)).instance.exports;
  const med = (a) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];
  const jobs = [
    ['peak relaxed_madd', () => { const it = 20_000_000; const t = performance.now(); x.peak_relaxed_madd(it); return (it * 96) / (performance.now() - t) / 1e6; }],
    ['peak mul + add', () => { const it = 20_000_000; const t = performance.now(); x.peak_mul_add(it); return (it * 96) / (performance.now() - t) / 1e6; }],
    ...[[128, 784, 256], [128, 256, 784], [784, 128, 256], [128, 784, 1000], [128, 1000, 300], [1000, 128, 300], [128, 300, 1000], [128, 1000, 784], [300, 128, 1000], [784, 128, 1000]].map(([m, k, n]) => [
      `gemm ${m} x ${k} x ${n}`, () => { const it = Math.max(3, Math.round(2e9 / (2 * m * k * n))); const t = performance.now(); x.run(m, k, n, it); return (2 * m * k * n * it) / (performance.now() - t) / 1e6; }]),
  ];
  jobs.forEach(([, f]) => f()); // warm-up: compiled by V8's optimising tier
  const res = Object.fromEntries(jobs.map(([n]) => [n, []]));
  for (let rep = 0; rep < 5; rep++) for (const [n, f] of jobs) res[n].push(f());
  return jobs.map(([n]) => `${n}: median ${med(res[n]).toFixed(1)} GFLOP/s (${res[n].map((v) => v.toFixed(1)).join(' ')})`).join('\n');
}, b64);
console.log(out);
await browser.close();
