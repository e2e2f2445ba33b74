// Session 63: micro-kernels alone in headless Chromium, one thread, operands in L1 (k = 256):
// gemm-f32's x3x4 (rhs packed, or strided as gemm leaves it unpacked) and hand-written tiles.
//   node kernels.mjs <kernelpeak.wasm>
import fs from 'fs';
import { chromium } from '/work/main/tools/node_modules/playwright-core/index.mjs';
const b64 = fs.readFileSync(process.argv[2]).toString('base64');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
const out = await page.evaluate(async (b64) => {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const x = (await WebAssembly.instantiate(bytes)).instance.exports;
  const med = (a) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];
  const K = 256;
  const timed = (flopsPerCall, call) => () => { const it = Math.round(2e9 / flopsPerCall); const t = performance.now(); call(it); return (flopsPerCall * it) / (performance.now() - t) / 1e6; };
  const jobs = [
    ['peak relaxed_madd', () => { const it = 20_000_000; const t = performance.now(); x.peak_relaxed_madd(it); return (it * 96) / (performance.now() - t) / 1e6; }],
    ['gemm x3x4, rhs packed', timed(2 * 12 * 4 * K, (it) => x.gemm_x3x4(K, it, 1))],
    ['gemm x3x4, rhs strided', timed(2 * 12 * 4 * K, (it) => x.gemm_x3x4(K, it, 0))],
    ['gemm x3x3, rhs packed', timed(2 * 12 * 3 * K, (it) => x.gemm_x3x3(K, it, 1))],
    ['gemm x3x3, rhs strided', timed(2 * 12 * 3 * K, (it) => x.gemm_x3x3(K, it, 0))],
    ['gemm x2x4, rhs packed', timed(2 * 8 * 4 * K, (it) => x.gemm_x2x4(K, it, 1))],
    ['gemm x2x4, rhs strided', timed(2 * 8 * 4 * K, (it) => x.gemm_x2x4(K, it, 0))],
    ...[['3x4_u1', 3, 4], ['3x4_u2', 3, 4], ['2x6_u1', 2, 6], ['2x6_u2', 2, 6], ['2x5_u1', 2, 5], ['2x4_u1', 2, 4], ['3x3_u1', 3, 3], ['4x3_u1', 4, 3], ['3x3_u2', 3, 3], ['3x3_u4', 3, 3], ['2x4_u2', 2, 4], ['4x2_u1', 4, 2]].map(([n, mr, nr]) =>
      [`hand ${n}`, timed(2 * mr * 4 * nr * K, (it) => x[`hand_${n}`](K, it))]),
  ];
  jobs.forEach(([, f]) => f());
  const res = Object.fromEntries(jobs.map(([n]) => [n, []]));
  for (let rep = 0; rep < 5; rep++) for (const [n, f] of jobs) res[n].push(f());
  return jobs.map(([n]) => `${n}: median ${med(res[n]).toFixed(1)} GFLOP/s (${res[n].map((v) => v.toFixed(1)).join(' ')})`).join('\n');
}, b64);
console.log(out);
await browser.close();
