// Issue 18: a run in training is checkpointed as it goes; a closed tab (or a reload, a crash)
// offers to resume it, and the resumed run ends where the uninterrupted one ends, to the printed
// digit (CPU, same link).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openLab, byId, ready, metric, chromiumOnly } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const LINK = '?backend=cpu&hidden=128&k=16&batch=128&epochs=3&seed=11';

/** Wait for the run on `page` to finish; its printed final figures. */
async function finished(page) {
  await page.waitForFunction(() => document.querySelector('.status')?.textContent === 'Finished', null, { timeout: 300_000 });
  return {
    test: (await byId(page, 'metric-test-loss').textContent()).trim(),
    train: (await byId(page, 'metric-train-loss').textContent()).trim(),
    step: await byId(page, 'metric-step').getAttribute('value'),
  };
}

test('a closed tab offers to resume its run, which ends where the uninterrupted run ends', async () => {
  // The run as it goes without interruption.
  const whole = await openLab(browser.context, server.url + LINK);
  await ready(whole.page);
  await byId(whole.page, 'train-start').click();
  const expected = await finished(whole.page);
  assert.equal(await byId(whole.page, 'resume-offer').count(), 0, 'a finished run leaves nothing to resume');
  assert.deepEqual(whole.errors, []);
  await whole.page.close();

  // The same link, closed once its first epoch is kept.
  const first = await openLab(browser.context, server.url + LINK);
  // The page's own writes to the checkpoint store: the worker keeps the checkpoint (megabytes
  // of weights and optimiser state), the page only the curves beside it.
  await first.page.addInitScript(() => {
    window.__checkpointPuts = [];
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (this.name === 'checkpoints') window.__checkpointPuts.push(String(args[1]));
      return put.apply(this, args);
    };
  });
  // Reloaded once loaded: a reload while the lab still loads aborts its requests, which Firefox
  // reports in the console ("A ServiceWorker intercepted the request and encountered an
  // unexpected error", an AbortError).
  await ready(first.page);
  await first.page.reload();
  await ready(first.page);
  assert.equal(await byId(first.page, 'resume-offer').count(), 0, 'the finished run left no checkpoint behind');
  await byId(first.page, 'train-start').click();
  await first.page.waitForFunction(() => Number(document.querySelector('[data-testid="checkpoint-status"]')?.dataset.epoch ?? 0) >= 1, null, { timeout: 300_000 });
  const kept = Number(await byId(first.page, 'checkpoint-status').getAttribute('data-epoch'));
  const keptStep = Number(await byId(first.page, 'checkpoint-status').getAttribute('data-step'));
  await first.page.waitForFunction(() => window.__checkpointPuts.length > 0, null, { timeout: 30_000 });
  const puts = await first.page.evaluate(() => window.__checkpointPuts);
  assert.ok(puts.every((key) => key === 'curves'), `the page writes only the curves, not the checkpoint: ${puts}`);
  assert.deepEqual(first.errors, []);
  await first.page.close(); // no beforeunload: as a crash or a discarded tab

  const second = await openLab(browser.context, server.url + LINK);
  await ready(second.page);
  const offer = byId(second.page, 'resume-run');
  await offer.waitFor({ timeout: 30_000 });
  const label = await offer.textContent();
  assert.ok(kept >= 1 && kept < 3, `a checkpoint from inside the run: epoch ${kept}`);
  assert.match(label, new RegExp(`epoch ${kept} of 3`), label);
  // A start the worker refuses (the linear SVM needs a two-class dataset) keeps the offer and
  // the checkpoint behind it.
  await byId(second.page, 'model-select').selectOption('svm');
  await byId(second.page, 'train-start').click();
  await byId(second.page, 'error-banner').waitFor({ timeout: 30_000 });
  assert.equal(await offer.count(), 1, 'a refused start leaves the unfinished run to resume');
  // Every step the page shows from here on: a resumed run never goes back before its checkpoint
  // (a fresh run of the same link would end with the same figures, but start from step 0).
  await second.page.evaluate(() => {
    window.__steps = [];
    const shown = document.querySelector('[data-testid="metric-step"]');
    new MutationObserver(() => window.__steps.push(Number(shown.value))).observe(shown, { attributes: true, attributeFilter: ['value'] });
  });
  await offer.click();
  await second.page.waitForFunction(() => /Training|Finished/.test(document.querySelector('.status')?.textContent ?? '')
    || document.querySelector('[data-testid="error-banner"]'), null, { timeout: 60_000 });
  assert.equal(await byId(second.page, 'error-banner').count(), 0, `resumed without an error: ${await byId(second.page, 'error-banner').allTextContents()} ${second.errors}`);
  const resumed = await finished(second.page);
  const steps = await second.page.evaluate(() => window.__steps);
  assert.ok(steps.length > 0 && Math.min(...steps) >= keptStep, `from step ${keptStep} on: ${steps.join(',')}`);
  assert.deepEqual(resumed, expected, 'the resumed run ends with the uninterrupted run\'s figures');
  assert.equal(await byId(second.page, 'resume-offer').count(), 0, 'the offer is gone once taken');
  assert.deepEqual(second.errors, []);
  await second.page.close();

  // Nothing is offered once the resumed run finished.
  const third = await openLab(browser.context, server.url + LINK);
  await ready(third.page);
  await third.page.waitForTimeout(1000);
  assert.equal(await byId(third.page, 'resume-offer').count(), 0);
  await third.page.close();
});

test('a worker that traps is reported within 10 s, restarts without a reload, and its run resumes from the checkpoint', { skip: chromiumOnly('the trap is thrown inside the Web Worker, where Playwright cannot evaluate over Firefox ESR 153\'s BiDi') }, async () => {
  const { page } = await openLab(browser.context, `${server.url}?backend=cpu&hidden=128&k=16&batch=128&epochs=4&seed=12`);
  await ready(page);
  await byId(page, 'train-start').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="checkpoint-status"]')?.dataset.epoch ?? 0) >= 1, null, { timeout: 300_000 });
  const keptStep = Number(await byId(page, 'checkpoint-status').getAttribute('data-step'));
  // A trap as the browser reports one: an uncaught RuntimeError in the worker's global scope.
  const [worker] = page.workers();
  const t0 = Date.now();
  await worker.evaluate(() => { setTimeout(() => { throw new WebAssembly.RuntimeError('unreachable (a trap made by the test)'); }, 0); });
  await byId(page, 'worker-restart').waitFor({ timeout: 10_000 });
  assert.ok(Date.now() - t0 < 10_000);
  assert.match(await byId(page, 'error-banner').textContent(), /training worker stopped on an internal error \(.*unreachable/);
  assert.equal(await page.textContent('.status'), 'Failed');
  await byId(page, 'worker-restart').click();
  await ready(page);
  assert.equal(await byId(page, 'worker-crashed').count(), 0, 'the crash notice is gone');
  const offer = byId(page, 'resume-run');
  await offer.waitFor({ timeout: 30_000 });
  assert.match(await offer.textContent(), /of 4\)/);
  await offer.click();
  await page.waitForFunction(() => document.querySelector('.status')?.textContent === 'Finished', null, { timeout: 300_000 });
  assert.equal(await byId(page, 'metric-epoch').textContent(), '4');
  assert.ok(await metric(page, 'metric-step') > keptStep);
  const banner = byId(page, 'error-banner');
  assert.equal(await banner.count(), 0, (await banner.count()) ? await banner.textContent() : '');
  await page.close();
});

test('a worker that stops answering is reported, restarts, and its run resumes from the checkpoint', { timeout: 600_000, skip: chromiumOnly('the hang is started inside the Web Worker, where Playwright cannot evaluate over Firefox ESR 153\'s BiDi') }, async () => {
  const { page, errors } = await openLab(browser.context, `${server.url}?backend=cpu&hidden=128&k=16&batch=128&epochs=3&seed=13`);
  await ready(page);
  await byId(page, 'train-start').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="checkpoint-status"]')?.dataset.epoch ?? 0) >= 1, null, { timeout: 300_000 });
  assert.equal(await byId(page, 'worker-unresponsive').count(), 0, 'a training worker answers the heartbeat');
  // A hang: the worker's own event loop never comes back (no trap, no message).
  const [worker] = page.workers();
  const t0 = Date.now();
  worker.evaluate(() => { setTimeout(() => { for (;;) { /* hung */ } }, 0); }).catch(() => {});
  await byId(page, 'worker-unresponsive').waitFor({ timeout: 60_000 });
  const waited = (Date.now() - t0) / 1000;
  assert.ok(waited >= 25 && waited < 50, `reported after ${waited} s`);
  assert.match(await byId(page, 'worker-unresponsive').textContent(), /has not answered for \d+ s/);
  await byId(page, 'worker-unresponsive-restart').click();
  await ready(page);
  assert.equal(await byId(page, 'worker-unresponsive').count(), 0, 'the notice is gone with the hung worker');
  const offer = byId(page, 'resume-run');
  await offer.waitFor({ timeout: 30_000 });
  await offer.click();
  await page.waitForFunction(() => document.querySelector('.status')?.textContent === 'Finished', null, { timeout: 300_000 });
  assert.equal(await byId(page, 'metric-epoch').textContent(), '3');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a checkpoint the browser refuses (storage full) is said, and the run trains on to its end', async () => {
  // Abort every write to the checkpoint store, as the browser does when the quota runs out. The
  // worker writes the checkpoint itself: the patch goes into its loader, on a server of its own
  // (another origin: its own IndexedDB, and the other tests' worker untouched).
  const REFUSE = `{
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      const request = put.apply(this, args);
      if (this.name === 'checkpoints') this.transaction.abort();
      return request;
    };
  }
`;
  const refusing = await serve(undefined, 'index.html', {
    transform: (pathname, body) => (/\/worker(_threads)?_loader\.js$/.test(pathname) ? Buffer.concat([Buffer.from(REFUSE), body]) : body),
  });
  try {
    const { page, errors } = await openLab(browser.context, refusing.url + LINK.replace('seed=11', 'seed=12'));
    await ready(page);
    await byId(page, 'train-start').click();
    await byId(page, 'error-banner').waitFor({ timeout: 300_000 });
    assert.match(await byId(page, 'error-banner').textContent(), /The run's checkpoint could not be kept \(.*\): training goes on, but a reload would lose it\./);
    assert.equal(await byId(page, 'checkpoint-status').count(), 0, 'no checkpoint is claimed as kept');
    const end = await finished(page);
    assert.ok(Number(end.step) > 0, 'the run trained to its end');
    assert.deepEqual(errors.filter((e) => !/AbortError|aborted/i.test(e)), []);
  } finally {
    await refusing.close();
  }
});
