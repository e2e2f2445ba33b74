// CPU training throughput in headless Chromium, the threaded worker against the single-threaded
// one, on the same release site served cross-origin isolated. The single-threaded figures come
// from a copy of the site whose page lacks the `replab-threads` mark (it then starts Trunk's worker).
// Throughput is read from the worker's TrainLoss events (images_per_s of each chunk), after a
// warm-up, as the median over `seconds` of training.
//   node bench/threads.mjs <dist dir with threads/> [<dist B>]   (BENCH_REPS=3, BENCH_SECONDS=12,
//   BENCH_MODELS=a,b to run only those: mlp-ae-784-256-128, mlp-ae-784-1000-300, cifar-cnn-32-64-128)
// With a second site (an A/B of a change to the workers), its threaded worker runs as the site
// `threaded-b` and its single-threaded one as `single-b`, alternated with the others;
// BENCH_SITES=threaded,threaded-b (or single,single-b) keeps only those.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// A copy of bench/threads.mjs with sites added, `threaded-mute` and `single-mute`: the same
// workers on a page that never sees their TrainLoss and EpochEnd events (the bench still records
// them), so the page draws nothing while the run trains; `threaded-mute-loss` and
// `threaded-mute-epoch` keep only TrainLoss or only EpochEnd from the page, `threaded-mute-panels`
// the panels' per-epoch figures (Embedding, Filters, FrameMap). A probe;
// BENCHMARKS.md, session 61.
import { serve, launch, byId } from '../../../tests/e2e/harness.mjs';

const dist = process.argv[2] ?? 'dist';
const distB = process.argv[3];
const REPS = Number(process.env.BENCH_REPS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 12);
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
if (!fs.existsSync(path.join(dist, 'threads/build.json'))) throw new Error(`${dist} has no threaded worker`);

// A copy of a site whose page lacks the `replab-threads` mark: it starts the single-threaded worker.
function singleCopy(dir) {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'lab-single-'));
  fs.cpSync(dir, copy, { recursive: true });
  const indexPath = path.join(copy, 'index.html');
  fs.writeFileSync(indexPath, fs.readFileSync(indexPath, 'utf8').replace(/<meta name="replab-threads"[^>]*>/, ''));
  return copy;
}
const single = singleCopy(dist);
const singleB = distB && singleCopy(distB);

async function run(context, base, query, pool, mute) {
  const page = await context.newPage();
  await page.addInitScript((pool) => {
    window.__mute = pool?.mute ?? '';
    pool = pool?.pool;
    window.__events = [];
    window.__workers = [];
    const Native = window.Worker;
    window.Worker = class extends Native {
      constructor(url, options) {
        // `threads=N` on the threaded worker's script: a pool of N (src/worker/threads.rs).
        if (pool && /worker_threads_loader/.test(String(url))) url = `${url}&threads=${pool}`;
        super(url, options);
        window.__workers.push(String(url));
        this.addEventListener('message', (e) => { window.__events.push({ t: performance.now(), data: e.data }); if ((/all|loss/.test(window.__mute) && e.data?.TrainLoss) || (/all|epoch/.test(window.__mute) && e.data?.EpochEnd) || (/panels/.test(window.__mute) && (e.data?.Embedding || e.data?.Filters || e.data?.FrameMap))) e.stopImmediatePropagation(); });
      }
    };
  }, { pool, mute: mute ?? '' });
  await page.goto(`${base}?${query}&epochs=100`);
  await page.waitForFunction(() => { const b = document.querySelector('[data-testid="train-start"]'); return b && !b.disabled; }, null, { timeout: 180_000 });
  await byId(page, 'train-start').click();
  // Warm-up: 5 s after the first loss report, then SECONDS of reports.
  await page.waitForFunction(() => window.__events.some((e) => e.data?.TrainLoss), null, { timeout: 300_000 });
  await page.waitForTimeout(5000);
  const from = await page.evaluate(() => performance.now());
  await page.waitForTimeout(SECONDS * 1000);
  const { reports, worker, badge, isolated } = await page.evaluate((t0) => ({
    reports: window.__events.filter((e) => e.t > t0 && e.data?.TrainLoss).map((e) => e.data.TrainLoss),
    worker: window.__workers[0].replace(/\?.*$/, '').split('/').pop(),
    badge: document.querySelector('[data-testid="backend-badge"] .reason')?.textContent,
    isolated: self.crossOriginIsolated,
  }), from);
  await byId(page, 'train-stop').click();
  await page.close();
  const images = reports.reduce((n, r) => n + r.images_per_s * r.chunk_seconds, 0);
  const seconds = reports.reduce((n, r) => n + r.chunk_seconds, 0);
  return { worker, badge, isolated, reports: reports.length, median_images_per_s: median(reports.map((r) => r.images_per_s)), mean_images_per_s: images / seconds };
}

const cases = [
  { model: 'mlp-ae-784-256-128', query: 'backend=cpu&batch=128' },
  { model: 'mlp-ae-784-1000-300', query: 'backend=cpu&hidden=1000&k=300&batch=128' },
  { model: 'cifar-cnn-32-64-128', query: 'backend=cpu&dataset=cifar10&model=cnn&batch=64', batch: 64 },
].filter((c) => !process.env.BENCH_MODELS || process.env.BENCH_MODELS.split(',').includes(c.model));
// threaded-1: the threaded build with a pool of one thread (its atomics and allocator costs alone).
const sites = [
  { name: 'threaded', dir: dist },
  { name: 'threaded-1', dir: dist, pool: 1 },
  { name: 'single', dir: single },
  { name: 'threaded-mute', dir: dist, mute: 'all' },
  { name: 'single-mute', dir: single, mute: 'all' },
  // Only one kind of event kept from the page: its per-report redraws, or its epoch ends.
  { name: 'threaded-mute-loss', dir: dist, mute: 'loss' },
  { name: 'threaded-mute-epoch', dir: dist, mute: 'epoch' },
  // The panels' per-epoch figures kept from the page: Embedding, Filters, FrameMap.
  { name: 'threaded-mute-panels', dir: dist, mute: 'panels' },
  ...(distB ? [{ name: 'threaded-b', dir: distB }, { name: 'single-b', dir: singleB }] : []),
].filter((s) => !process.env.BENCH_SITES || process.env.BENCH_SITES.split(',').includes(s.name));
const out = { date: new Date().toISOString(), cores: os.cpus().length, load: fs.readFileSync('/proc/loadavg', 'utf8').trim(), rows: [] };
const browser = await launch();
try {
  for (const c of cases) {
    const row = { model: c.model, batch: c.batch ?? 128 };
    // Alternate the two sites, so a change in the machine's load hits both alike.
    const runs = Object.fromEntries(sites.map((s) => [s.name, []]));
    for (let i = 0; i < REPS; i++) {
      for (const site of sites) {
        const server = await serve(site.dir, 'index.html', { headers: ISOLATION });
        try {
          const r = await run(browser.context, server.url, c.query, site.pool, site.mute);
          runs[site.name].push(r);
          console.error(`${c.model} ${site.name} (${r.worker}, ${r.badge}): ${r.median_images_per_s.toFixed(0)} images/s median of ${r.reports} chunks`);
        } finally {
          await server.close();
        }
      }
    }
    for (const site of sites) {
      row[site.name] = { images_per_s: median(runs[site.name].map((r) => r.mean_images_per_s)), runs: runs[site.name] };
    }
    if (row.threaded && row.single) row.speedup = row.threaded.images_per_s / row.single.images_per_s;
    if (row.threaded && row['threaded-mute']) row.threaded_mute_over_threaded = row['threaded-mute'].images_per_s / row.threaded.images_per_s;
    if (row.single && row['single-mute']) row.single_mute_over_single = row['single-mute'].images_per_s / row.single.images_per_s;
    if (row.threaded && row['threaded-b']) row.b_over_a = row['threaded-b'].images_per_s / row.threaded.images_per_s;
    if (row.single && row['single-b']) row.single_b_over_a = row['single-b'].images_per_s / row.single.images_per_s;
    out.rows.push(row);
    console.error(`${c.model}: ${sites.map((s) => `${s.name} ${row[s.name].images_per_s.toFixed(0)}`).join(', ')} images/s${row.speedup ? `: ${row.speedup.toFixed(2)}×` : ''}${row.b_over_a ? `; B / A ${row.b_over_a.toFixed(3)}` : ''}${row.single_b_over_a ? `; single B / A ${row.single_b_over_a.toFixed(3)}` : ''}`);
  }
} finally {
  await browser.close();
  for (const copy of [single, singleB]) if (copy) fs.rmSync(copy, { recursive: true, force: true });
}
out.load_after = fs.readFileSync('/proc/loadavg', 'utf8').trim();
console.log(JSON.stringify(out, null, 2));
