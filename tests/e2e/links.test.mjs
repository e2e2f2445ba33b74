// End-to-end: shareable, reproducible links. Settings changed in the form travel through
// "Copy link" to a fresh browser; `&autorun=1` trains without a click; `&present=1` is the
// presentation view (Exit and Escape leave it); the same link run twice on the CPU prints the
// same losses to the last digit; on WebGPU (SwiftShader here) the runs are compared and the
// largest relative difference is printed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { serve, launch, openLab, byId, ready, figuresThatWouldBreak, FIREFOX, chromiumOnly } from './harness.mjs';

const jsQR = createRequire(import.meta.url)('../../tools/node_modules/jsqr');

/** What the QR code `present-qr` on `page` says: its SVG drawn on a canvas, read by jsQR. */
async function qrText(page) {
  const { data, width, height } = await page.evaluate(async () => {
    const svg = document.querySelector('[data-testid="present-qr"] svg');
    const img = new Image();
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [img.naturalWidth, img.naturalHeight];
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height);
    return { data: Array.from(pixels.data), width: pixels.width, height: pixels.height };
  });
  return jsQR(Uint8ClampedArray.from(data), width, height)?.data;
}

let server;
before(async () => { server = await serve(); });
after(async () => { await server?.close(); });

/** Every form field a link must restore: test id → value shown. */
const FIELDS = ['dataset-select', 'model-select', 'hp-hidden', 'hp-latent', 'hp-loss', 'hp-beta', 'hp-dropout',
  'hp-optimizer', 'hp-lr', 'hp-momentum', 'hp-weight-decay', 'hp-batch', 'hp-epochs', 'hp-seed', 'backend-select'];

async function formValues(page) {
  const out = {};
  for (const id of FIELDS) out[id] = await byId(page, id).inputValue();
  return out;
}

/** Type into a number field and leave it, as a person does (the change commits it). */
async function type(page, id, value) {
  await byId(page, id).fill(String(value));
  await byId(page, id).press('Tab');
}

/** A fresh browser (new profile) that may use the clipboard. */
async function freshBrowser() {
  const browser = await launch();
  // (Firefox has no clipboard permissions to grant: a click may write it, and reading it back
  // needs the visitor's Paste prompt; see `copyLink`.)
  if (!FIREFOX) await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
  return browser;
}

/** Open `url` in a fresh browser, run `body(page, errors)`, close the browser. */
async function inFreshBrowser(url, body) {
  const browser = await freshBrowser();
  try {
    const { page, errors } = await openLab(browser.context, url);
    return await body(page, errors);
  } finally {
    await browser.close();
  }
}

/** Click Copy link; the link from the clipboard, checked against the field beside the button. */
async function copyLink(page) {
  await byId(page, 'copy-link').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="copy-link-status"]').textContent !== '');
  assert.equal(await byId(page, 'copy-link-status').textContent(), 'Copied');
  const shown = await byId(page, 'copy-link-url').inputValue();
  if (FIREFOX) return shown;
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, shown, 'the field shows the copied link');
  return copied;
}

/** Build a link in the form: small CPU settings for `backend`, autorun ticked. */
async function autorunLink(backend, settings, { present = false } = {}) {
  return inFreshBrowser(`${server.url}?backend=${backend}`, async (page) => {
    await ready(page, 180_000);
    for (const [id, value] of Object.entries(settings)) await type(page, id, value);
    await byId(page, 'copy-link-autorun').check();
    if (present) await byId(page, 'copy-link-present').check();
    return copyLink(page);
  });
}

/** Wait for the run the link started to finish; the figures it printed. */
async function finishedRun(page, timeout) {
  await page.waitForFunction(() => /Finished|Diverged|Failed/.test(document.querySelector('.status')?.textContent), null, { timeout });
  assert.equal(await page.textContent('.status'), 'Finished');
  return {
    losses: JSON.parse(await byId(page, 'loss-chart').getAttribute('data-losses')),
    trainLoss: (await byId(page, 'metric-train-loss').textContent()).trim(),
    testLoss: (await byId(page, 'metric-test-loss').textContent()).trim(),
  };
}

test('a copied link opens the same settings in a fresh browser, and training waits for a click', async () => {
  let link;
  let chosen;
  await inFreshBrowser(`${server.url}?backend=cpu`, async (page, errors) => {
    await ready(page);
    await byId(page, 'dataset-select').selectOption('fashion');
    await ready(page);
    await byId(page, 'model-select').selectOption('vae');
    await type(page, 'hp-hidden', 48);
    await type(page, 'hp-latent', 6);
    await type(page, 'hp-beta', 0.5);
    await type(page, 'hp-dropout', 0.1);
    await byId(page, 'hp-loss').selectOption('l1');
    await byId(page, 'hp-optimizer').selectOption('sgd');
    await type(page, 'hp-lr', 0.02);
    await type(page, 'hp-momentum', 0.8);
    await type(page, 'hp-weight-decay', 0.001);
    await type(page, 'hp-batch', 32);
    await type(page, 'hp-epochs', 3);
    await type(page, 'hp-seed', 1234);
    chosen = await formValues(page);
    link = await copyLink(page);
    assert.deepEqual(errors, []);
  });
  assert.ok(link.startsWith(server.url), link);
  assert.doesNotMatch(link, /autorun|present/, 'no switches unless ticked');
  assert.equal(chosen['hp-seed'], '1234');
  await inFreshBrowser(link, async (page, errors) => {
    await ready(page);
    assert.deepEqual(await formValues(page), chosen);
    assert.equal(await byId(page, 'error-banner').count(), 0);
    assert.equal(await page.textContent('.status'), 'Ready to train', 'no autorun in the link: nothing started');
    assert.deepEqual(errors, []);
  });
});

test('autorun=1 trains without a click; present=1 hides the controls until Exit', async () => {
  const link = await autorunLink('cpu', { 'hp-hidden': 32, 'hp-latent': 8, 'hp-batch': 256, 'hp-epochs': 1 }, { present: true });
  assert.match(link, /&autorun=1&present=1$/);
  await inFreshBrowser(link, async (page, errors) => {
    // Nobody clicks Train.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="metric-step"]')?.value) > 0, null, { timeout: 120_000 });
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('presenting')), true);
    assert.equal(await page.locator('aside.controls').isVisible(), false, 'no side controls while presenting');
    assert.equal(await byId(page, 'loss-chart').isVisible(), true);
    assert.match(page.url(), /present=1/);
    assert.doesNotMatch(page.url(), /autorun/, 'autorun is not left in the address bar: a reload does not start again');
    const big = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('[data-testid="metric-train-loss"]')).fontSize));
    // The room's QR code decodes to this run's link: the same settings, no autorun, no presentation.
    const room = await qrText(page);
    assert.equal(room, await byId(page, 'present-qr').getAttribute('data-link'));
    assert.equal(room, link.replace('&autorun=1&present=1', ''), `the QR code says ${room}`);
    await byId(page, 'present-exit').click();
    assert.equal(await byId(page, 'present-qr').count(), 0, 'no QR code outside the presentation view');
    assert.equal(await page.locator('aside.controls').isVisible(), true);
    assert.equal(await byId(page, 'present-exit').count(), 0);
    assert.doesNotMatch(page.url(), /present/);
    const normal = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('[data-testid="metric-train-loss"]')).fontSize));
    assert.ok(big > 1.5 * normal, `large type while presenting: ${big}px vs ${normal}px`);
    await finishedRun(page, 120_000);
    assert.deepEqual(errors, []);
  });
});

test('Escape leaves the presentation view', async () => {
  await inFreshBrowser(`${server.url}?backend=cpu&present=1`, async (page) => {
    await ready(page);
    assert.equal(await page.locator('aside.controls').isVisible(), false);
    // On a tablet's width the room's QR code, in its corner, covers neither of a first visit's
    // two doors (it covered "Reproduce an experiment" at 768 px).
    await page.setViewportSize({ width: 768, height: 900 });
    const boxes = await page.evaluate(() => ({
      qr: document.querySelector('[data-testid="present-qr"]').getBoundingClientRect().toJSON(),
      doors: [...document.querySelectorAll('[data-testid="first-visit"] .door')].map((d) => d.getBoundingClientRect().toJSON()),
    }));
    const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    assert.equal(boxes.doors.length, 2);
    assert.deepEqual(boxes.doors.filter((d) => overlaps(d, boxes.qr)), [], `the QR code ${JSON.stringify(boxes.qr)} clear of the doors`);
    // Each figure fits its box on one line in the room's large type, to the run's last step
    // ("156 / 156" broke after its slash at 1400 px; a full dataset's count: responsive test).
    for (const width of [1400, 1024, 768]) {
      await page.setViewportSize({ width, height: 900 });
      assert.deepEqual(await figuresThatWouldBreak(page), [], `every figure fits its box at ${width} px`);
    }
    // The section bar leads only to parts the view shows (its links to the runs, Explore and Draw
    // led nowhere); with no card open the first visit's second door leads to the gallery…
    const links = () => page.evaluate(() => [...document.querySelectorAll('[data-testid="section-nav"] li a')]
      .filter((a) => a.checkVisibility()).map((a) => ({ to: a.hash, shown: document.querySelector(a.hash).checkVisibility() })));
    assert.deepEqual((await links()).map((l) => l.to), ['#train', '#embedding', '#experiments']);
    assert.deepEqual((await links()).filter((l) => !l.shown), [], 'every link leads to a part the view shows');
    await byId(page, 'door-experiments').click();
    await byId(page, 'preset-gallery').waitFor({ state: 'visible' });
    // (beside the room's QR code, not under it: the code covered the cards of the right column)
    assert.deepEqual(await page.evaluate(() => {
      const qr = document.querySelector('[data-testid="present-qr"]').getBoundingClientRect();
      return [...document.querySelectorAll('[data-testid="preset-gallery"] article')].filter((c) => c.getBoundingClientRect().right > qr.left).map((c) => c.dataset.testid);
    }), [], 'no card reaches under the QR code');
    // …and an open card shows alone, where the link leads.
    await byId(page, 'preset-card-a1').locator('button').click();
    await page.locator('.preset-detail').waitFor({ state: 'visible' });
    assert.equal(await byId(page, 'preset-gallery').isVisible(), false, 'an open card shows alone');
    assert.deepEqual((await links()).filter((l) => !l.shown), []);
    await page.keyboard.press('Escape');
    await page.locator('aside.controls').waitFor({ state: 'visible' });
    assert.doesNotMatch(page.url(), /present/);
    assert.equal(await page.textContent('.status'), 'Ready to train', 'no autorun without autorun=1');
  });
});

test('a link whose settings were not understood does not autorun, and says so', async () => {
  await inFreshBrowser(`${server.url}?backend=cpu&lr=fast&autorun=1`, async (page) => {
    await ready(page);
    const banner = await byId(page, 'error-banner').textContent();
    assert.match(banner, /ignored lr=fast/);
    assert.match(banner, /not started automatically/);
    await page.waitForTimeout(1500);
    assert.equal(await page.textContent('.status'), 'Ready to train');
    assert.equal(await byId(page, 'metric-step').textContent(), '0');
  });
});

test('autorun=1 with a preset runs the preset at the linked size', async () => {
  await inFreshBrowser(`${server.url}?backend=cpu&preset=a3&preset_size=quick&autorun=1`, async (page, errors) => {
    // Nobody clicks Run: the preset's result table appears.
    await page.locator('.preset-detail[data-preset="a3"] [data-testid="preset-result-table"]').waitFor({ timeout: 180_000 });
    assert.equal(await byId(page, 'preset-size').inputValue(), 'quick');
    assert.equal(await page.textContent('.status'), 'Ready to train', 'the preset ran, not Train');
    assert.match(await byId(page, 'copy-link-url').inputValue(), /&preset=a3&preset_size=quick$/, 'the size is in the link');
    assert.deepEqual(errors, []);
  });
});

test('the same link on the CPU prints the same losses in two fresh browsers', async () => {
  const link = await autorunLink('cpu', { 'hp-hidden': 32, 'hp-latent': 8, 'hp-batch': 256, 'hp-epochs': 2, 'hp-seed': 11 });
  const runs = [];
  for (let i = 0; i < 2; i++) runs.push(await inFreshBrowser(link, (page) => finishedRun(page, 180_000)));
  const [a, b] = runs;
  // 39 steps an epoch: readbacks at steps 10, 20, 30, 39 and again in epoch 2; tests before and after each epoch.
  assert.equal(a.losses.train.length, 8);
  assert.equal(a.losses.test.length, 3);
  assert.ok(a.losses.test[2][1] < a.losses.test[0][1], 'it learned');
  assert.deepEqual(b, a, 'identical curves and printed figures');
  console.log(`CPU: two runs of ${link}\n  printed train ${a.trainLoss}, test ${a.testLoss}; all ${a.losses.train.length + a.losses.test.length} figures equal`);
});

/** Largest relative difference between two curves of the same steps. */
function largestRelativeDifference(a, b) {
  assert.deepEqual(a.map((p) => p[0]), b.map((p) => p[0]), 'the same steps');
  return Math.max(0, ...a.map(([, x], i) => {
    const y = b[i][1];
    return x === y ? 0 : Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
  }));
}

test('the same link on WebGPU (SwiftShader): finite losses, and how far two runs differ', { skip: chromiumOnly('WebGPU on a software adapter') }, async () => {
  const link = await autorunLink('webgpu', { 'hp-hidden': 16, 'hp-latent': 4, 'hp-batch': 250, 'hp-epochs': 1, 'hp-seed': 11 });
  const runs = [];
  for (let i = 0; i < 2; i++) runs.push(await inFreshBrowser(link, (page) => finishedRun(page, 420_000)));
  const [a, b] = runs;
  for (const run of runs) {
    for (const [, v] of [...run.losses.train, ...run.losses.test]) assert.ok(Number.isFinite(v) && v > 0, `finite loss: ${v}`);
  }
  const train = largestRelativeDifference(a.losses.train, b.losses.train);
  const testDiff = largestRelativeDifference(a.losses.test, b.losses.test);
  console.log(`WebGPU (SwiftShader): largest relative difference between two runs over ${a.losses.train.length} train and `
    + `${a.losses.test.length} test figures: train ${train.toExponential(2)}, test ${testDiff.toExponential(2)}; `
    + `printed train ${a.trainLoss} / ${b.trainLoss}, test ${a.testLoss} / ${b.testLoss}`);
  // The same link on the CPU backend, for scale: WebGPU draws the initial weights from its own generator.
  const cpu = await inFreshBrowser(link.replace('backend=webgpu', 'backend=cpu'), (page) => finishedRun(page, 180_000));
  console.log(`The same link on the CPU: printed train ${cpu.trainLoss}, test ${cpu.testLoss}; largest relative difference `
    + `from WebGPU: train ${largestRelativeDifference(a.losses.train, cpu.losses.train).toExponential(2)}, `
    + `test ${largestRelativeDifference(a.losses.test, cpu.losses.test).toExponential(2)}`);
});
