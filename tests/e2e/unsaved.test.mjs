// Issue 18: closing or reloading the tab asks first while a run would be lost (training, or
// finished and not saved), and not once it is saved; the first save asks the browser for
// lasting storage and the storage line says what it answered; a finished experiment's result
// is kept across a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openLab, byId, ready, runCardQuick, scrollIntoView } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
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
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="metric-step"]').textContent) > 0, null, { timeout: 120_000 });
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
