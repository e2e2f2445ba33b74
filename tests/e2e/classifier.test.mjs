// End-to-end: a CNN classifier stopped after some steps shows its confusion matrix (counts,
// row-coloured), the misclassified test images of a clicked cell, and per-class precision,
// recall and F1 — in headless Chromium on the CPU backend.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openLab, byId, ready } from './harness.mjs';

let server;
let browser;
let page;
let errors;
before(async () => {
  server = await serve();
  browser = await launch();
  ({ page, errors } = await openLab(browser.context, `${server.url}?backend=cpu&model=cnn&batch=32&epochs=1&lr=0.002&seed=4`));
  await ready(page);
  await byId(page, 'train-start').click();
  // Stop once it has trained a little: the run keeps its weights and is evaluated.
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="metric-step"]')?.textContent) >= 60, null, { timeout: 300_000 });
  await byId(page, 'train-stop').click();
  await byId(page, 'confusion-matrix').waitFor({ timeout: 300_000 });
});
after(async () => { await browser?.close(); await server?.close(); });

test('the confusion matrix counts every test image and its rows match the per-class table', async () => {
  const cells = page.locator('[data-testid="confusion-matrix"] [data-true]');
  assert.equal(await cells.count(), 100);
  const counts = await cells.evaluateAll((els) => els.map((e) => [Number(e.dataset.true), Number(e.dataset.pred), Number(e.textContent)]));
  assert.equal(counts.reduce((s, c) => s + c[2], 0), 2000, 'every test image is counted once');
  const diagonal = counts.filter(([t, p]) => t === p).reduce((s, c) => s + c[2], 0);
  assert.ok(diagonal > 1000, `more than half right after 60 steps: ${diagonal}`);
  const rows = page.locator('[data-testid="per-class-table"] tbody tr');
  assert.equal(await rows.count(), 10);
  // The "images" column is each row's total.
  const supports = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.lastElementChild.textContent)));
  for (let t = 0; t < 10; t++) {
    assert.equal(supports[t], counts.filter(([tt]) => tt === t).reduce((s, c) => s + c[2], 0));
  }
});

test('clicking an off-diagonal cell shows its misclassified images', async () => {
  const cell = await page.locator('[data-testid="confusion-matrix"] [data-true]').evaluateAll((els) => {
    const off = els.filter((e) => e.dataset.true !== e.dataset.pred && Number(e.textContent) > 0)
      .sort((a, b) => Number(b.textContent) - Number(a.textContent))[0];
    return off && { t: off.dataset.true, p: off.dataset.pred, n: Number(off.textContent) };
  });
  assert.ok(cell, 'some image is misclassified');
  await page.locator(`[data-testid="confusion-matrix"] [data-true="${cell.t}"][data-pred="${cell.p}"]`).click();
  const examples = byId(page, 'confusion-examples');
  await examples.waitFor();
  assert.equal(await examples.locator('canvas').count(), Math.min(cell.n, 12));
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="confusion-example"]')].every((c) => c.width === 28), null, { timeout: 30_000 });
  assert.match(await examples.textContent(), new RegExp(`True ${cell.t}, predicted ${cell.p}`));
  assert.deepEqual(errors, []);
});

test('the linear SVM on a ten-class dataset is refused with a clear message, and nothing is lost', async () => {
  await byId(page, 'model-select').selectOption('svm');
  await byId(page, 'hp-svm-c').waitFor();
  await byId(page, 'train-start').click();
  const banner = byId(page, 'error-banner');
  await banner.waitFor({ timeout: 30_000 });
  assert.match(await banner.textContent(), /two classes.*D1\/D2/s);
  // The CNN's results stay on the page.
  assert.equal(await page.locator('[data-testid="confusion-matrix"] [data-true]').count(), 100);
  assert.equal(await byId(page, 'train-start').isEnabled(), true);
});
