// End-to-end at the default size (slow: minutes per experiment on the CPU backend of a 2-core
// machine, so not part of `make test`; run with `make test-verdicts`): A4 and E5 run as a
// student would run them, and every claim row shows the lab's verdict, computed in the tab.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openLab, byId, ready, scrollIntoView } from './harness.mjs';

const skip = process.env.LAB_SLOW === '1' ? false : 'default-size runs take minutes: `make test-verdicts` (LAB_SLOW=1)';
const VERDICTS = new Set(['reproduced', 'close', 'far', 'reversed']);

let server;
let browser;
let page;
let errors;

before(async () => {
  if (skip) return;
  server = await serve();
  browser = await launch();
  ({ page, errors } = await openLab(browser.context, `${server.url}?backend=cpu&preset=a4`));
  await ready(page);
});
after(async () => { await browser?.close(); await server?.close(); });

/** Run card `id` at the default size to the end; the verdict of each claim row (metric → verdict). */
async function runDefault(id) {
  const card = byId(page, `preset-card-${id}`);
  await scrollIntoView(card);
  await card.locator('button').click();
  await page.waitForFunction((id) => document.querySelector('.preset-detail')?.dataset.preset === id, id);
  await byId(page, 'preset-size').selectOption('default');
  const started = Date.now();
  await byId(page, 'preset-run').click();
  await page.waitForFunction(() => {
    const run = document.querySelector('[data-testid="preset-run"]');
    return run && !run.disabled && document.querySelector('[data-testid="preset-result-table"]');
  }, null, { timeout: 1_500_000, polling: 2000 });
  console.log(`${id} at the default size: ${((Date.now() - started) / 1000).toFixed(0)} s in the tab`);
  return page.evaluate(() => Object.fromEntries(
    [...document.querySelectorAll('[data-testid="preset-result-table"] tr[data-metric]')]
      .map((tr) => [tr.dataset.metric, tr.querySelector('[data-testid="verdict"]')?.dataset.verdict ?? null]),
  ));
}

test('A4 at the default size: a verdict on every reported figure and on the direction of dropout', { skip, timeout: 1_600_000 }, async () => {
  const verdicts = await runDefault('a4');
  console.log('A4 verdicts', verdicts);
  for (const metric of ['test_mse_300_0', 'test_mse_300_0.1', 'test_mse_300_0.3', 'test_mse_500_0.1', 'test_mse_500_0.3',
    'dropout_raises_300', 'dropout_raises_500']) {
    assert.ok(VERDICTS.has(verdicts[metric]), `${metric}: ${verdicts[metric]}`);
  }
  assert.deepEqual(errors, []);
});

test('E5 at the default size: the VAE against the autoencoder, measured, with verdicts', { skip, timeout: 1_600_000 }, async () => {
  const verdicts = await runDefault('e5');
  console.log('E5 verdicts', verdicts);
  for (const metric of ['samples', 'samples_frechet', 'traversal', 'traversal_energy']) assert.ok(VERDICTS.has(verdicts[metric]), `${metric}: ${verdicts[metric]}`);
  // The VAE's samples are pictures now, not uniform grey: they differ from one another.
  const variance = await page.evaluate(() => document.querySelector('tr[data-metric="sample_variance_conv_VAE"] [data-source="lab"]')?.textContent);
  assert.ok(Number(variance) > 0.005, `VAE pixel variance across samples: ${variance}`);
  // Where the share of sure samples favours the autoencoder, the card says what the run measured
  // about why: how alike its samples are, the class its sure ones were given, the Fréchet distance.
  if (verdicts.samples === 'reversed') {
    const notes = await page.locator('.preset-result p.note').allTextContents();
    assert.ok(notes.some((n) => /^The share of sure samples favours the conv autoencoder .* in one class \(.+\).*look-alikes.*Fréchet distance/.test(n)), notes.join('\n'));
  }
  // The same for the traversal's largest step: the pace along, and the distance off, the pixel
  // line between each row's ends.
  if (verdicts.traversal === 'reversed') {
    const notes = await page.locator('.preset-result p.note').allTextContents();
    assert.ok(notes.some((n) => /^The traversal's largest step scores the conv autoencoder's grid smoother .* move unevenly: their largest step covers/.test(n)), notes.join('\n'));
  }
  // A claim the tab's run does not reproduce says what the full dataset gave natively (the
  // share of sure samples, reversed on the subset, is reproduced there).
  for (const [metric, verdict] of Object.entries(verdicts)) {
    if (VERDICTS.has(verdict) && verdict !== 'reproduced') {
      const line = await page.locator(`.preset-result tr[data-metric="${metric}"] [data-testid="verdict-full"]`).textContent();
      assert.match(line, /^On the full dataset \(60,000 training images, natively, seeds 1, 2, 3\): /, `${metric}: ${line}`);
    }
  }
  assert.deepEqual(errors, []);
});
