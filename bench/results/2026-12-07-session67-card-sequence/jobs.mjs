// Where a card's time goes, model by model: runs one card at the default size in a fresh page and
// logs when its progress line moves to the next model ("model N of M (label): step …"), polled
// every 100 ms.   LAB_DIST=… [WORKER_QUERY=threads=1] node bench/results/2026-12-07-session67-card-sequence/jobs.mjs a5
// WORKER_QUERY is appended to the worker's URL (the threaded worker reads `threads=N` there).
import { serve, launch, byId, ready, ISOLATION } from '../../../tests/e2e/harness.mjs';

const id = process.argv[2];
const server = await serve(process.env.LAB_DIST, 'index.html', { headers: ISOLATION });
const browser = await launch();
try {
  const page = await browser.context.newPage();
  await page.addInitScript((extra) => {
    if (!extra) return;
    const Native = window.Worker;
    window.Worker = class extends Native { constructor(u, o) { super(`${u}${String(u).includes('?') ? '&' : '?'}${extra}`, o); } };
  }, process.env.WORKER_QUERY ?? '');
  await page.goto(`${server.url}?backend=cpu`);
  await ready(page);
  await byId(page, `preset-card-${id}`).locator('button').click();
  await page.waitForFunction((id) => document.querySelector('.preset-detail')?.dataset.preset === id, id);
  await byId(page, 'preset-size').selectOption('default');
  const started = Date.now();
  await byId(page, 'preset-run').click();
  let last = null;
  const marks = [];
  for (;;) {
    const state = await page.evaluate(() => {
      const run = document.querySelector('[data-testid="preset-run"]');
      const done = run && !run.disabled && document.querySelector('[data-testid="preset-result-table"]');
      const text = document.querySelector('.preset-progress span')?.textContent ?? '';
      return { done: !!done, model: (text.match(/^model \d+ of \d+ \([^)]*\)/) ?? [null])[0] };
    });
    if (state.model && state.model !== last) { marks.push({ model: state.model, at: (Date.now() - started) / 1000 }); last = state.model; }
    if (state.done) { marks.push({ model: 'done', at: (Date.now() - started) / 1000 }); break; }
    await page.waitForTimeout(100);
  }
  const badge = (await byId(page, 'backend-badge').textContent()).replace(/\s+/g, ' ').trim();
  for (let i = 0; i + 1 < marks.length; i++) console.log(JSON.stringify({ model: marks[i].model, seconds: +(marks[i + 1].at - marks[i].at).toFixed(1) }));
  console.log(JSON.stringify({ total: marks.at(-1).at, badge }));
} finally {
  await browser.close();
  await server.close();
}
