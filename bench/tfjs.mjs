// TensorFlow.js 4.22 peers alone, every backend (a standalone tool: `make bench` runs the peers
// interleaved with the lab from bench/browser.mjs instead).
//   node bench/tfjs.mjs   → JSON rows on stdout
import { serve, launch } from '../tests/e2e/harness.mjs';
import { GPU_COUNTS_JS } from './lib.mjs';

const REPS = Number(process.env.BENCH_REPS ?? 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// Steps per row: the GPU backends here are SwiftShader (software), and the CNN does ~23× the small
// MLP's work per image (10.8 M multiply-adds forward), so it gets few steps where it is slow: each
// row stays under ~2 minutes on 2 cores. `batch` travels to runBench and into every row.
const mlpSteps = (backend) => (backend === 'webgpu' || backend === 'webgl' ? { warmSteps: 10, steps: 20 } : { warmSteps: 10, steps: 40 });
// Measured here (2 busy cores): the CNN trains at ~40 images/s on wasm but only ~2.5-4 on cpu,
// webgl and webgpu (16-28 s a step), so those get one warm-up step (it compiles every shader the
// loop uses) and three timed ones.
const cnnSteps = (backend) => (backend === 'wasm' ? { warmSteps: 5, steps: 20 } : { warmSteps: 1, steps: 3 });
const models = [
  { model: 'mlp-ae-784-256-128', kind: 'mlp', batch: 128, hidden: 256, latent: 128, plan: mlpSteps },
  { model: 'mlp-ae-784-1000-300', kind: 'mlp', batch: 128, hidden: 1000, latent: 300, plan: mlpSteps },
  { model: 'cifar-cnn-32-64-128', kind: 'cnn', batch: 64, plan: cnnSteps },
];
const backends = (process.env.TFJS_BACKENDS ?? 'wasm,webgl,cpu,webgpu').split(',');
// TFJS_MODELS=cnn (or a model name, or a comma list) keeps only those rows.
const only = process.env.TFJS_MODELS?.split(',');
const selected = only ? models.filter((m) => only.includes(m.kind) || only.includes(m.model)) : models;
// A row that hangs (a wedged GPU process) becomes an error row instead of stalling the rest.
const ROW_TIMEOUT_MS = Number(process.env.BENCH_ROW_TIMEOUT_S ?? 600) * 1000;
const withTimeout = (p, ms) => {
  let timer;
  return Promise.race([p, new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s`)), ms); })])
    .finally(() => clearTimeout(timer));
};

const server = await serve(new URL('.', import.meta.url).pathname, 'tfjs/index.html');
const browser = await launch();
const rows = [];
try {
  for (const backend of backends) {
    for (const m of selected) {
      // A fresh page per row: a GPU-process crash on one row must not take the others with it.
      const page = await browser.context.newPage();
      page.on('console', (m) => { if (m.type() === 'error') console.error('[page]', m.text()); });
      await page.addInitScript({ content: GPU_COUNTS_JS }); // WebGPU work per step (bench/gpu_counts.js)
      await page.goto(`${server.url}tfjs/index.html`);
      const runs = [];
      try {
        for (let i = 0; i < REPS; i++) {
          const args = { backend, model: m.kind, batch: m.batch, ...m.plan(backend) };
          if (m.kind === 'mlp') Object.assign(args, { hidden: m.hidden, latent: m.latent });
          runs.push(await withTimeout(page.evaluate((a) => window.runBench(a), args), ROW_TIMEOUT_MS));
        }
        const ips = median(runs.map((r) => r.images_per_s));
        rows.push({
          peer: 'tfjs-4.22', backend, model: m.model, batch: m.batch, images_per_s: ips, runs: runs.map((r) => r.images_per_s),
          // 'im2col' where the backend has no Conv2DBackpropFilter kernel (wasm); see peer.js.
          ...(runs[0].convGrad && { conv_grad: runs[0].convGrad }),
          ...(backend === 'webgpu' && { gpu_per_step: runs.map((r) => r.gpu_per_step) }),
        });
        console.error(`tfjs ${backend} ${m.model}: ${ips.toFixed(0)} images/s`);
      } catch (e) {
        rows.push({ peer: 'tfjs-4.22', backend, model: m.model, batch: m.batch, error: String(e).slice(0, 300) });
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
