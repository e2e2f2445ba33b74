// CPU training throughput in headless Chromium, the threaded worker against the single-threaded
// one, on the same release site served cross-origin isolated. The single-threaded figures come
// from a copy of the site whose page lacks the `replab-threads` mark (it then starts Trunk's worker).
// Throughput is read from the worker's TrainLoss events (images_per_s of each chunk), after a
// warm-up, as the median over `seconds` of training.
//   node bench/threads.mjs <dist dir with threads/> [<dist B>]   (BENCH_REPS=3, BENCH_SECONDS=12,
//   BENCH_MODELS=a,b to run only those: mlp-ae-784-256-128, mlp-ae-784-1000-300, cifar-cnn-32-64-128)
// With a second site (an A/B of a change to the workers), its threaded worker runs as the site
// `threaded-b` and its single-threaded one as `single-b`, alternated with the others;
// BENCH_SITES=threaded,threaded-b (or single,single-b) keeps only those. BENCH_BROWSERS=chromium,firefox
// runs every site in both browsers (Debian's Firefox ESR too), alternated; rows are then named
// `<site>@<browser>`. Name firefox first: left idle while Chromium ran first, Firefox once never
// brought its first page to ready (session 64).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, byId, ISOLATION } from '../tests/e2e/harness.mjs';

const dist = process.argv[2] ?? 'dist';
const distB = process.argv[3];
const REPS = Number(process.env.BENCH_REPS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 12);
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

async function run(context, base, query, pool) {
  const page = await context.newPage();
  await page.addInitScript((pool) => {
    window.__events = [];
    window.__workers = [];
    const Native = window.Worker;
    window.Worker = class extends Native {
      constructor(url, options) {
        // `threads=N` on the threaded worker's script: a pool of N (src/worker/threads.rs).
        if (pool && /worker_threads_loader/.test(String(url))) url = `${url}&threads=${pool}`;
        super(url, options);
        window.__workers.push(String(url));
        this.addEventListener('message', (e) => window.__events.push({ t: performance.now(), data: e.data }));
      }
    };
  }, pool);
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
  ...(distB ? [{ name: 'threaded-b', dir: distB }, { name: 'single-b', dir: singleB }] : []),
].filter((s) => !process.env.BENCH_SITES || process.env.BENCH_SITES.split(',').includes(s.name));
const browserNames = (process.env.BENCH_BROWSERS ?? 'chromium').split(',');
const runsOn = browserNames.flatMap((b) => sites.map((s) => ({ ...s, browser: b, name: browserNames.length > 1 ? `${s.name}@${b}` : s.name })));
const out = { date: new Date().toISOString(), cores: os.cpus().length, load: fs.readFileSync('/proc/loadavg', 'utf8').trim(), rows: [] };
const browsers = Object.fromEntries(await Promise.all(browserNames.map(async (b) => [b, await launch(undefined, [], {}, b)])));
try {
  for (const c of cases) {
    const row = { model: c.model, batch: c.batch ?? 128 };
    // Alternate the two sites, so a change in the machine's load hits both alike.
    const runs = Object.fromEntries(runsOn.map((s) => [s.name, []]));
    for (let i = 0; i < REPS; i++) {
      for (const site of runsOn) {
        const server = await serve(site.dir, 'index.html', { headers: ISOLATION });
        try {
          const r = await run(browsers[site.browser].context, server.url, c.query, site.pool);
          runs[site.name].push(r);
          console.error(`${c.model} ${site.name} (${r.worker}, ${r.badge}): ${r.median_images_per_s.toFixed(0)} images/s median of ${r.reports} chunks`);
        } finally {
          await server.close();
        }
      }
    }
    for (const site of runsOn) {
      row[site.name] = { images_per_s: median(runs[site.name].map((r) => r.mean_images_per_s)), runs: runs[site.name] };
    }
    if (row.threaded && row.single) row.speedup = row.threaded.images_per_s / row.single.images_per_s;
    if (row.threaded && row['threaded-b']) row.b_over_a = row['threaded-b'].images_per_s / row.threaded.images_per_s;
    if (row.single && row['single-b']) row.single_b_over_a = row['single-b'].images_per_s / row.single.images_per_s;
    out.rows.push(row);
    console.error(`${c.model}: ${runsOn.map((s) => `${s.name} ${row[s.name].images_per_s.toFixed(0)}`).join(', ')} images/s${row.speedup ? `: ${row.speedup.toFixed(2)}×` : ''}${row.b_over_a ? `; B / A ${row.b_over_a.toFixed(3)}` : ''}${row.single_b_over_a ? `; single B / A ${row.single_b_over_a.toFixed(3)}` : ''}`);
  }
} finally {
  for (const b of Object.values(browsers)) await b.close();
  for (const copy of [single, singleB]) if (copy) fs.rmSync(copy, { recursive: true, force: true });
}
out.load_after = fs.readFileSync('/proc/loadavg', 'utf8').trim();
console.log(JSON.stringify(out, null, 2));
