// Throwaway probe (session 32): CPU training at batch 128 for N seconds (argv[3], default 40).
// Prints every IndexedDB put (its synchronous time: the structured clone of what is stored) with
// the step counter, a structuredClone of each part of the stored value before each put (the kept
// run, and the checkpoint's fields over 0.5 ms), and every long animation frame over 50 ms with
// its scripts (LoAF attribution). Usage: node <this> <release site> 150
import { launch, byId } from '../../../tests/e2e/harness.mjs';
import { serve } from '../../lib.mjs';
const site = await serve(process.argv[2]);
const b = await launch();
const page = await b.context.newPage();
await page.addInitScript(() => {
  window.__loaf = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.duration > 50) window.__loaf.push({ t: Math.round(e.startTime), dur: Math.round(e.duration), block: Math.round(e.blockingDuration), render: Math.round(e.renderStart ? e.renderStart - e.startTime : -1), layout: Math.round(e.styleAndLayoutStart ? e.styleAndLayoutStart - e.startTime : -1), scripts: e.scripts.map((s) => ({ inv: s.invoker, type: s.invokerType, fn: s.sourceFunctionName, url: (s.sourceURL || '').split('/').pop(), dur: Math.round(s.duration), at: Math.round(s.startTime - e.startTime), layout: Math.round(s.forcedStyleAndLayoutDuration) })) }); }).observe({ type: 'long-animation-frame', buffered: true });
  window.__puts = [];
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (...a) { const v = a[0]; const parts = {}; if (v && typeof v === 'object') for (const k of Object.keys(v)) { const t = performance.now(); structuredClone(v[k]); parts[k] = +(performance.now() - t).toFixed(1); } if (v?.checkpoint) for (const k of Object.keys(v.checkpoint)) { const t = performance.now(); structuredClone(v.checkpoint[k]); const d = performance.now() - t; if (d > 0.5) parts['cp.' + k] = +d.toFixed(1); } if (v?.train) parts.trainShape = JSON.stringify(v.train).length; window.__parts = (window.__parts || []).concat([parts]); const t = performance.now(); const r = put.apply(this, a); const s = document.querySelector('[data-testid="metric-step"]'); window.__puts.push([Math.round(t), +(performance.now() - t).toFixed(1), s?.textContent]); return r; };
  window.__steps = [];
  setInterval(() => { const s = document.querySelector('[data-testid="metric-step"]'); if (s) window.__steps.push([Math.round(performance.now()), s.textContent]); }, 500);
});
await page.goto(`${site.url}?backend=cpu&batch=128&epochs=100`);
await page.waitForFunction(() => { const x = document.querySelector('[data-testid="train-start"]'); return x && !x.disabled; }, null, { timeout: 180000 });
await byId(page, 'train-start').click();
await page.waitForFunction(() => Number(document.querySelector('[data-testid="metric-step"]').textContent) > 0, null, { timeout: 300000 });
const t1 = await page.evaluate(() => performance.now());
await page.waitForTimeout(Number(process.argv[3] ?? 40) * 1000);
const r = await page.evaluate(() => ({ loaf: window.__loaf, steps: window.__steps, puts: window.__puts }));
console.log('puts', JSON.stringify(r.puts)); console.log('parts', JSON.stringify(await page.evaluate(() => window.__parts)));
console.log('training from', Math.round(t1));
for (const e of r.loaf.filter((e) => e.t > t1)) { const st = r.steps.filter(([s]) => s <= e.t).at(-1); console.log(JSON.stringify({ ...e, step: st?.[1] })); }
await b.close(); process.exit(0);
