// Like messages.mjs, and also the worker's console lines of epoch-probe.patch (the parts of each
// epoch's end, ms) with their medians, and the FrameMap events' worker_ms. A probe; BENCHMARKS.md,
// session 61.   node epoch-probe.mjs <dist with the probe's worker>   (Q=&hidden=1000&k=300: the large MLP)
import { serve, launch, byId } from '../../../tests/e2e/harness.mjs';
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
const server = await serve(process.argv[2], 'index.html', { headers: ISOLATION });
const browser = await launch();
try {
  const page = await browser.context.newPage();
  const probe = []; const take = (m) => { if (/probe-epoch/.test(m.text()) && !probe.includes(m.text() + '')) probe.push(m.text()); }; page.on('console', take); page.on('worker', (w) => w.on?.('console', take));
  await page.addInitScript(() => {
    window.__posts = []; window.__in = []; window.__muteLoss = location.search.includes('muteloss');
    const Native = window.Worker;
    window.Worker = class extends Native {
      constructor(url, options) { super(url, options); this.addEventListener('message', (e) => { if (window.__muteLoss && e.data?.TrainLoss) e.stopImmediatePropagation(); }); this.addEventListener('message', (e) => window.__in.push({ t: performance.now(), k: typeof e.data === 'object' && e.data ? Object.keys(e.data)[0] : String(e.data).slice(0, 20), size: JSON.stringify(e.data)?.length, ms: e.data?.FrameMap?.worker_ms, step: e.data?.TrainLoss?.step, rate: e.data?.TrainLoss?.images_per_s, cs: e.data?.TrainLoss?.chunk_seconds, cn: e.data?.TrainLoss?.chunk_steps })); }
      postMessage(m, ...rest) { window.__posts.push({ t: performance.now(), k: typeof m === 'object' && m ? (Object.keys(m)[0] ?? m.constructor?.name) : String(m).slice(0, 30), size: m?.byteLength ?? JSON.stringify(m ?? null)?.length }); return super.postMessage(m, ...rest); }
    };
  });
  await page.goto(`${server.url}?backend=cpu${process.env.Q ?? ""}&batch=128&epochs=100${process.env.MUTE ? '&muteloss' : ''}`);
  await page.waitForFunction(() => { const b = document.querySelector('[data-testid="train-start"]'); return b && !b.disabled; }, null, { timeout: 180_000 });
  await byId(page, 'train-start').click();
  await page.waitForTimeout(5000);
  const t0 = await page.evaluate(() => performance.now());
  await page.waitForTimeout(10000);
  const r = await page.evaluate((t0) => {
    const count = (xs) => { const c = {}; for (const x of xs) if (x.t > t0) c[x.k] = (c[x.k] ?? 0) + 1; return c; };
    const L = window.__in.filter((x) => x.t > t0 && x.k === 'TrainLoss'); const wall = (L.at(-1).step - L[0].step) * 128 / ((L.at(-1).t - L[0].t) / 1000); const chunk = L.slice(1).reduce((n, x) => n + x.cn, 0) * 128 / L.slice(1).reduce((n, x) => n + x.cs, 0); const frames = window.__in.filter((x) => x.t > t0 && x.k === 'FrameMap').map((x) => x.ms); return { wall, chunk, frame_map_worker_ms: frames, posts: count(window.__posts), received: count(window.__in) };
  }, t0);
  console.log(JSON.stringify(r)); const cols = {}; for (const line of probe.slice(1)) for (const [, k, v] of line.matchAll(/(\w+) ([\d.]+)/g)) (cols[k] ??= []).push(Number(v)); const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]; console.log('epoch ends: ' + probe.length + '; medians, ms: ' + Object.entries(cols).map(([k, v]) => k + ' ' + med(v).toFixed(1)).join(', '));
} finally { await browser.close(); await server.close(); }
