// Where the page's and the browser's threads spend their time while the threaded worker trains
// the small MLP: a Chrome trace (CDP Tracing, devtools.timeline) of SECONDS of training after a
// warm-up, summed per thread and top-level event. A probe; BENCHMARKS.md, session 61.
//   node trace.mjs <dist> [query]     (TRACE_SECONDS=6)
import fs from 'node:fs';
import { serve, launch, byId } from '../../../tests/e2e/harness.mjs';

const dist = process.argv[2];
const query = process.argv[3] ?? 'backend=cpu&batch=128&epochs=100';
const SECONDS = Number(process.env.TRACE_SECONDS ?? 6);
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
const server = await serve(dist, 'index.html', { headers: ISOLATION });
const browser = await launch();
try {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}?${query}`);
  await page.waitForFunction(() => { const b = document.querySelector('[data-testid="train-start"]'); return b && !b.disabled; }, null, { timeout: 180_000 });
  await byId(page, 'train-start').click();
  await page.waitForTimeout(6000);
  const cdp = await browser.context.newCDPSession(page);
  const chunks = [];
  cdp.on('Tracing.dataCollected', (e) => chunks.push(...e.value));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink,cc,gpu,viz,toplevel', transferMode: 'ReportEvents' });
  await page.waitForTimeout(SECONDS * 1000);
  await cdp.send('Tracing.end');
  await done;
  await byId(page, 'train-stop').click();
  // Thread names, then each thread's complete ('X') events that no other event on it encloses.
  const names = new Map();
  for (const e of chunks) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  const byThread = new Map();
  for (const e of chunks) {
    if (e.ph !== 'X' || !e.dur) continue;
    const key = `${e.pid}:${e.tid}`;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key).push(e);
  }
  const rows = [];
  for (const [key, events] of byThread) {
    events.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    let end = -Infinity;
    const top = new Map();
    for (const e of events) {
      if (e.ts < end) continue; // nested in the previous top-level event
      end = e.ts + e.dur;
      const t = top.get(e.name) ?? { ms: 0, n: 0 };
      t.ms += e.dur / 1000; t.n += 1;
      top.set(e.name, t);
    }
    const total = [...top.values()].reduce((s, t) => s + t.ms, 0);
    rows.push({ thread: names.get(key) ?? key, ms_per_s: total / SECONDS, top: [...top].sort((a, b) => b[1].ms - a[1].ms).slice(0, 6).map(([n, t]) => `${n} ${(t.ms / SECONDS).toFixed(1)} ms/s (${t.n})`) });
  }
  rows.sort((a, b) => b.ms_per_s - a.ms_per_s);
  for (const r of rows.slice(0, 14)) console.log(`${r.ms_per_s.toFixed(1).padStart(7)} ms/s  ${r.thread}: ${r.top.join('; ')}`);
  // The busiest threads' own breakdowns: every event on them, nested ones included.
  const busiest = rows.filter((r) => !/DedicatedWorker/.test(r.thread)).slice(0, 4).map((r) => r.thread);
  for (const [key, events] of byThread) {
    const name = names.get(key) ?? key;
    if (!busiest.includes(name) || events.length < 20) continue;
    const all = new Map();
    for (const e of events) { const t = all.get(e.name) ?? { ms: 0, n: 0 }; t.ms += e.dur / 1000; t.n += 1; all.set(e.name, t); }
    console.log(`${name}, all events (nested counted too): ` + [...all].sort((a, b) => b[1].ms - a[1].ms).slice(0, 22).map(([n, t]) => `${n} ${(t.ms / SECONDS).toFixed(1)} ms/s (${t.n})`).join('; '));
  }
} finally {
  await browser.close();
  await server.close();
}
