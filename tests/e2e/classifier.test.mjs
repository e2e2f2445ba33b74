// End-to-end: a CNN classifier stopped after some steps shows its confusion matrix (counts,
// row-coloured), the misclassified test images of a clicked cell, and per-class precision,
// recall and F1, its answers under the first test images, and reads a digit drawn on the pad — in headless Chromium on the CPU backend.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openLab, byId, ready, drawOne, drawnPrediction } from './harness.mjs';

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
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="metric-step"]')?.value) >= 60, null, { timeout: 300_000 });
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
  // On a phone all ten columns fit: nothing to scroll sideways to see.
  await page.setViewportSize({ width: 390, height: 844 });
  const fit = await page.evaluate(() => { const m = document.querySelector('[data-testid="confusion-matrix"]'); return [m.scrollWidth, m.clientWidth]; });
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.ok(fit[0] <= fit[1], `the matrix fits 390 px: ${fit}`);
});

test('under the first test images, the class the classifier reads in each instead of a reconstruction', async () => {
  assert.match(await page.locator('.recon figcaption').textContent(), /the class the classifier reads/);
  assert.equal(await page.locator('[data-testid="recon-grid"] .reconstructions').count(), 0);
  const answers = byId(page, 'recon-answers').locator('.answer');
  const shown = await page.locator('[data-testid="recon-grid"] [data-role="original"]').count();
  assert.equal(await answers.count(), shown, 'one answer per image shown');
  const classes = await answers.evaluateAll((els) => els.map((e) => [Number(e.dataset.class), e.classList.contains('wrong')]));
  assert.ok(classes.every(([c]) => c >= 0 && c < 10));
  // The first test images' labels (7 2 1 0 4 1 4 9 5 9 0 6 9 0 1 5 in MNIST's test split): each
  // answer is marked wrong exactly where it differs.
  const truth = [7, 2, 1, 0, 4, 1, 4, 9, 5, 9, 0, 6, 9, 0, 1, 5];
  classes.forEach(([c, wrong], i) => assert.equal(wrong, c !== truth[i], `image ${i}: read ${c}, is ${truth[i]}`));
  assert.ok(classes.filter(([, wrong]) => !wrong).length >= shown / 2, `mostly right: ${JSON.stringify(classes)}`);
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

test('a drawing on the pad is read by the classifier itself: a probability per digit, no reconstruction', async () => {
  assert.equal(await byId(page, 'draw-recon').count(), 0, 'a classifier has no decoder to rebuild the drawing with');
  assert.equal(await byId(page, 'draw-neighbours').count() + await byId(page, 'draw-explore').count(), 0, 'nor codes to explore');
  assert.match(await byId(page, 'draw-prediction').textContent(), /the classifier’s answer appears here/);
  // A one: a vertical stroke down the middle.
  await drawOne(page);
  const { prediction, classes, shares, total } = await drawnPrediction(page);
  assert.equal(classes, 10, 'a probability for each digit');
  assert.ok(total > 95 && total < 105, `probabilities sum to ~100%: ${total}`);
  assert.equal(await prediction.locator('.prob-row.best').getAttribute('data-class'), '1', `a stroke down the middle is a one: ${shares}`);
  await byId(page, 'draw-clear').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="draw-prediction"]').textContent.includes('Predicted:'));
  assert.deepEqual(errors, []);
});

test('the linear SVM on a ten-class dataset is refused with a clear message, and nothing is lost', async () => {
  const figures = () => Promise.all(['metric-step', 'metric-test-loss', 'metric-test-accuracy'].map((id) => byId(page, id).textContent()));
  const shown = await figures();
  await byId(page, 'model-select').selectOption('svm');
  await byId(page, 'hp-svm-c').waitFor();
  await byId(page, 'train-start').click();
  const banner = byId(page, 'error-banner');
  await banner.waitFor({ timeout: 30_000 });
  assert.match(await banner.textContent(), /two classes.*D1\/D2/s);
  // The CNN's results stay on the page, its figures and its model too (the worker kept it).
  assert.equal(await page.locator('[data-testid="confusion-matrix"] [data-true]').count(), 100);
  assert.equal(await byId(page, 'train-start').isEnabled(), true);
  assert.deepEqual(await figures(), shown, 'the run\'s figures are back');
  assert.equal(await page.locator('.status').textContent(), 'Stopped (weights kept)');
  assert.equal(await byId(page, 'train-reset').isEnabled(), true, 'there is still a model to reset');
});

test('Reset forgets the classifier: its confusion matrix and its answers go with it', async () => {
  await byId(page, 'train-reset').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="confusion-matrix"]'), null, { timeout: 30_000 });
  assert.equal(await byId(page, 'recon-answers').count(), 0);
  assert.match(await page.locator('.recon figcaption').textContent(), /reconstructions/);
  assert.deepEqual(errors, []);
});
