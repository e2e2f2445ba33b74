// Browser benchmarks in one headless Chromium (WebGPU on): the lab's training throughput beside
// TensorFlow.js 4.22 on the same models, interleaved (lab, peer, lab, peer… for each model and
// backend pair), then start-up, download sizes, interaction latency, scatter and long tasks.
// Writes JSON to stdout, progress to stderr.
//   node bench/browser.mjs <lab dist dir>
// Parts (BENCH_ONLY / BENCH_SKIP, comma lists; see bench/run.sh): train, stock, ready, sizes,
// interaction, scatter, longtasks.
//
// Lab throughput is taken in the worker: each training-chunk event (`TrainLoss`) carries
// chunk_steps and chunk_seconds (the worker's time from the chunk's first step to its loss
// readback); the page's Worker constructor is wrapped to collect them. After a warm-up (≥ 2
// chunks and ≥ 20 steps), images/s = Σ chunk_steps × batch / Σ chunk_seconds. The wall-clock
// rate from the end of the warm-up to the last counted chunk (evaluations, UI and messaging
// included) is kept beside it. WebGPU work is counted by bench/gpu_counts.js: injected into the
// TF.js page, and prepended by the server to the lab's worker_loader.js (the worker then stamps
// each TrainLoss with the running totals).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { launch, byId, ISOLATION } from '../tests/e2e/harness.mjs';
import { interactionLatency } from './interaction.mjs';
import { scatterRedraw, tsneSeconds } from './scatter.mjs';
import { GPU_COUNTS_JS, REPS, SCALE, cpuSnapshot, here, load1, log, median, otherCpu, part, selectedModels, serve, withTimeout } from './lib.mjs';

const dist = process.argv[2] ?? 'dist';
const ROW_TIMEOUT_MS = Number(process.env.BENCH_ROW_TIMEOUT_S ?? 900) * 1000;
const STOCK_REPS = Number(process.env.BENCH_STOCK_REPS ?? 1);
const LAB_BACKENDS = (process.env.BENCH_BACKENDS ?? 'cpu,webgpu,cpu-threads').split(',');
// The `cpu-threads` pairs: both sides served cross-origin isolated, so the lab's page starts its
// threaded worker (dist/threads/, a rayon pool of one thread per core) and TF.js's wasm backend
// loads its threaded SIMD binary with the same number of threads. They run where the dist has the
// threaded worker (`make dist`/`trunk build` with REPLAB_THREADS=1).
const CORES = os.cpus().length;
const haveThreads = fs.existsSync(path.join(dist, 'threads/build.json'));
/** A model's CPU pair and its isolated twin. */
const withThreaded = (pair) => [pair, { ...pair, name: 'cpu-threads', peerName: 'wasm-threads', isolated: true, peerArgs: { ...pair.peerArgs, threads: CORES } }];
const WARM_STEPS = 20;
const WARM_CHUNKS = 2;

// Per model: the lab's query, the TF.js peer's arguments, and the backend pairs that are run
// interleaved. Lab `seconds`: chunk time to count after the warm-up (× BENCH_SECONDS_SCALE), at
// least `minChunks` chunks. TF.js: `seconds` of 10-step chunks after `warmSteps`, or a fixed
// number of `steps` where a step takes tens of seconds here (stock backends on the CNN).
const PLAN = {
  'mlp-ae-784-256-128': {
    lab: '', tfjs: { model: 'mlp', hidden: 256, latent: 128 },
    pairs: [
      ...withThreaded({ lab: 'cpu', peer: 'wasm', seconds: 8, minChunks: 3, peerArgs: { warmSteps: WARM_STEPS, seconds: 8, minSteps: 30 } }),
      { lab: 'webgpu', peer: 'webgpu', seconds: 10, minChunks: 2, peerArgs: { warmSteps: WARM_STEPS, seconds: 10, minSteps: 20 } },
    ],
  },
  'mlp-ae-784-1000-300': {
    lab: 'hidden=1000&k=300', tfjs: { model: 'mlp', hidden: 1000, latent: 300 },
    pairs: [
      ...withThreaded({ lab: 'cpu', peer: 'wasm', seconds: 8, minChunks: 2, peerArgs: { warmSteps: WARM_STEPS, seconds: 8, minSteps: 20 } }),
      // ~25 images/s on SwiftShader: only with BENCH_WEBGPU_LARGE=1.
      ...(process.env.BENCH_WEBGPU_LARGE === '1'
        ? [{ lab: 'webgpu', peer: 'webgpu', seconds: 20, minChunks: 1, peerArgs: { warmSteps: 10, seconds: 20, minSteps: 10 } }] : []),
    ],
  },
  'cifar-cnn-32-64-128': {
    lab: 'dataset=cifar10&model=cnn', tfjs: { model: 'cnn' },
    pairs: [
      // TF.js wasm has no Conv2DBackpropFilter: the peer takes that gradient by im2col (peer.js).
      ...withThreaded({ lab: 'cpu', peer: 'wasm', seconds: 20, minChunks: 2, peerArgs: { warmSteps: WARM_STEPS, seconds: 20, minSteps: 20 } }),
      // Stock TF.js webgpu: ~30 s a step here, so 1 warm-up step (it compiles every shader) + 3.
      { lab: 'webgpu', peer: 'webgpu', seconds: 0, minChunks: 1, peerArgs: { warmSteps: 1, steps: 3 } },
    ],
    // Stock TF.js (no im2col) on its other backends, to name its best for the CNN; few steps.
    stock: ['webgl', 'cpu'],
  },
};

// The lab page: the Worker constructor wrapped to collect training-chunk events; main-thread
// long tasks; the moment Train becomes clickable.
const LAB_INIT = () => {
  window.__labChunks = [];
  window.__labEvents = [];
  const RealWorker = window.Worker;
  window.Worker = class extends RealWorker {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        const d = e.data;
        if (!d || typeof d !== 'object') return;
        if (d.TrainLoss) window.__labChunks.push({ t: performance.now(), ...d.TrainLoss });
        else if (d.RunStarted) window.__labRun = d.RunStarted;
        else if (d.BackendReady) window.__labBackend = d.BackendReady;
        else if (d.Crashed || d.RunEnded) window.__labEvents.push(d);
      });
    }
  };
  window.__longTasks = [];
  new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration)))
    .observe({ type: 'longtask', buffered: true });
  new MutationObserver((_, obs) => {
    const b = document.querySelector('[data-testid="train-start"]');
    if (b && !b.disabled && window.__readyAt === undefined) { window.__readyAt = performance.now(); obs.disconnect(); }
  }).observe(document, { subtree: true, childList: true, attributes: true });
};

async function readyPage(context, url) {
  const page = await context.newPage();
  page.on('pageerror', (e) => log('[lab page]', String(e).slice(0, 300)));
  await page.addInitScript(LAB_INIT);
  await page.goto(url);
  await page.waitForFunction(() => window.__readyAt !== undefined, null, { timeout: 180_000 });
  return page;
}

const sub = (a, b) => Object.fromEntries(Object.keys(a).filter((k) => k !== 'other_messages').map((k) => [k, a[k] - (b[k] ?? 0)]));
const div = (o, n) => (n > 0 ? Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v / n])) : null);
const add = (a, b) => Object.fromEntries(Object.keys(b).map((k) => [k, (a[k] ?? 0) + b[k]]));

/** The lab's figures from its chunk events (see the header). */
function analyseChunks(chunks, run, batch) {
  let w = -1;
  let warmSteps = 0;
  while (w + 1 < chunks.length && (w + 1 < WARM_CHUNKS || warmSteps < WARM_STEPS)) warmSteps += chunks[++w].chunk_steps;
  if (w + 1 < WARM_CHUNKS || warmSteps < WARM_STEPS) return { counted: 0, seconds: 0 };
  const base = chunks[w];
  const counted = chunks.slice(w + 1);
  const steps = counted.reduce((s, c) => s + c.chunk_steps, 0);
  const seconds = counted.reduce((s, c) => s + c.chunk_seconds, 0);
  const out = { counted: counted.length, steps, seconds, warmup_steps: warmSteps, warmup_chunks: w + 1 };
  if (!counted.length) return out;
  const last = counted.at(-1);
  out.images_per_s = (steps * batch) / seconds;
  out.wall_images_per_s = ((last.step - base.step) * batch) / ((last.t - base.t) / 1000);
  out.chunk_images_per_s = counted.map((c) => Math.round((c.chunk_steps * batch) / c.chunk_seconds * 10) / 10);
  if (base.gpu_counts && last.gpu_counts) {
    // Per step over the "clean" chunks only: no other worker message since the previous chunk
    // (an epoch-end evaluation's EpochEnd, a scatter snapshot) and not an epoch's last chunk
    // (its evaluation runs before its TrainLoss is posted).
    const perEpoch = run?.steps_per_epoch;
    let clean = null;
    let cleanSteps = 0;
    let prev = base;
    for (const c of counted) {
      const epochEnd = perEpoch ? c.step % perEpoch === 0 : false;
      if (c.gpu_counts.other_messages === 0 && !epochEnd) {
        clean = add(clean ?? {}, sub(c.gpu_counts, prev.gpu_counts));
        cleanSteps += c.chunk_steps;
      }
      prev = c;
    }
    out.gpu_per_step = clean && div(clean, cleanSteps);
    out.gpu_clean_steps = cleanSteps;
    out.gpu_per_step_all = div(sub(last.gpu_counts, base.gpu_counts), last.step - base.step);
  }
  return out;
}

async function labRow(context, base, m, plan, pair) {
  const url = `${base}?backend=${pair.lab}${plan.lab ? `&${plan.lab}` : ''}&batch=${m.batch}&epochs=100`;
  const page = await readyPage(context, url);
  try {
    await byId(page, 'train-start').click();
    const started = Date.now();
    for (;;) {
      await page.waitForTimeout(300);
      const s = await page.evaluate(() => ({
        chunks: window.__labChunks, run: window.__labRun ?? null, events: window.__labEvents, backend: window.__labBackend ?? null,
        banner: document.querySelector('[data-testid="error-banner"]')?.textContent ?? null,
      }));
      const bad = s.events.find((e) => e.Crashed || (e.RunEnded && typeof e.RunEnded.end === 'object'));
      if (bad) throw new Error(`the lab's run ended: ${JSON.stringify(bad).slice(0, 300)}${s.banner ? `; banner: ${s.banner.slice(0, 200)}` : ''}`);
      // The row must measure the backend it names (the worker could fall back to the CPU).
      const want = { cpu: 'Cpu', webgpu: 'WebGpu' }[pair.lab];
      if (s.backend && s.backend.kind !== want) throw new Error(`asked for ${pair.lab}, the worker chose ${s.backend.kind}: ${s.backend.reason}`);
      // An isolated row must train on the threaded worker's pool ("CPU, 2 threads").
      if (pair.isolated && s.backend && CORES > 1 && !/\d+ threads/.test(s.backend.reason)) throw new Error(`not the threaded worker: ${s.backend.reason}`);
      if (s.chunks.length && !('chunk_seconds' in s.chunks[0])) {
        throw new Error(`this build's TrainLoss has no chunk_seconds (an older build?): ${JSON.stringify(s.chunks[0]).slice(0, 300)}`);
      }
      const r = analyseChunks(s.chunks, s.run, m.batch);
      if (r.counted >= pair.minChunks && r.seconds >= pair.seconds * SCALE) {
        return { ...r, steps_per_epoch: s.run?.steps_per_epoch, worker_backend: s.backend?.kind, worker_reason: s.backend?.reason, ...(s.banner && { banner: s.banner.slice(0, 300) }) };
      }
      if (Date.now() - started > ROW_TIMEOUT_MS) {
        throw new Error(`timed out after ${ROW_TIMEOUT_MS / 1000} s with ${s.chunks.length} chunks${s.banner ? `; banner: ${s.banner.slice(0, 200)}` : ''}`);
      }
    }
  } finally {
    await byId(page, 'train-stop').click({ timeout: 5000 }).catch(() => {});
    await page.close().catch(() => {});
  }
}

async function tfjsRow(context, base, args) {
  const page = await context.newPage();
  page.on('console', (msg) => { if (msg.type() === 'error') log('[tfjs page]', msg.text().slice(0, 300)); });
  await page.addInitScript({ content: GPU_COUNTS_JS });
  try {
    await page.goto(`${base}tfjs/index.html`);
    return await withTimeout(page.evaluate((a) => window.runBench(a), args), ROW_TIMEOUT_MS, `tfjs ${args.backend}`);
  } finally {
    await page.close().catch(() => {});
  }
}

/** Run `fn` as one row: load before and after, other processes' CPU, errors kept as rows. */
async function row(fields, fn) {
  const load_before = load1();
  const cpu = cpuSnapshot();
  try {
    const r = await fn();
    // The row's names win over the peer's ('mlp').
    return { ...r, ...fields, load_before, load1: load1(), other_cpu: otherCpu(cpu, cpuSnapshot()) };
  } catch (e) {
    return { ...fields, error: String(e).slice(0, 600), load_before, load1: load1(), other_cpu: otherCpu(cpu, cpuSnapshot()) };
  }
}

const fmt = (r) => (r.error ? `error: ${r.error.slice(0, 200)}` : `${r.images_per_s.toFixed(1)} images/s (load ${r.load1}, other CPU ${r.other_cpu})${r.gpu_per_step ? ` gpu/step ${JSON.stringify(r.gpu_per_step)}` : ''}`);

const sizes = () => {
  // The site's own files and the other worker builds' (relaxed/, threads/, threads-relaxed/).
  const files = ['', 'relaxed/', 'threads/', 'threads-relaxed/'].flatMap((dir) => (fs.existsSync(path.join(dist, dir)) ? fs.readdirSync(path.join(dist, dir)).map((f) => dir + f) : []))
    .filter((f) => f.endsWith('.wasm') || f.endsWith('.js'));
  return Object.fromEntries(files.map((f) => {
    const bytes = fs.readFileSync(path.join(dist, f));
    return [f.replace(/-[0-9a-f]{16}(?=[._])/, ''), { raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length, brotli: zlib.brotliCompressSync(bytes).length }];
  }));
};

/** Main-thread long tasks while training for `seconds` (counted from the first step on). */
async function longTasks(context, base, query, seconds) {
  const page = await readyPage(context, `${base}?${query}&epochs=100`);
  await byId(page, 'train-start').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="metric-step"]').value) > 0, null, { timeout: 300_000 });
  await page.evaluate(() => { window.__longTasks = []; });
  await page.waitForTimeout(seconds * 1000);
  const tasks = await page.evaluate(() => window.__longTasks);
  await byId(page, 'train-stop').click();
  await page.close();
  return { count: tasks.length, longest_ms: tasks.length ? Math.max(...tasks) : 0 };
}

const chromiumVersion = () => {
  try { return execFileSync(process.env.CHROMIUM ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return null; }
};

const haveLab = fs.existsSync(path.join(dist, 'index.html'));
if (!haveLab) log(`no lab build at ${dist}: only the TF.js rows run`);
// The TF.js peer's page loads TF.js from bench/node_modules, which bench/run.sh installs; run
// directly without it, every peer row fails on a 404 ("window.runBench is not a function").
if (!fs.existsSync(path.join(here, 'node_modules', '@tensorflow', 'tfjs', 'dist', 'tf.min.js'))) {
  log(`TF.js is not installed in ${path.join(here, 'node_modules')}: the peer rows will fail; run \`npm ci --prefix bench\` first (bench/run.sh does)`);
}
const lab = haveLab ? await serve(dist, { prepend: { 'worker_loader.js': GPU_COUNTS_JS } }) : null; // training rows
const labPlain = haveLab ? await serve(dist) : null; // everything else: the page as shipped
const peer = await serve(here);
const labIsolated = haveLab && haveThreads ? await serve(dist, { prepend: { 'worker_loader.js': GPU_COUNTS_JS }, headers: ISOLATION }) : null;
const peerIsolated = await serve(here, { headers: ISOLATION });
if (haveLab && !haveThreads) log(`${dist} has no threaded worker (threads/): the cpu-threads pairs are left out`);
/**
 * Run one part; a part that fails is logged and recorded in `out.errors` (the report shows it)
 * instead of losing every figure the run measured before it.
 */
async function attempt(name, fn) {
  try {
    await fn();
  } catch (e) {
    log(`${name} failed: ${e.message}`);
    (out.errors ??= {})[name] = String(e.message ?? e).slice(0, 500);
  }
}

/** A visitor's first visit to `base`: the service worker installs and controls the page (and
 *  reloads it once into cross-origin isolation where the site has the threaded worker). */
async function settle(context, base) {
  const page = await context.newPage();
  try {
    await page.goto(`${base}?backend=cpu`);
    await page.waitForFunction(() => navigator.serviceWorker?.controller, null, { timeout: 180_000 });
    // The reload follows the takeover at once, where there is one; then the page is quiet.
    await page.waitForTimeout(5000);
    await page.waitForFunction(() => { const b = document.querySelector('[data-testid="train-start"]'); return b && !b.disabled; }, null, { timeout: 120_000 });
  } finally {
    await page.close();
  }
}

const browser = await launch();
const out = { date: new Date().toISOString(), dist, chromium: chromiumVersion(), reps: REPS, seconds_scale: SCALE, rows: [] };
try {
  {
    const page = await browser.context.newPage();
    await page.goto(`${peer.url}tfjs/index.html`);
    out.webgpu_adapter = await page.evaluate(() => window.adapterInfo()).catch((e) => String(e));
    await page.close();
  }
  if (haveLab && part('sizes')) out.sizes = sizes();
  if (haveLab && part('ready')) {
    const ready = [];
    for (let i = 0; i < REPS; i++) {
      const page = await readyPage(browser.context, `${labPlain.url}?backend=cpu`);
      ready.push(await page.evaluate(() => window.__readyAt));
      await page.close();
    }
    out.navigation_to_ready_ms = { median: median(ready), runs: ready };
    log('navigation → ready:', JSON.stringify(out.navigation_to_ready_ms));
  }
  for (const m of selectedModels()) {
    const plan = PLAN[m.model];
    const peerBase = { ...plan.tfjs, batch: m.batch };
    const pairs = plan.pairs.filter((p) => LAB_BACKENDS.includes(p.name ?? p.lab) && (!p.isolated || !haveLab || haveThreads));
    if (part('train')) {
      for (let rep = 0; rep < REPS; rep++) {
        for (const pair of pairs) {
          if (haveLab) {
            const base = pair.isolated ? labIsolated.url : lab.url;
            const r = await row({ impl: 'lab', backend: pair.name ?? pair.lab, model: m.model, batch: m.batch, rep }, () => labRow(browser.context, base, m, plan, pair));
            out.rows.push(r);
            log(`lab ${pair.name ?? pair.lab} ${m.model} rep ${rep}: ${fmt(r)}`);
          }
          const args = { backend: pair.peer, ...peerBase, ...pair.peerArgs };
          if (args.seconds !== undefined) args.seconds *= SCALE;
          const r = await row({ impl: 'tfjs-4.22', backend: pair.peerName ?? pair.peer, model: m.model, batch: m.batch, rep, role: 'pair' }, async () => {
            const { chunks, convGrad, ...res } = await tfjsRow(browser.context, pair.isolated ? peerIsolated.url : peer.url, args);
            // TF.js 4.22's threaded binary reports 1 thread whatever setThreadsCount asked
            // (tensorflow/tfjs#6081; measured here: a matmul loop as fast with 1, 2 or 4), so the
            // row keeps both figures and fails only where the page was not isolated.
            if (pair.isolated && !res.isolated) throw new Error('the TF.js page is not cross-origin isolated: no threaded binary');
            return { ...res, ...(pair.isolated && { wasm_threads_asked: CORES }), conv_grad: convGrad, chunk_images_per_s: chunks.map((c) => Math.round((c.steps * m.batch) / c.seconds * 10) / 10) };
          });
          out.rows.push(r);
          log(`tfjs ${pair.peerName ?? pair.peer} ${m.model} rep ${rep}: ${fmt(r)}`);
        }
      }
    }
    if (part('stock') && plan.stock) {
      // The stock webgpu row is the pair's when that ran; otherwise it runs here.
      const stock = [...plan.stock, ...(part('train') && pairs.some((p) => p.peer === 'webgpu') ? [] : ['webgpu'])];
      for (let rep = 0; rep < STOCK_REPS; rep++) {
        for (const backend of stock) {
          const args = { backend, ...peerBase, warmSteps: 1, steps: 3, convGrad: 'native' };
          const r = await row({ impl: 'tfjs-4.22', backend, model: m.model, batch: m.batch, rep, role: 'stock' }, async () => {
            const { chunks, convGrad, ...res } = await tfjsRow(browser.context, peer.url, args);
            return { ...res, conv_grad: convGrad };
          });
          out.rows.push(r);
          log(`tfjs stock ${backend} ${m.model} rep ${rep}: ${fmt(r)}`);
        }
      }
    }
  }
  // The pages below open on labPlain's origin. Its first visit installs the service worker,
  // which takes the page over and, on a site with the threaded worker, reloads it once into
  // cross-origin isolation: done here, so that no measurement has that reload in its middle
  // (as in a full run, where the start-up part visits first).
  if (haveLab && ['interaction', 'scatter', 'longtasks'].some(part)) await attempt('settle', () => settle(browser.context, labPlain.url));
  if (haveLab && part('interaction')) await attempt('interaction', async () => {
    out.interaction = [];
    for (const backend of ['cpu', 'webgpu'].filter((b) => LAB_BACKENDS.includes(b))) {
      out.interaction.push(await interactionLatency(browser.context, labPlain.url, backend));
      log('interaction latency:', JSON.stringify(out.interaction.at(-1)));
    }
  });
  if (haveLab && part('scatter')) await attempt('scatter', async () => {
    out.scatter_10k = await scatterRedraw(browser.context, labPlain.url);
    log('scatter redraw, 10k points:', JSON.stringify(out.scatter_10k));
    out.tsne_2k = await tsneSeconds(browser.context, labPlain.url);
    log('t-SNE, 2,000 points:', JSON.stringify(out.tsne_2k));
  });
  if (haveLab && part('longtasks')) await attempt('longtasks', async () => {
    out.long_tasks_30s = {};
    for (const backend of ['cpu', 'webgpu']) {
      out.long_tasks_30s[backend] = await longTasks(browser.context, labPlain.url, `backend=${backend}&batch=128`, 30);
      log(`long tasks, 30 s of ${backend} training:`, JSON.stringify(out.long_tasks_30s[backend]));
    }
  });
} finally {
  await browser.close();
  for (const s of [lab, labPlain, peer, labIsolated, peerIsolated]) await s?.close();
}
console.log(JSON.stringify(out, null, 2));
