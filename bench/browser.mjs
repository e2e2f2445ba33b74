// Browser benchmarks of the lab in headless Chromium (WebGPU on): training throughput per
// backend, navigation → ready, and the bytes a visitor downloads. Writes JSON to stdout.
//   node bench/browser.mjs <dist dir>
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, launch, byId } from '../tests/e2e/harness.mjs';
import { interactionLatency } from './interaction.mjs';
import { scatterRedraw, tsneSeconds } from './scatter.mjs';

const dist = process.argv[2] ?? 'dist';
const REPS = Number(process.env.BENCH_REPS ?? 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function readyPage(context, url) {
  const page = await context.newPage();
  await page.addInitScript(() => {
    // Main-thread long tasks (> 50 ms), for the "page never blocks" figure.
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration)))
      .observe({ type: 'longtask', buffered: true });
    // The moment Train becomes clickable (dataset loaded, worker ready), in ms since navigation.
    new MutationObserver((_, obs) => {
      const b = document.querySelector('[data-testid="train-start"]');
      if (b && !b.disabled && window.__readyAt === undefined) { window.__readyAt = performance.now(); obs.disconnect(); }
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__readyAt !== undefined, null, { timeout: 180_000 });
  return page;
}

/** Images/s from the step counter between two moments after a warm-up. */
async function throughput(context, base, query, batch, warmSteps, seconds) {
  const page = await readyPage(context, `${base}?${query}&batch=${batch}&epochs=100`);
  await byId(page, 'train-start').click();
  const step = () => page.evaluate(() => Number(document.querySelector('[data-testid="metric-step"]').textContent));
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="metric-step"]').textContent) >= n, warmSteps, { timeout: 300_000 });
  const s0 = await step(); const t0 = Date.now();
  await page.waitForTimeout(seconds * 1000);
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="metric-step"]').textContent) > n, s0, { timeout: 300_000 });
  const s1 = await step(); const t1 = Date.now();
  await byId(page, 'train-stop').click();
  await page.close();
  return ((s1 - s0) * batch) / ((t1 - t0) / 1000);
}

/** Main-thread long tasks while training for `seconds` (counted from the first step on). */
async function longTasks(context, base, query, seconds) {
  const page = await readyPage(context, `${base}?${query}&epochs=100`);
  await byId(page, 'train-start').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="metric-step"]').textContent) > 0, null, { timeout: 300_000 });
  await page.evaluate(() => { window.__longTasks = []; });
  await page.waitForTimeout(seconds * 1000);
  const tasks = await page.evaluate(() => window.__longTasks);
  await byId(page, 'train-stop').click();
  await page.close();
  return { count: tasks.length, longest_ms: tasks.length ? Math.max(...tasks) : 0 };
}

const sizes = () => {
  const files = fs.readdirSync(dist).filter((f) => f.endsWith('.wasm') || f.endsWith('.js'));
  return Object.fromEntries(files.map((f) => {
    const bytes = fs.readFileSync(path.join(dist, f));
    return [f.replace(/-[0-9a-f]{16}(?=[._])/, ''), { raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length, brotli: zlib.brotliCompressSync(bytes).length }];
  }));
};

const server = await serve(dist);
const browser = await launch();
const out = { date: new Date().toISOString(), dist, reps: REPS, sizes: sizes(), rows: [] };
try {
  const ready = [];
  for (let i = 0; i < REPS; i++) {
    const page = await readyPage(browser.context, `${server.url}?backend=cpu`);
    ready.push(await page.evaluate(() => window.__readyAt));
    await page.close();
  }
  out.navigation_to_ready_ms = { median: median(ready), runs: ready };
  const cases = [
    { backend: 'cpu', model: 'mlp-ae-784-256-128', query: 'backend=cpu', batch: 128, warm: 20, seconds: 8 },
    { backend: 'cpu', model: 'mlp-ae-784-1000-300', query: 'backend=cpu&hidden=1000&k=300', batch: 128, warm: 20, seconds: 8 },
    { backend: 'webgpu', model: 'mlp-ae-784-256-128', query: 'backend=webgpu', batch: 128, warm: 10, seconds: 10 },
    { backend: 'cpu', model: 'cifar-cnn-32-64-128', query: 'backend=cpu&dataset=cifar10&model=cnn', batch: 64, warm: 10, seconds: 20 },
    { backend: 'webgpu', model: 'cifar-cnn-32-64-128', query: 'backend=webgpu&dataset=cifar10&model=cnn', batch: 64, warm: 1, seconds: 20 },
  ];
  // BENCH_ONLY=webgpu (or cpu) limits the rows, e.g. to compare two builds of one backend.
  for (const c of cases.filter((c) => !process.env.BENCH_ONLY || c.backend === process.env.BENCH_ONLY)) {
    const runs = [];
    for (let i = 0; i < REPS; i++) runs.push(await throughput(browser.context, server.url, c.query, c.batch, c.warm, c.seconds));
    out.rows.push({ ...c, images_per_s: median(runs), runs });
    console.error(`${c.backend} ${c.model}: ${median(runs).toFixed(0)} images/s`);
  }
  if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'interaction') {
    out.interaction = [];
    for (const backend of ['cpu', 'webgpu']) {
      out.interaction.push(await interactionLatency(browser.context, server.url, backend));
      console.error('interaction latency:', JSON.stringify(out.interaction.at(-1)));
    }
  }
  if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'scatter') {
    out.scatter_10k = await scatterRedraw(browser.context, server.url);
    console.error('scatter redraw, 10k points:', JSON.stringify(out.scatter_10k));
    out.tsne_2k = await tsneSeconds(browser.context, server.url);
    console.error('t-SNE, 2,000 points:', JSON.stringify(out.tsne_2k));
  }
  if (!process.env.BENCH_ONLY) {
    out.long_tasks_30s = {};
    for (const backend of ['cpu', 'webgpu']) {
      out.long_tasks_30s[backend] = await longTasks(browser.context, server.url, `backend=${backend}&batch=128`, 30);
      console.error(`long tasks, 30 s of ${backend} training:`, out.long_tasks_30s[backend]);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify(out, null, 2));
