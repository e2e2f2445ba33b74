// Issue 18: closing or reloading the tab asks first while a run would be lost (training, or
// finished and not saved), and not once it is saved; the first save asks the browser for
// lasting storage and the storage line says what it answered; a finished experiment's result
// is kept across a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openLab, byId, ready, runCardQuick, scrollIntoView, FIREFOX } from './harness.mjs';

let server;
let browser;
// Firefox asks the visitor before it grants lasting storage, and headless nobody answers (a
// save does not wait for the answer: runs.test.mjs saves with the question open); here its test
// switch answers yes, as Chromium decides by itself.
const ANSWERS_STORAGE = { firefoxUserPrefs: { 'dom.storageManager.prompt.testing': true, 'dom.storageManager.prompt.testing.allow': true } };
before(async () => { server = await serve(); browser = await launch(undefined, [], FIREFOX ? ANSWERS_STORAGE : {}); });
after(async () => { await browser?.close(); await server?.close(); });

/** Try to close `page` as a person would; resolves with whether the page asked first. */
async function closeAsks(page) {
  const asked = new Promise((resolve) => {
    page.once('dialog', async (d) => { resolve(d.type() === 'beforeunload'); await d.dismiss(); });
    page.once('close', () => resolve(false));
  });
  await page.close({ runBeforeUnload: true });
  return asked;
}

test('the tab asks before closing while a run is unsaved, and not once it is saved', async () => {
  const { page, errors } = await openLab(browser.context, `${server.url}?backend=cpu&hidden=32&k=8&batch=256&epochs=50&seed=5`);
  await ready(page);
  // Nothing to lose yet: a fresh page closes quietly (checked on a second page below).
  await byId(page, 'train-start').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="metric-step"]').value) > 0, null, { timeout: 120_000 });
  // Interaction so that Chromium honours beforeunload (it needs a user gesture on the page).
  assert.equal(await closeAsks(page), true, 'asked while training');
  assert.equal(page.isClosed(), false, 'staying keeps the page and its run');
  await byId(page, 'train-stop').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="train-start"]').disabled, null, { timeout: 60_000 });
  assert.equal(await closeAsks(page), true, 'asked while the stopped run is unsaved');
  await byId(page, 'run-save').click();
  await page.waitForFunction(() => /kept until you delete it|may clear it/.test(document.querySelector('[data-testid="storage-usage"]').textContent), null, { timeout: 30_000 });
  assert.deepEqual(errors, []);
  assert.equal(await closeAsks(page), false, 'a saved run: the tab closes without asking');

  const fresh = await openLab(browser.context, `${server.url}?backend=cpu`);
  await ready(fresh.page);
  await fresh.page.locator('body').click();
  assert.equal(await closeAsks(fresh.page), false, 'no run, nothing to ask');
});

test('a finished experiment\'s result is still there after a reload', async () => {
  const { page, errors } = await openLab(browser.context, `${server.url}?backend=cpu`);
  await ready(page);
  await runCardQuick(page, 'c3');
  const before = await page.locator('[data-testid="preset-result-table"] tr[data-metric]').evaluateAll((rows) => rows.map((r) => r.textContent));
  assert.ok(before.length > 0);
  assert.equal(await byId(page, 'preset-result-kept').count(), 0, 'a result of this visit is not marked as kept');
  await page.reload();
  await ready(page);
  await byId(page, 'preset-card-c3').locator('[data-testid="verdict-summary"]').waitFor({ timeout: 30_000 });
  const card = byId(page, 'preset-card-c3');
  await scrollIntoView(card);
  await card.locator('button').click();
  await byId(page, 'preset-result-kept').waitFor({ timeout: 30_000 });
  const after = await page.locator('[data-testid="preset-result-table"] tr[data-metric]').evaluateAll((rows) => rows.map((r) => r.textContent));
  assert.deepEqual(after, before, 'the same table as before the reload');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a finished run replaced before it was saved is kept: Load brings it back, Keep makes it a saved run', async () => {
  const { page, errors } = await openLab(browser.context, `${server.url}?backend=cpu&hidden=32&k=8&batch=256&epochs=1&seed=6`);
  await ready(page);
  await byId(page, 'train-start').click();
  await page.waitForFunction(() => document.querySelector('.status')?.textContent === 'Finished' && !document.querySelector('[data-testid="train-start"]').disabled, null, { timeout: 300_000 });
  const testLoss = (await byId(page, 'metric-test-loss').textContent()).trim();
  const saved = await byId(page, 'run-row').count(); // the first test's run, in this profile
  assert.equal(await byId(page, 'replaced-run').count(), 0, 'nothing kept while the run is the current one');
  // Another dataset replaces the model: the run is kept, named, with its test figures.
  await byId(page, 'dataset-select').selectOption('fashion');
  const kept = byId(page, 'replaced-run');
  await kept.waitFor({ timeout: 60_000 });
  assert.match(await kept.textContent(), /MLP autoencoder · MNIST digits · k 8 · seed 6/);
  assert.match(await kept.textContent(), /test/, 'its test figures');
  assert.equal(await byId(page, 'run-row').count(), saved, 'not listed as a saved run');
  // Load: MNIST again, the run's model and figures back.
  await byId(page, 'replaced-load').click();
  await page.waitForFunction(() => document.querySelector('.status')?.textContent === 'Finished' && document.querySelector('[data-testid="dataset-select"]').value === 'mnist', null, { timeout: 60_000 });
  assert.equal((await byId(page, 'metric-test-loss').textContent()).trim(), testLoss);
  // A model loaded from the store (or a file) loses nothing when the tab closes: no question.
  const asksOnLeave = () => page.evaluate(() => {
    const leaving = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(leaving);
    return leaving.defaultPrevented;
  });
  assert.equal(await asksOnLeave(), false, 'a loaded run: closing asks nothing');
  // A new run replaces the loaded one, which is kept already: the same run stays kept.
  await byId(page, 'train-start').click();
  await page.waitForFunction(() => document.querySelector('.status')?.textContent === 'Finished' && !document.querySelector('[data-testid="train-start"]').disabled, null, { timeout: 300_000 });
  assert.match(await kept.textContent(), /seed 6/);
  assert.equal(await asksOnLeave(), true, 'the new run, finished and unsaved: closing asks');
  // Keep: a saved run like the others, and nothing left aside.
  await byId(page, 'replaced-keep').click();
  const keptRow = byId(page, 'run-row').filter({ hasText: 'MLP autoencoder · MNIST digits · k 8 · seed 6' });
  await keptRow.waitFor({ timeout: 30_000 });
  assert.equal(await byId(page, 'run-row').count(), saved + 1);
  assert.equal(await kept.count(), 0);
  // Still there after a reload; and Reset replaces the second run, now kept in its turn.
  await byId(page, 'train-reset').click();
  await kept.waitFor({ timeout: 30_000 });
  await page.reload();
  await ready(page);
  await keptRow.waitFor({ timeout: 30_000 });
  await kept.waitFor({ timeout: 30_000 });
  await byId(page, 'replaced-discard').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="replaced-run"]'), null, { timeout: 30_000 });
  assert.equal(await byId(page, 'run-row').count(), saved + 1);
  assert.deepEqual(errors, []);
  await page.close();
});
