// Where the CPU goes while the lab trains in headless Chromium: per process and per thread of
// every Chromium process (from /proc/<pid>/task/<tid>/stat), over consecutive windows of steady
// training. Tells the worker's threads from the page's main thread (a renderer's `main`), the
// compositor and the GPU process (on this machine SwiftShader rasterises the page in software),
// and shows whether the page's share grows as the run's curves grow.
//   node bench/cpu-split.mjs <dist> [query] [windows] [seconds per window]
//   e.g. node bench/cpu-split.mjs dist 'backend=cpu&batch=8' 6 10
// CPU_SPLIT_ISOLATE=1 serves the site cross-origin isolated (the threaded worker where built).
// Without it the page may still become isolated through its service worker (sw.js adds the
// headers for hosts that cannot) and start the threaded worker: `workers` in the output says
// which ran, and each Web Worker's thread is a line of its own. CPU_SPLIT_WORKER_QUERY (e.g.
// `threads=2`) is added to the threaded worker's script query (src/worker/threads.rs reads it).
import fs from 'node:fs';
import { serve, launch, byId, ISOLATION } from '../tests/e2e/harness.mjs';

const dist = process.argv[2] ?? 'dist';
const query = process.argv[3] ?? 'backend=cpu&batch=128';
const WINDOWS = Number(process.argv[4] ?? 3);
const SECONDS = Number(process.argv[5] ?? 10);
const isolate = process.env.CPU_SPLIT_ISOLATE === '1';
const workerQuery = process.env.CPU_SPLIT_WORKER_QUERY ?? '';
const TICK = 100; // USER_HZ

function chromiumPids() {
  return fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((pid) => {
    try { return /chrom/.test(fs.readFileSync(`/proc/${pid}/comm`, 'utf8')); } catch { return false; }
  });
}
function kind(pid) {
  // Chromium rewrites its command line into one space-separated string.
  const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
  const type = cmd.find((a) => a.startsWith('--type='))?.slice(7) ?? 'browser';
  const sub = cmd.find((a) => a.startsWith('--utility-sub-type='))?.slice(19);
  return sub ? `${type}:${sub}` : type;
}
/** CPU ticks per thread of every Chromium process. */
function sample() {
  const threads = new Map();
  for (const pid of chromiumPids()) {
    let k;
    let tids;
    try { k = kind(pid); tids = fs.readdirSync(`/proc/${pid}/task`); } catch { continue; }
    for (const tid of tids) {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        threads.set(`${pid}/${tid}`, {
          process: k,
          // A process's first thread is named after the binary: call it `main`.
          thread: tid === pid ? 'main' : stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
          ticks: Number(fields[11]) + Number(fields[12]),
        });
      } catch { /* the thread ended */ }
    }
  }
  return threads;
}
/** Cores used per process kind and per (process kind, thread name) between two samples. */
function usage(before, after, seconds) {
  const processes = {};
  const threads = {};
  for (const [key, a] of after) {
    const cores = (a.ticks - (before.get(key)?.ticks ?? 0)) / TICK / seconds;
    processes[a.process] = (processes[a.process] ?? 0) + cores;
    // Threads of one name are summed, except the workers' (one line per Web Worker).
    const name = a.thread === 'DedicatedWorker' ? `${a.process} · ${a.thread} ${key}` : `${a.process} · ${a.thread}`;
    threads[name] = (threads[name] ?? 0) + cores;
  }
  const round = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v >= 0.005).sort((x, y) => y[1] - x[1]).map(([k, v]) => [k, +v.toFixed(3)]));
  return { processes: round(processes), threads: round(threads) };
}

const headers = isolate ? ISOLATION : {};
const server = await serve(dist, 'index.html', { headers });
const browser = await launch();
// A node killed mid-run (a `timeout`) must not leave its Chromium training beside the next run.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => browser.close().finally(() => process.exit(1)));
const out = { dist, query, worker_query: workerQuery, isolated: isolate, load: fs.readFileSync('/proc/loadavg', 'utf8').trim(), windows: [] };
try {
  const page = await browser.context.newPage();
  await page.addInitScript((workerQuery) => {
    window.__events = [];
    const Native = window.Worker;
    window.Worker = class extends Native {
      constructor(url, options) {
        if (workerQuery && /worker_threads_loader/.test(String(url))) url = `${url}&${workerQuery}`;
        super(url, options);
        (window.__workers ??= []).push(String(url).replace(/^.*\//, ''));
        this.addEventListener('message', (e) => window.__events.push({ t: performance.now(), data: e.data }));
      }
    };
  }, workerQuery);
  await page.goto(`${server.url}?${query}&epochs=1000`);
  await page.waitForFunction(() => { const b = document.querySelector('[data-testid="train-start"]'); return b && !b.disabled; }, null, { timeout: 180_000 });
  await byId(page, 'train-start').click();
  await page.waitForFunction(() => window.__events.some((e) => e.data?.TrainLoss), null, { timeout: 300_000 });
  await page.waitForTimeout(3000);
  for (let w = 0; w < WINDOWS; w++) {
    const t0 = await page.evaluate(() => performance.now());
    const before = sample();
    const wall0 = Date.now();
    await page.waitForTimeout(SECONDS * 1000);
    const after = sample();
    const seconds = (Date.now() - wall0) / 1000;
    const { reports, points } = await page.evaluate((t0) => ({
      reports: window.__events.filter((e) => e.t > t0 && e.data?.TrainLoss).map((e) => e.data.TrainLoss),
      points: window.__events.filter((e) => e.data?.TrainLoss).length,
    }), t0);
    const images = reports.reduce((n, r) => n + r.images_per_s * r.chunk_seconds, 0);
    const chunkSeconds = reports.reduce((n, r) => n + r.chunk_seconds, 0);
    const row = { window: w, seconds, curve_points: points, reports_per_s: reports.length / seconds, images_per_s: images / chunkSeconds, ...usage(before, after, seconds) };
    out.windows.push(row);
    const main = Object.entries(row.threads).find(([k]) => /^renderer · main/.test(k))?.[1] ?? 0;
    console.error(`window ${w}: ${points} curve points, ${row.reports_per_s.toFixed(1)} reports/s, ${row.images_per_s.toFixed(0)} images/s, page main thread ${main.toFixed(3)} cores, processes ${JSON.stringify(row.processes)}`);
  }
  out.workers = await page.evaluate(() => window.__workers);
  await byId(page, 'train-stop').click();
} finally {
  await browser.close();
  await server.close();
}
out.load_after = fs.readFileSync('/proc/loadavg', 'utf8').trim();
console.log(JSON.stringify(out, null, 2));
