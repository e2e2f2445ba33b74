// Where a card's model time goes in the tab: every change of the card's progress line, recorded in
// the page by a MutationObserver (no polling), split into chunks of 10 training steps (a progress
// event after each), epoch-end chunks (fewer steps, then the evaluation) and the time between
// models (a model's start and its measurements).
//   LAB_DIST=… node bench/results/2026-12-07-session68-split-leak/steps.mjs c1
import { serve, launch, byId, ready, ISOLATION } from '../../../tests/e2e/harness.mjs';

const id = process.argv[2];
const server = await serve(process.env.LAB_DIST, 'index.html', { headers: ISOLATION });
const browser = await launch();
try {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}?backend=cpu`);
  await ready(page);
  await byId(page, `preset-card-${id}`).locator('button').click();
  await page.waitForFunction((id) => document.querySelector('.preset-detail')?.dataset.preset === id, id);
  await byId(page, 'preset-size').selectOption('default');
  await page.evaluate(() => {
    window.__marks = [];
    let last = '';
    new MutationObserver(() => {
      const text = document.querySelector('.preset-progress span')?.textContent ?? '';
      if (text && text !== last) { window.__marks.push([performance.now(), text]); last = text; }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await byId(page, 'preset-run').click();
  await page.waitForFunction(() => {
    const run = document.querySelector('[data-testid="preset-run"]');
    return run && !run.disabled && document.querySelector('[data-testid="preset-result-table"]') && !document.querySelector('.preset-progress');
  }, null, { timeout: 600_000 });
  const end = await page.evaluate(() => performance.now());
  const marks = (await page.evaluate(() => window.__marks)).map(([t, text]) => {
    const m = text.match(/^model (\d+) of \d+ \(.*\): step (\d+) of/);
    return m && { t, model: +m[1], step: +m[2] };
  }).filter(Boolean);
  const badge = (await byId(page, 'backend-badge').textContent()).replace(/\s+/g, ' ').trim();
  const models = [...new Set(marks.map((m) => m.model))];
  for (const model of models) {
    const own = marks.filter((m) => m.model === model);
    const next = marks.find((m) => m.model > model)?.t ?? end;
    let chunks = 0, chunkMs = 0, ends = 0, endMs = 0;
    const perStep = [];
    for (let i = 1; i < own.length; i++) {
      const steps = own[i].step - own[i - 1].step, ms = own[i].t - own[i - 1].t;
      if (steps === 10) { chunks++; chunkMs += ms; perStep.push(ms / 10); } else if (steps > 0) { ends++; endMs += ms; }
    }
    perStep.sort((a, b) => a - b);
    console.log(JSON.stringify({
      model, seconds: +((next - own[0].t) / 1000).toFixed(2),
      chunks, chunk_s: +(chunkMs / 1000).toFixed(2), median_ms_per_step: +perStep[perStep.length >> 1]?.toFixed(3),
      epoch_ends: ends, epoch_end_s: +(endMs / 1000).toFixed(2),
      outside_s: +((next - own[0].t - chunkMs - endMs) / 1000).toFixed(2),
    }));
  }
  console.log(JSON.stringify({ badge }));
} finally {
  await browser.close();
  await server.close();
}
