// Issue 17: axe-core (npm, tools/) finds no serious or critical accessibility violation on the
// page as a visitor meets it, after a run, with the full-dataset list open, and with an
// experiment's result shown; at desktop and phone widths.
import fs from 'node:fs';
import path from 'node:path';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openLab, byId, ready, runCardQuick } from './harness.mjs';

const AXE = fs.readFileSync(path.join(import.meta.dirname, '../../tools/node_modules/axe-core/axe.min.js'), 'utf8');
let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** axe-core's serious and critical violations on the page now, as readable lines. */
async function serious(page) {
  // Evaluated through the DevTools protocol: the page's CSP does not apply to it.
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`));
  return violations;
}

for (const [width, height] of [[1280, 900], [390, 844]]) {
  test(`${width}×${height}: no serious or critical violation at load, after a run, with lists and a result open`, async () => {
    const { page, errors } = await openLab(browser.context, `${server.url}?backend=cpu&hidden=32&k=8&batch=256&epochs=1&seed=6`);
    await page.setViewportSize({ width, height });
    await ready(page);
    assert.deepEqual(await serious(page), [], 'at load');
    await byId(page, 'train-start').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="metric-epoch"]').textContent) === 1
        && !document.querySelector('[data-testid="train-start"]').disabled, null, { timeout: 300_000 });
    // On a phone the settings are folded in their drawer: open it, as a person would.
    if (!(await byId(page, 'controls-drawer').evaluate((d) => d.open))) await byId(page, 'controls-toggle').click();
    await page.locator('[data-testid="full-datasets"] summary').click();
    await page.locator('[data-testid="full-dataset"]').first().waitFor({ timeout: 30_000 });
    assert.deepEqual(await serious(page), [], 'after a run, the full-dataset list open');
    await runCardQuick(page, 'c3');
    assert.deepEqual(await serious(page), [], 'with an experiment\'s result');
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('dark mode: no serious or critical violation (contrast included) at load and after a run', async () => {
  const { page, errors } = await openLab(browser.context, `${server.url}?backend=cpu&hidden=32&k=8&batch=256&epochs=1&seed=6`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await ready(page);
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor), 'rgb(21, 24, 31)', 'the dark palette is in use');
  assert.deepEqual(await serious(page), [], 'at load');
  await byId(page, 'train-start').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="metric-epoch"]').textContent) === 1
      && !document.querySelector('[data-testid="train-start"]').disabled, null, { timeout: 300_000 });
  assert.deepEqual(await serious(page), [], 'after a run');
  assert.deepEqual(errors, []);
  await page.close();
});
