// Issue 17: axe-core (npm, tools/) finds no serious or critical accessibility violation on the
// page as a visitor meets it, after a run, with the full-dataset list open, and with an
// experiment's result shown; at desktop and phone widths.
import fs from 'node:fs';
import path from 'node:path';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openLab, byId, ready, runCardQuick, chromiumOnly } from './harness.mjs';

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
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="metric-epoch"]').value) === 1
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

test('dark mode: no serious or critical violation (contrast included) at load and after a run', { skip: chromiumOnly('the dark scheme is emulated through BiDi\'s emulation.setMediaFeaturesOverride, which Firefox ESR 153 lacks') }, async () => {
  const { page, errors } = await openLab(browser.context, `${server.url}?backend=cpu&hidden=32&k=8&batch=256&epochs=1&seed=6`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await ready(page);
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor), 'rgb(21, 24, 31)', 'the dark palette is in use');
  assert.deepEqual(await serious(page), [], 'at load');
  await byId(page, 'train-start').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="metric-epoch"]').value) === 1
      && !document.querySelector('[data-testid="train-start"]').disabled, null, { timeout: 300_000 });
  assert.deepEqual(await serious(page), [], 'after a run');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the keyboard reaches every control, part by part in the page\'s order, each with a visible focus ring', async () => {
  const { page, errors } = await openLab(browser.context, `${server.url}?backend=cpu&hidden=32&k=8&batch=256&epochs=1&seed=6`);
  await page.setViewportSize({ width: 1280, height: 900 });
  await ready(page);
  await byId(page, 'train-start').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="metric-epoch"]').value) === 1
      && !document.querySelector('[data-testid="train-start"]').disabled, null, { timeout: 300_000 });
  assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('[tabindex]')].filter((e) => e.tabIndex > 0).map((e) => e.outerHTML.slice(0, 80))),
    [], 'no positive tabindex (it would jump the reading order)');
  // Every control a keyboard user should reach (visible, enabled, not folded away or taken out
  // of the order) is numbered; Tab must visit each.
  const reachable = await page.evaluate(() => {
    const selector = 'a[href], button, input, select, textarea, summary, [tabindex]';
    const all = [...document.querySelectorAll(selector)].filter((e) => {
      const style = getComputedStyle(e);
      const box = e.getBoundingClientRect();
      // A file input hidden inside its button-like label is reached where the label shows.
      const hiddenInput = e.matches('input.visually-hidden') && (e.closest('label')?.getBoundingClientRect().width ?? 0) > 0;
      const folded = [...document.querySelectorAll('details:not([open])')].some((d) => d.contains(e) && d.querySelector('summary') !== e);
      return e.tabIndex >= 0 && !e.disabled && style.visibility !== 'hidden' && (box.width > 0 || hiddenInput) && !folded && !e.closest('[inert]');
    });
    all.forEach((e, i) => { e.dataset.kb = String(i); });
    // Start where a visitor starts: before the first control.
    all[0].focus();
    return all.map((e) => e.dataset.testid ?? `${e.tagName} ${(e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 30)}`);
  });
  const PARTS = ['train', 'runs', 'embedding', 'explore', 'experiments'];
  const look = () => page.evaluate((parts) => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const style = getComputedStyle(e);
    const within = getComputedStyle(e.closest('label, .button-like') ?? e);
    const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none'
      || (within.outlineStyle !== 'none' && parseFloat(within.outlineWidth) > 0);
    const part = parts.find((p) => e.closest(`#${p}`));
    const label = e.closest('label');
    const why = ring ? '' : ` (outline ${style.outlineStyle} ${style.outlineWidth}; label ${label ? getComputedStyle(label).display + ' ' + getComputedStyle(label).outlineStyle : 'none'}; fine ${matchMedia('(pointer: fine)').matches})`;
    return { kb: e.dataset.kb ?? null, key: (e.dataset.testid ?? `${e.tagName} ${(e.textContent || '').trim().slice(0, 30)}`) + why, ring, part: part ?? null };
  }, PARTS);
  // Reached by the keyboard (programmatic focus after a click shows no focus ring, by design),
  // from where a visitor starts: a click on the page's heading, which sets where Tab goes next.
  // (Shift+Tab and Tab from the first control do the same in Chromium; Firefox, which has no
  // browser UI to give the focus to headless, keeps its place and goes on to the second.)
  await page.locator('h1').first().click();
  await page.keyboard.press('Tab');
  const visited = [await look()];
  assert.equal(visited[0]?.kb, '0', 'Tab starts at the first control');
  for (let i = 0; i < 800; i++) {
    await page.keyboard.press('Tab');
    const stop = await look();
    if (!stop || stop.kb === visited[0].kb) break;
    visited.push(stop);
  }
  const seen = new Set(visited.map((v) => v.kb));
  const missed = reachable.filter((_, i) => !seen.has(String(i)));
  assert.deepEqual(missed, [], `Tab reached ${seen.size} of ${reachable.length} controls`);
  const noRing = visited.filter((v) => !v.ring).map((v) => v.key);
  assert.deepEqual(noRing, [], 'every control shows where the focus is');
  // The parts are visited in the page's order, each once: no jumping back to one already left.
  const parts = visited.map((v) => v.part).filter(Boolean);
  const order = parts.filter((p, i) => p !== parts[i - 1]);
  assert.deepEqual(order, PARTS.filter((p) => order.includes(p)), `parts in the page's order: ${order.join(' → ')}`);
  assert.ok(order.length >= 4, `Tab passed through the page's parts: ${order.join(' → ')}`);
  assert.deepEqual(errors, []);
  await page.close();
});
