// Issue 18: a run in training is checkpointed as it goes; a closed tab (or a reload, a crash)
// offers to resume it, and the resumed run ends where the uninterrupted one ends, to the printed
// digit (CPU, same link).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openLab, byId, ready } from './harness.mjs';

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
    step: (await byId(page, 'metric-step').textContent()).trim(),
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
  await ready(first.page);
  assert.equal(await byId(first.page, 'resume-offer').count(), 0, 'the finished run left no checkpoint behind');
  await byId(first.page, 'train-start').click();
  await first.page.waitForFunction(() => Number(document.querySelector('[data-testid="checkpoint-status"]')?.dataset.epoch ?? 0) >= 1, null, { timeout: 300_000 });
  const kept = Number(await byId(first.page, 'checkpoint-status').getAttribute('data-epoch'));
  const keptStep = Number(await byId(first.page, 'checkpoint-status').getAttribute('data-step'));
  assert.deepEqual(first.errors, []);
  await first.page.close(); // no beforeunload: as a crash or a discarded tab

  const second = await openLab(browser.context, server.url + LINK);
  await ready(second.page);
  const offer = byId(second.page, 'resume-run');
  await offer.waitFor({ timeout: 30_000 });
  const label = await offer.textContent();
  assert.ok(kept >= 1 && kept < 3, `a checkpoint from inside the run: epoch ${kept}`);
  assert.match(label, new RegExp(`epoch ${kept} of 3`), label);
  // Every step the page shows from here on: a resumed run never goes back before its checkpoint
  // (a fresh run of the same link would end with the same figures, but start from step 0).
  await second.page.evaluate(() => {
    window.__steps = [];
    const shown = document.querySelector('[data-testid="metric-step"]');
    new MutationObserver(() => window.__steps.push(Number(shown.textContent))).observe(shown, { childList: true, subtree: true, characterData: true });
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
