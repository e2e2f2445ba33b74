// End-to-end: the lab as a person uses it, in headless Chromium with WebGPU on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, openLab, openLabOn, recordWorkers, events, byId, metric, ready, chromiumOnly } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('the page loads with no console errors and shows the backend and data', async () => {
  const { page, errors } = await openLab(browser.context, server.url);
  await ready(page);
  const badge = await byId(page, 'backend-badge').textContent();
  // SwiftShader is a software adapter: the automatic choice is the CPU, and the badge says why.
  assert.match(badge, /CPU/);
  assert.match(badge, /software|fallback|no WebGPU/i);
  assert.equal(await byId(page, 'recon-grid').locator('canvas').count(), 16, 'the test images are shown');
  assert.match(await page.textContent('footer'), /MNIST.*Fashion-MNIST.*CIFAR-10/s);
  assert.deepEqual(errors, []);
  await page.close();
});

test('while the dataset loads, its image rows are skeletons; then the test images, with empty frames for what training fills', async () => {
  const page = await browser.context.newPage();
  // Hold the dataset back, as a slow connection would.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/data/mnist/**', async (route) => { await held; await route.continue(); });
  await page.goto(`${server.url}?backend=cpu`);
  const grid = byId(page, 'recon-grid');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="recon-grid"] .skeleton').length === 32);
  assert.equal(await grid.locator('canvas').count(), 0);
  assert.equal(await byId(page, 'image-picker').locator('.skeleton').count(), 24, 'the picker too');
  assert.equal(await grid.locator('.skeleton').first().getAttribute('aria-hidden'), 'true', 'skeletons are not read out');
  release();
  await ready(page);
  assert.equal(await grid.locator('canvas').count(), 16, 'the test images arrived');
  assert.equal(await grid.locator('.skeleton').count(), 0, 'nothing is loading any more');
  assert.equal(await grid.locator('.placeholder').count(), 16, 'an empty frame for each reconstruction to come');
  assert.equal(await byId(page, 'image-picker').locator('.skeleton').count(), 0);
  await page.close();
});

test('training on the CPU lowers the test loss, fills the grid and never blocks the page', async () => {
  const { page, errors } = await openLab(browser.context, `${server.url}?backend=cpu&hidden=64&k=16&batch=128&epochs=2&seed=3`);
  await ready(page);
  assert.equal(await byId(page, 'hp-hidden').inputValue(), '64', 'settings come from the URL');
  const longBefore = await page.evaluate(() => window.__longtasks.length);
  await byId(page, 'train-start').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="train-start"]').disabled === false
      && Number(document.querySelector('[data-testid="metric-epoch"]').value) === 2, null, { timeout: 300_000 });
  const progress = byId(page, 'train-progress');
  assert.equal(await progress.getAttribute('value'), await progress.getAttribute('max'));
  const testLoss = await metric(page, 'metric-test-loss');
  const trainLoss = await metric(page, 'metric-train-loss');
  assert.ok(Number.isFinite(testLoss) && Number.isFinite(trainLoss));
  assert.ok(await metric(page, 'metric-images-per-s') > 0);
  // Three test points on the chart (before training, epochs 1 and 2), falling.
  const testYs = await byId(page, 'loss-chart').locator('circle.test').evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('cy'))));
  assert.equal(testYs.length, 3);
  assert.ok(testYs[2] > testYs[0], `test loss fell on the chart: ${testYs}`);
  assert.ok(testLoss < 0.07, `test MSE after 2 epochs: ${testLoss}`);
  assert.equal(await byId(page, 'recon-grid').locator('canvas').count(), 32, 'originals then reconstructions');
  assert.equal(await byId(page, 'recon-one-picture').count(), 0, 'reconstructions that tell digits apart get no "one picture" note');
  const longTasks = await page.evaluate((n) => window.__longtasks.slice(n), longBefore);
  // The worker trains: on the main thread 20 steps of the default model froze the page 1.2 s
  // (session 1), and every epoch ends with a pass over the test images. The 50 ms target (no long task at all) is a timing, measured quietly by
  // `make bench` ("main-thread long tasks"); under a loaded CI machine a UI task reached 52 ms.
  assert.deepEqual(longTasks.filter((t) => t.duration > 120), [], 'no main-thread task over 120 ms while training');
  assert.deepEqual(errors, []);
  await page.close();
});

test('WebGPU (forced on the software adapter) trains to a finite loss; Pause, Resume, Stop and Reset work', { skip: chromiumOnly('WebGPU on a software adapter') }, async () => {
  const { page, errors } = await openLab(browser.context, `${server.url}?backend=webgpu&hidden=16&k=4&batch=8&epochs=1`);
  await ready(page, 180_000);
  assert.match(await byId(page, 'backend-badge').textContent(), /WebGPU/);
  const step = () => metric(page, 'metric-step');
  const status = () => page.textContent('.status');
  await byId(page, 'train-start').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="metric-step"]').value) >= 10, null, { timeout: 300_000 });
  const loss = await metric(page, 'metric-train-loss');
  assert.ok(Number.isFinite(loss) && loss > 0, `finite loss on WebGPU: ${loss}`);

  await byId(page, 'train-pause').click();
  await page.waitForFunction(() => document.querySelector('.status').textContent === 'Paused', null, { timeout: 120_000 });
  assert.equal(await byId(page, 'train-pause').textContent(), 'Resume');
  const pausedAt = await step();
  await page.waitForTimeout(1500);
  assert.equal(await step(), pausedAt, 'no steps while paused');
  await byId(page, 'train-pause').click();
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="metric-step"]').value) > n, pausedAt, { timeout: 300_000 });

  await byId(page, 'train-stop').click();
  await page.waitForFunction(() => /Stopped/.test(document.querySelector('.status').textContent), null, { timeout: 120_000 });
  assert.match(await status(), /weights kept/);
  await byId(page, 'train-reset').click();
  await page.waitForFunction(() => document.querySelector('.status').textContent === 'Ready to train', null, { timeout: 60_000 });
  assert.equal(await step(), 0);
  assert.equal(await byId(page, 'recon-grid').locator('canvas').count(), 16, 'reconstructions cleared, originals kept');
  assert.deepEqual(errors, []);
  await page.close();
});

test('on a phone, a fast run\'s figures are redrawn a few times a second and show its last report once it pauses or stops', async () => {
  // A tiny model at batch 8 reports dozens of times a second; the page stores every report and
  // draws at most five a second (src/ui/report_redraw.rs), and at once on Pause and Stop.
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await recordWorkers(page);
  const { errors } = await openLabOn(page, `${server.url}?backend=cpu&hidden=16&k=4&batch=8&epochs=50`);
  await ready(page, 180_000);
  await byId(page, 'train-start').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="metric-step"]').value) >= 300, null, { timeout: 300_000 });
  const last = async () => (await events(page, 'TrainLoss')).at(-1);

  await byId(page, 'train-pause').click();
  await page.waitForFunction(() => document.querySelector('.status').textContent === 'Paused', null, { timeout: 120_000 });
  assert.equal(await metric(page, 'metric-step'), (await last()).step, 'paused: the step of the last report');

  await byId(page, 'train-pause').click();
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="metric-step"]').value) > n + 100, (await last()).step, { timeout: 300_000 });
  await byId(page, 'train-stop').click();
  await page.waitForFunction(() => /Stopped/.test(document.querySelector('.status').textContent), null, { timeout: 120_000 });
  const final = await last();
  assert.equal(await metric(page, 'metric-step'), final.step, 'stopped: the step of the last report');
  const reports = await events(page, 'TrainLoss');
  const figures = JSON.parse(await byId(page, 'loss-chart').getAttribute('data-losses'));
  assert.equal(figures.train.length, reports.length, 'every report is on the curve');
  const [step, loss] = figures.train.at(-1);
  assert.equal(step, final.step);
  assert.equal(Math.fround(loss), Math.fround(final.train.loss), 'the curve ends with the last report');
  assert.ok(await page.locator('[data-testid="loss-chart"] polyline[class="train"]').getAttribute('points'), 'the train line is drawn');
  assert.deepEqual(errors, []);
  await page.close();
});

test('backend=measure times the model on WebGPU and the CPU, shows both figures and trains on the faster (the CPU here)', { skip: chromiumOnly('WebGPU on a software adapter') }, async () => {
  const { page, errors } = await openLab(browser.context, `${server.url}?backend=measure&hidden=32&k=8&batch=32&epochs=1`);
  await ready(page, 180_000);
  // The GPU device is started so that it can be timed; nothing is chosen before a model exists.
  assert.match(await byId(page, 'backend-badge').textContent(), /timed on WebGPU/);
  await byId(page, 'train-start').click();
  const timing = byId(page, 'backend-calibration');
  await page.waitForFunction(() => document.querySelector('[data-testid="backend-calibration"]')?.dataset.chosen, null, { timeout: 300_000 });
  const text = await timing.textContent();
  const figure = (name) => Number(text.match(new RegExp(`${name} ([\\d,]+) img/s`))?.[1].replaceAll(',', ''));
  assert.ok(figure('WebGPU') > 0 && figure('CPU') > 0, `both figures shown: ${text}`);
  // SwiftShader emulates the GPU on the same two cores: the CPU backend is faster, and chosen.
  assert.ok(figure('CPU') > figure('WebGPU'), text);
  assert.equal(await timing.getAttribute('data-chosen'), 'CPU');
  assert.match(await byId(page, 'backend-badge').locator('strong').textContent(), /CPU/);
  assert.match(await byId(page, 'backend-badge').textContent(), /CPU trains/);
  await page.waitForFunction(() => document.querySelector('[data-testid="train-start"]').disabled === false
      && Number(document.querySelector('[data-testid="metric-epoch"]').value) === 1, null, { timeout: 300_000 });
  assert.ok(Number.isFinite(await metric(page, 'metric-test-loss')));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a corrupt upload shows the error banner and training still works', async () => {
  const { page } = await openLab(browser.context, `${server.url}?backend=cpu&hidden=32&k=8&batch=256&epochs=1`);
  await ready(page);
  await byId(page, 'data-file-input').setInputFiles([
    { name: 'train-images-idx3-ubyte', mimeType: 'application/octet-stream', buffer: Buffer.from([0, 0, 8, 3, 0xff, 0xff, 0xff, 0xf0, 0, 0, 0, 28, 0, 0, 0, 28]) },
    { name: 'train-labels-idx1-ubyte', mimeType: 'application/octet-stream', buffer: Buffer.from('not a label file at all') },
  ]);
  await byId(page, 'error-banner').waitFor({ timeout: 30_000 });
  assert.match(await byId(page, 'error-banner').textContent(), /image count|not loaded/i);
  await ready(page);
  await byId(page, 'train-start').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="metric-epoch"]').value) === 1
      && !document.querySelector('[data-testid="train-start"]').disabled, null, { timeout: 300_000 });
  assert.ok(Number.isFinite(await metric(page, 'metric-test-loss')));
  await page.close();
});

test('a 600 MB file is refused from its size, before it is read; the loaded data stays', async () => {
  const { page, errors } = await openLab(browser.context, `${server.url}?backend=cpu&hidden=32&k=8&batch=256&epochs=1`);
  await ready(page);
  const before = await byId(page, 'dataset-info').textContent();
  // A sparse file: 600 MB as the browser sees it, no disk used (Chromium is handed the path).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lab-big-'));
  const big = path.join(dir, 'cifar-10-binary.tar');
  fs.closeSync(fs.openSync(big, 'w'));
  fs.truncateSync(big, 600e6);
  try {
    const t0 = Date.now();
    await byId(page, 'data-file-input').setInputFiles(big);
    await byId(page, 'error-banner').waitFor({ timeout: 10_000 });
    assert.match(await byId(page, 'error-banner').textContent(), /cifar-10-binary\.tar is 600 MB, more than the 537 MB the lab reads from one file.*the data loaded before stays/);
    assert.ok(Date.now() - t0 < 10_000, 'refused at once, not after reading 600 MB');
    await ready(page);
    assert.equal(await byId(page, 'dataset-info').textContent(), before, 'the dataset is unchanged');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('a wild learning rate is refused with a clear message', async () => {
  const { page } = await openLab(browser.context, `${server.url}?backend=cpu`);
  await ready(page);
  await byId(page, 'hp-lr').fill('500');
  await byId(page, 'hp-lr').press('Tab');
  await byId(page, 'train-start').click();
  assert.match(await byId(page, 'error-banner').textContent(), /learning rate/);
  assert.equal(await byId(page, 'metric-step').textContent(), '0');
  await page.close();
});

test('Adam at the highest learning rate the page accepts draws one picture for every digit, and a note says so and why', async () => {
  const { page, errors } = await openLab(browser.context, `${server.url}?backend=cpu&lr=10&hidden=16&k=2&batch=256&epochs=1&seed=4`);
  await ready(page);
  await byId(page, 'train-start').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="train-start"]').disabled === false
      && Number(document.querySelector('[data-testid="metric-epoch"]').value) === 1, null, { timeout: 300_000 });
  assert.ok(Number.isFinite(await metric(page, 'metric-test-loss')), 'a finite loss: nothing diverged to catch');
  const note = byId(page, 'recon-one-picture');
  await note.waitFor({ timeout: 10_000 });
  assert.match(await note.textContent(), /barely differ from one another .* Its learning rate, 10, is far above Adam's usual 0\.0001–0\.01/);
  // The note is about the run shown: editing the settings afterwards does not change it.
  await byId(page, 'hp-lr').fill('0.001');
  await byId(page, 'hp-lr').press('Tab');
  assert.match(await note.textContent(), /Its learning rate, 10,/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a classifier at the highest learning rate stays at chance, and a note says so and why', async () => {
  const { page, errors } = await openLab(browser.context, `${server.url}?backend=cpu&model=mlpclassifier&lr=10&batch=128&epochs=1&seed=4`);
  await ready(page);
  await byId(page, 'train-start').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="train-start"]').disabled === false
      && Number(document.querySelector('[data-testid="metric-epoch"]').value) === 1, null, { timeout: 300_000 });
  assert.ok(Number.isFinite(await metric(page, 'metric-test-loss')), 'a finite loss: nothing diverged to catch');
  const note = byId(page, 'chance-note');
  await note.waitFor({ timeout: 10_000 });
  assert.match(await note.textContent(), /A test accuracy of [\d.]+% is about chance for 10 classes \(10%\).* Its learning rate, 10, is far above Adam's usual/);
  // At a usual rate the same classifier learns, and there is no note.
  await byId(page, 'hp-lr').fill('0.002');
  await byId(page, 'hp-lr').press('Tab');
  await byId(page, 'train-start').click();
  await note.waitFor({ state: 'detached', timeout: 10_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid="train-start"]').disabled === false
      && document.querySelector('.status')?.textContent === 'Finished', null, { timeout: 300_000 });
  const accuracy = Number.parseFloat(await byId(page, 'metric-test-accuracy').textContent());
  assert.ok(accuracy > 50, `it learned: ${accuracy}%`);
  assert.equal(await note.count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the learning rate and a VAE\'s β change mid-run: marked on the chart, in the link, and an out-of-range value is refused', async () => {
  const { page, errors } = await openLab(browser.context, `${server.url}?backend=cpu&model=vae&hidden=64&k=4&batch=64&epochs=3&lr=0.001&beta=1&seed=4`);
  await ready(page);
  await byId(page, 'train-start').click();
  await byId(page, 'adjust-lr').waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="metric-step"]')?.value) > 0, null, { timeout: 120_000 });
  // Paused mid-run, so that the short run cannot end while the fields are filled in (it did in
  // Firefox, whose driver types more slowly): the change takes effect from the next step either way.
  await byId(page, 'train-pause').click();
  await page.waitForFunction(() => document.querySelector('.status').textContent === 'Paused', null, { timeout: 120_000 });
  // Out of range: said beside the field, nothing sent.
  await byId(page, 'adjust-lr').fill('50');
  await byId(page, 'adjust-apply').click();
  assert.match(await byId(page, 'adjust-problem').textContent(), /learning rate/i);
  assert.equal(await byId(page, 'loss-chart-change').count(), 0);
  // A lower rate and a larger β from the next step on.
  await byId(page, 'adjust-lr').fill('0.0003');
  await byId(page, 'adjust-beta').fill('2');
  await byId(page, 'adjust-apply').click();
  await byId(page, 'train-pause').click();
  const change = byId(page, 'loss-chart-change');
  await change.waitFor({ timeout: 30_000 });
  assert.match(await change.textContent(), /lr 0\.0003 · β 2/);
  assert.ok(Number(await change.getAttribute('data-step')) > 0, 'at the step it took effect');
  assert.equal(await byId(page, 'adjust-problem').count(), 0);
  await page.waitForFunction(() => /[?&]lr=0\.0003/.test(location.search) && /[?&]beta=2(&|$)/.test(location.search), null, { timeout: 10_000 });
  await page.waitForFunction(() => document.querySelector('.status')?.textContent === 'Finished', null, { timeout: 300_000 });
  assert.equal(await byId(page, 'adjust').count(), 0, 'the control goes when the run ends');
  assert.equal(await byId(page, 'loss-chart-change').count(), 1, 'the mark stays on the finished run\'s chart');
  // The chart's key names a VAE's curves as the figures above it do, and each KL curve once.
  const keys = await page.locator('figure.chart:has([data-testid="loss-chart"]) figcaption .key').allTextContents();
  assert.deepEqual(keys, ['train reconstruction', 'test reconstruction (each epoch)', 'train KL (nats)', 'test KL']);
  assert.match(await page.locator('.metrics').textContent(), /Train reconstruction/);
  assert.deepEqual(errors, []);
  await page.close();
});
