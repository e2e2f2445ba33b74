// Throwaway probe (session 34): where the epoch-end checkpoint's cost to CPU training goes.
// Trains on the CPU at batch 128 for N seconds (argv[3]) and records, from the page, every event
// the worker posts (with its time), and, inside the worker (its loader patched as served),
// every IndexedDB open, put (the synchronous part: the structured clone) and transaction commit,
// and each postMessage's synchronous time. Prints: steps in the window, the worker's own
// training seconds (TrainLoss.chunk_seconds) against the wall, and per epoch end the gaps
// between the worker's events. Usage: node <this> <site> 90
import { launch, byId, serve } from '../../../tests/e2e/harness.mjs';
const WORKER_PATCH = `
self.__probe = [];
const __now = () => performance.now();
{
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (...a) { const t = __now(); const r = open.apply(this, a); r.addEventListener('success', () => self.__probe.push(['open', t, __now() - t])); return r; };
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (...a) {
    const t = __now(); const r = put.apply(this, a); const d = __now() - t;
    const tx = this.transaction; tx.addEventListener('complete', () => self.__probe.push(['commit', t, __now() - t]));
    self.__probe.push(['put', t, d, String(a[1])]); return r;
  };
  const post = self.postMessage.bind(self);
  self.postMessage = function (m, ...rest) {
    const t = __now(); post(m, ...rest); const d = __now() - t;
    const k = m && typeof m === 'object' ? Object.keys(m)[0] : String(m);
    if (k !== '__probe') self.__probe.push(['post', t, d, k]);
    if (k === 'Checkpointed' || k === 'Checkpoint' || k === 'RunEnded') { post({ __probe: self.__probe }); self.__probe = []; }
  };
}
`;
const site = await serve(process.argv[2], 'index.html', {
  transform: (p, body) => (/\/worker(_threads)?_loader\.js$/.test(p) ? Buffer.concat([Buffer.from(WORKER_PATCH), body]) : body),
});
const b = await launch();
const page = await b.context.newPage();
await page.addInitScript(() => {
  window.__events = []; window.__wprobe = [];
  const desc = Object.getOwnPropertyDescriptor(Worker.prototype, 'onmessage');
  Object.defineProperty(Worker.prototype, 'onmessage', {
    set(f) {
      desc.set.call(this, f && ((e) => {
        const d = e.data; const k = d && typeof d === 'object' ? Object.keys(d)[0] : String(d);
        if (k === '__probe') { window.__wprobe.push(...d.__probe); return; }
        const v = d?.[k]; window.__events.push([performance.timeOrigin + performance.now(), k, v && typeof v === 'object' ? { step: v.step, epoch: v.epoch, cs: v.chunk_steps, sec: v.chunk_seconds } : null]);
        return f(e);
      }));
    },
    get() { return desc.get.call(this); },
  });
});
await page.goto(`${site.url}?backend=cpu&batch=128&epochs=100`);
await page.waitForFunction(() => { const x = document.querySelector('[data-testid="train-start"]'); return x && !x.disabled; }, null, { timeout: 180000 });
await byId(page, 'train-start').click();
await page.waitForFunction(() => Number(document.querySelector('[data-testid="metric-step"]').textContent) > 0, null, { timeout: 300000 });
await page.waitForTimeout(Number(process.argv[3] ?? 40) * 1000);
const { events, wprobe, origin } = await page.evaluate(() => ({ events: window.__events, wprobe: window.__wprobe, origin: performance.timeOrigin }));
const train = events.filter(([, k]) => k === 'TrainLoss');
const first = train[0], last = train.at(-1);
const wall = (last[0] - first[0]) / 1000, steps = last[2].step - first[2].step;
const inWorker = train.slice(1).reduce((s, [, , v]) => s + v.sec, 0);
console.log(JSON.stringify({ site: process.argv[2], steps, wall: +wall.toFixed(1), rate: +(steps / wall).toFixed(2), workerTrainSec: +inWorker.toFixed(1), workerRate: +(steps / inWorker).toFixed(2), overheadSec: +(wall - inWorker).toFixed(1) }));
// Per epoch end: the worker's events from EpochEnd to the next TrainLoss, as gaps (page clock).
const ends = [];
events.forEach(([t, k, v], i) => { if (k === 'EpochEnd' && v.epoch > 0) { const seq = []; for (let j = i; j < events.length; j++) { seq.push([events[j][1], Math.round(events[j][0] - t)]); if (events[j][1] === 'TrainLoss') break; } ends.push(seq); } });
for (const e of ends.slice(0, 6)) console.log('epoch end', JSON.stringify(e));
const probes = wprobe.map(([k, t, d, x]) => [k, Math.round(t), +d.toFixed(1), x].filter((y) => y !== undefined));
const by = (k) => probes.filter((p) => p[0] === k).map((p) => p[2]);
const med = (a) => (a.length ? [...a].sort((x, y) => x - y)[a.length >> 1] : null);
const slowPosts = probes.filter((p) => p[0] === 'post' && p[2] > 1);
console.log(JSON.stringify({ puts: by('put').length, putMed: med(by('put')), putMax: Math.max(...by('put')), commitMed: med(by('commit')), commitMax: Math.max(...by('commit')), openMed: med(by('open')), slowPosts: slowPosts.slice(0, 12) }));
await b.close(); await site.close(); process.exit(0);
