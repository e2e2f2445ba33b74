// Throwaway probe (session 32): 40 s of CPU training at batch 128, each main-thread long task
// printed with the step counter and the User Timing measures around it.
// Usage: node bench/results/2026-12-02-session32-switch/longtask-probe.mjs <release site>
import { launch, byId } from '../../../tests/e2e/harness.mjs';
import { serve } from '../../lib.mjs';
const site = await serve(process.argv[2]);
const b = await launch();
const page = await b.context.newPage();
await page.addInitScript(() => {
  window.__lt = []; window.__steps = [];
  new PerformanceObserver((l) => window.__lt.push(...l.getEntries().map((e) => [Math.round(e.startTime), Math.round(e.duration), e.attribution?.map((a) => a.containerType + ':' + a.containerName + ':' + a.name).join('|')]))).observe({ type: 'longtask', buffered: true });
  setInterval(() => { const s = document.querySelector('[data-testid="metric-step"]'); if (s) window.__steps.push([Math.round(performance.now()), s.textContent]); }, 200);
});
await page.goto(`${site.url}?backend=cpu&batch=128&epochs=100`);
await page.waitForFunction(() => { const x = document.querySelector('[data-testid="train-start"]'); return x && !x.disabled; }, null, { timeout: 180000 });
const t0 = await page.evaluate(() => performance.now());
await byId(page, 'train-start').click();
await page.waitForTimeout(40000);
const r = await page.evaluate(() => ({ lt: window.__lt, steps: window.__steps, measures: performance.getEntriesByType('measure').map((m) => [m.name, Math.round(m.startTime), Math.round(m.duration)]) }));
console.log('start click at', Math.round(t0));
console.log('long tasks', JSON.stringify(r.lt));
for (const [t] of r.lt) { const near = r.steps.filter(([s]) => Math.abs(s - t) < 600); console.log('steps near', t, JSON.stringify(near)); const m = r.measures.filter(([, s, d]) => s <= t + 100 && s + d >= t - 100); console.log('measures near', JSON.stringify(m)); }
await b.close?.(); process.exit(0);
