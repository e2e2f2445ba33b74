// TensorFlow.js 4.22 peers in the same headless Chromium as the lab's benchmark.
//   node bench/tfjs.mjs   → JSON rows on stdout
import { serve, launch } from '../tests/e2e/harness.mjs';

const REPS = Number(process.env.BENCH_REPS ?? 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const models = [
  { model: 'mlp-ae-784-256-128', hidden: 256, latent: 128 },
  { model: 'mlp-ae-784-1000-300', hidden: 1000, latent: 300 },
];
const backends = (process.env.TFJS_BACKENDS ?? 'wasm,webgl,cpu,webgpu').split(',');

const server = await serve(new URL('.', import.meta.url).pathname, 'tfjs/index.html');
const browser = await launch();
const rows = [];
try {
  for (const backend of backends) {
    for (const m of models) {
      // A fresh page per row: a GPU-process crash on one row must not take the others with it.
      const page = await browser.context.newPage();
      page.on('console', (m) => { if (m.type() === 'error') console.error('[page]', m.text()); });
      await page.goto(`${server.url}tfjs/index.html`);
      const runs = [];
      try {
        for (let i = 0; i < REPS; i++) {
          const steps = backend === 'webgpu' || backend === 'webgl' ? 20 : 40;
          runs.push(await page.evaluate((args) => window.runBench(args), { backend, hidden: m.hidden, latent: m.latent, steps, warmSteps: 10 }));
        }
        const ips = median(runs.map((r) => r.images_per_s));
        rows.push({ peer: 'tfjs-4.22', backend, model: m.model, batch: 128, images_per_s: ips, runs: runs.map((r) => r.images_per_s) });
        console.error(`tfjs ${backend} ${m.model}: ${ips.toFixed(0)} images/s`);
      } catch (e) {
        rows.push({ peer: 'tfjs-4.22', backend, model: m.model, error: String(e).slice(0, 300) });
        console.error(`tfjs ${backend} ${m.model}: ${e}`);
      }
      await page.close().catch(() => {});
    }
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify(rows, null, 2));
