// End-to-end: every preset of the experiments gallery runs to the end at its smallest size on
// the CPU backend and fills its result table with finite numbers (A9 once more on WebGPU); Stop
// keeps what finished; a ?preset= link opens its card; CSV and PNG downloads work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serve, launch, openLab, byId, ready, runCardQuick, scrollIntoView, chromiumOnly, download } from './harness.mjs';

let server;
let browser;
let page;
let errors;

/** Every preset id in the gallery, in order. */
const IDS = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9', 'b1', 'b2', 'b3', 'b4', 'b4c', 'b5', 'b6', 'c1', 'c2', 'c3',
  'd1', 'd2', 'd3', 'd4', 'e1', 'e2', 'e3', 'e4', 'e5'];
/** The ones a test below runs anyway (each preset runs once). */
const RUN_BELOW = new Set(['c2', 'b3', 'd4']);
/** Figures the report gave in words, answered in words by the lab. */
const WORDS = new Set(['best_optimiser', 'best', 'separability', 'separation', 'underfits', 'noisy', 'hardest', 'shape', 'speed', 'winner',
  'traversal', 'samples', 'path',
  // Claims in words (orderings, directions) get rows of their own, answered with the figures.
  'dropout_raises_300', 'dropout_raises_500', 'order_pretrained_frozen', 'order_pretrained_full', 'contrastive_over_autoencoder',
  'case_order', 'unseen_worse', 'tuned_better', 'tied_better', 'samples_frechet', 'traversal_energy']);
const VERDICTS = new Set(['reproduced', 'close', 'far', 'reversed']);
/** What the native reproduction recorded (REPRODUCTION.md's figures), which the cards show. */
const RECORDED = Object.fromEntries(['default', 'full'].map((size) =>
  [size, JSON.parse(readFileSync(new URL(`../../docs/reproduction/${size}.json`, import.meta.url), 'utf8'))]));
/** A recorded claim's verdicts over the seeds as its chips read: ['reproduced 2/3', 'far 1/3']. */
const chipsOf = (claim) => [...VERDICTS]
  .map((k) => [k, claim.verdicts.filter((v) => v?.toLowerCase() === k).length])
  .filter(([, n]) => n > 0)
  .map(([k, n]) => `${k} ${n}/${claim.verdicts.length}`);

/** The open card's native record: metric → { default: chips, full: chips }. */
const nativeRecord = () => page.evaluate(() => Object.fromEntries(
  [...document.querySelectorAll('[data-testid="native-record"] tr[data-metric]')].map((tr) => [tr.dataset.metric,
    Object.fromEntries(['default', 'full'].map((size) => [size,
      [...tr.querySelectorAll(`[data-testid="native-verdict"][data-size="${size}"]`)].map((c) => c.textContent.trim())]))]),
));

before(async () => {
  server = await serve();
  browser = await launch();
  ({ page, errors } = await openLab(browser.context, `${server.url}?backend=cpu&preset=a3`));
  await ready(page);
});
after(async () => { await browser?.close(); await server?.close(); });

/** Open card `id`, pick the quick size, Run, and wait for the whole preset to finish. */
const runQuick = (id, timeout) => runCardQuick(page, id, timeout);

/** Rows of the result table with a measured lab figure and a reported one: metric → verdict (or null). */
const verdicts = () => page.evaluate(() => Object.fromEntries(
  [...document.querySelectorAll('[data-testid="preset-result-table"] tr[data-metric]')]
    .filter((tr) => tr.querySelector('[data-source="lab"]').textContent.trim() !== '–'
      && tr.querySelector('[data-source="reported"]').textContent.trim() !== '–')
    .map((tr) => [tr.dataset.metric, tr.querySelector('[data-testid="verdict"]')?.dataset.verdict ?? null]),
));

/** The lab cells of the result table: metric → text. */
const labCells = () => page.evaluate(() => Object.fromEntries(
  [...document.querySelectorAll('[data-testid="preset-result-table"] tr[data-metric]')]
    .map((tr) => [tr.dataset.metric, tr.querySelector('[data-source="lab"]').textContent.trim()]),
));

test('a ?preset= link opens its card', async () => {
  assert.equal(await page.locator('.preset-detail').getAttribute('data-preset'), 'a3');
  assert.equal(await page.locator('[data-testid^="preset-card-"]').count(), IDS.length);
  assert.match(page.url(), /preset=a3/);
});

test('every card says, before any run, what the native record found: each claim by the verdict most seeds reached', async () => {
  const kinds = [...VERDICTS];
  for (const id of IDS) {
    const expected = Object.fromEntries(kinds.map((k) => [k, 0]));
    for (const claim of RECORDED.default[id]?.claims ?? []) {
      const counts = kinds.map((k) => claim.verdicts.filter((v) => v?.toLowerCase() === k).length);
      const most = Math.max(...counts);
      // A tie counts as the verdict further from the report.
      if (most > 0) expected[kinds[counts.lastIndexOf(most)]] += 1;
    }
    const line = byId(page, `preset-card-${id}`).locator('[data-testid="native-summary"]');
    const claims = Object.values(expected).reduce((a, b) => a + b, 0);
    assert.equal(await line.count(), claims > 0 ? 1 : 0, id);
    if (claims === 0) continue;
    const shown = Object.fromEntries(await Promise.all(kinds.map(async (k) => [k, Number(await line.getAttribute(`data-${k}`))])));
    assert.deepEqual(shown, expected, id);
    const words = kinds.filter((k) => expected[k] > 0).map((k) => `${expected[k]} ${k}`).join('');
    assert.equal((await line.textContent()).replace(/\s+/g, ''), `Natively,${RECORDED.default[id].seeds.length}seeds:${words}`.replace(/\s+/g, ''), id);
  }
  // E5's reversed claims are there to see before anyone runs it.
  assert.ok(Number(await byId(page, 'preset-card-e5').locator('[data-testid="native-summary"]').getAttribute('data-reversed')) > 0);
});

for (const id of IDS.filter((id) => !RUN_BELOW.has(id))) {
  test(`preset ${id} runs to the end and fills its table`, async () => {
    await runQuick(id);
    const cells = await labCells();
    const numbers = Object.entries(cells).filter(([, text]) => text !== '–');
    assert.ok(numbers.length > 0, `${id}: some lab figures (${JSON.stringify(cells)})`);
    for (const [metric, text] of numbers) {
      const pattern = metric === 'best_optimiser' ? /^(Adam|SGD)$/ : WORDS.has(metric) ? /\S/ : /^-?[\d.]+(e-?\d+)?( s|%)?( ± [\d.]+(e-?\d+)?)?$/;
      assert.match(text, pattern, `${id} ${metric}: ${text}`);
    }
    // Every reported number the run measured, and every claim in words it could check, has a
    // verdict (E2's picks and the findings stated only in words have none).
    const judged = await verdicts();
    for (const [metric, verdict] of Object.entries(judged)) {
      const unchecked = ['best_val_loss', 'separation', 'hardest', 'traversal', 'samples', 'path'].includes(metric);
      if (!unchecked) assert.ok(VERDICTS.has(verdict), `${id} ${metric}: verdict ${verdict}`);
    }
    // The card shows what the native reproduction recorded, claim by claim, at both sizes; a
    // verdict short of "reproduced" says what the full dataset gave for the same claim.
    const native = await nativeRecord();
    for (const size of ['default', 'full']) {
      for (const claim of RECORDED[size][id]?.claims ?? []) {
        assert.deepEqual(native[claim.metric]?.[size], chipsOf(claim), `${id} ${claim.metric} at ${size}`);
      }
    }
    for (const [metric, verdict] of Object.entries(judged)) {
      const full = RECORDED.full[id]?.claims.find((c) => c.metric === metric);
      const line = await page.locator(`.preset-result tr[data-metric="${metric}"] [data-testid="verdict-full"]`);
      if (verdict && verdict !== 'reproduced' && full && full.verdicts.some((v) => v)) {
        assert.match(await line.textContent(), new RegExp(`^On the full dataset \\(60,000 training images, natively, seeds? [\\d, ]+\\): ${chipsOf(full).join(', ')}\\.$`), `${id} ${metric}`);
      } else {
        assert.equal(await line.count(), 0, `${id} ${metric}: no full-size line`);
      }
    }
    // The gallery card sums them up once the preset has run.
    const summary = byId(page, `preset-card-${id}`).locator('[data-testid="verdict-summary"]');
    assert.equal(await summary.count(), 1);
    const claims = Number(await summary.getAttribute('data-claims'));
    assert.equal(claims, await page.locator('.preset-result [data-testid="verdict"]').count(), `${id}: the summary counts every verdict`);
    // A quick look's verdicts judge a run too short for the findings, and both places say so.
    assert.equal(await summary.getAttribute('data-size'), 'quick');
    if (claims > 0) assert.match(await summary.textContent(), /^Quick look:/, `${id}: the gallery marks a quick look's verdicts`);
    assert.match(await byId(page, 'preset-quick-note').textContent(), /too short for the report's findings/);
    // The card's small table of the report's figures gains the lab's column, the same as the result's.
    const cardLab = await byId(page, `card-figures-${id}`).locator('td[data-source="lab"]').evaluateAll((tds) => Object.fromEntries(tds.map((td) => [td.closest('tr').dataset.metric, td.textContent.trim()])));
    for (const [metric, text] of Object.entries(cardLab)) {
      if (metric in cells) assert.equal(text, cells[metric], `${id} ${metric}: the card shows the result's figure`);
    }
    assert.ok(Object.keys(cardLab).length > 0, `${id}: the card has a lab column`);
    if (id === 'e2') {
      assert.equal(await page.locator('[data-testid="preset-trials"] tbody tr').count(), 3, 'every trial is listed');
      // Sorted by the validation MSE at first; a heading sorts by its column, again the other way,
      // and says so to a screen reader (aria-sort).
      const trials = page.locator('[data-testid="preset-trials"]');
      const order = () => trials.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.dataset.trial)));
      const sorted = () => trials.locator('th').evaluateAll((ths) => ths.map((th) => th.getAttribute('aria-sort')));
      assert.equal((await sorted()).filter((s) => s === 'ascending').length, 1);
      await trials.locator('th button', { hasText: 'trial' }).click();
      assert.deepEqual(await order(), [0, 1, 2]);
      assert.equal((await sorted())[0], 'ascending');
      await trials.locator('th button', { hasText: 'trial' }).click();
      assert.deepEqual(await order(), [2, 1, 0]);
      assert.equal((await sorted())[0], 'descending');
      await byId(page, 'preset-use-best').click();
      assert.equal(await byId(page, 'model-select').inputValue(), 'conv');
    }
    assert.equal(await page.locator('.preset-result .hint').filter({ hasText: 'stopped early' }).count(), 0);
    assert.deepEqual(errors, []);
  });
}

test('a CIFAR-10 card without a full-size run says what one would take', async () => {
  const card = byId(page, 'preset-card-a6');
  await scrollIntoView(card);
  await card.locator('button').click();
  await page.waitForFunction(() => document.querySelector('.preset-detail')?.dataset.preset === 'a6');
  const record = byId(page, 'native-record');
  await record.locator('summary').click();
  assert.match(await record.textContent(), /Full size: not run \(no official CIFAR-10 archive was at hand\); at the default run's pace it would take about [\d.]+ (s|min|h) a seed/);
  assert.match(await record.textContent(), /Default size: seeds 1, 2, 3 · 4,000 training and [\d,]+ test images/);
  assert.equal(await record.locator('td[data-size="full"]').first().textContent(), 'not run');
});

test('C2 shows train and test confusion matrices with per-class tables and the charts', async () => {
  await runQuick('c2');
  const matrices = page.locator('.preset-result [data-testid="confusion-matrix"]');
  assert.equal(await matrices.count(), 6, 'train and test for three nets');
  assert.equal(await page.locator('.preset-result [data-testid="per-class-table"]').count(), 6);
  // Every matrix's counts add up to its split's size (500 test images at the quick size).
  const totals = await matrices.evaluateAll((ms) => ms.map((m) => [...m.querySelectorAll('[data-true]')].reduce((s, c) => s + Number(c.textContent), 0)));
  assert.deepEqual(totals.filter((t) => t === 500).length, 3, `test totals: ${totals}`);
  assert.equal(await page.locator('.preset-result [data-testid="preset-chart"]').count(), 2, 'error vs epoch, per-digit error');
  const cells = await labCells();
  assert.match(cells.test_error_ii, /^0\.\d+$/);
  assert.deepEqual(errors, []);
});

test('B3 compares three encoders with scatters and k-NN figures', async () => {
  await runQuick('b3');
  // The raw images (image space) first, then the three encoders' codes.
  const scatters = page.locator('[data-testid="preset-scatter"]');
  assert.equal(await scatters.count(), 4);
  assert.match(await scatters.first().textContent(), /raw images/);
  for (const i of [0, 1]) assert.equal(await scatters.nth(i).locator('circle').count(), 500, 'one point per quick test image');
  const cells = await labCells();
  for (const k of ['knn_pixels', 'knn_autoencoder', 'knn_classification', 'knn_contrastive']) assert.match(cells[k], /%$/, `${k}: ${cells[k]}`);
  assert.match(cells.separability, / > .* > /);
  assert.deepEqual(errors, []);
});

test('D4 shows both parameter counts exactly', async () => {
  await runQuick('d4');
  const counts = await page.locator('[data-testid="param-count"]').evaluateAll((els) => els.map((e) => [e.dataset.model, e.textContent]));
  assert.deepEqual(counts.map(([m]) => m), ['plain', 'tied']);
  assert.match(counts[0][1], /797,984 parameters/);
  assert.match(counts[1][1], /400,672 parameters/);
});

test('Stop keeps the models that finished, and the downloads work', async () => {
  const card = byId(page, 'preset-card-a1');
  await card.locator('button').click();
  await byId(page, 'preset-size').selectOption('quick');
  await byId(page, 'preset-run').click();
  // Stop once the first models are done.
  await page.waitForFunction(() => /model [3-9] of 11/.test(document.querySelector('.preset-progress')?.textContent ?? ''), null, { timeout: 300_000 });
  // While it runs, the result fills in model by model and says so.
  const running = await page.locator('.preset-result').textContent();
  assert.match(running, /\d+ of 11 models finished so far/);
  assert.doesNotMatch(running, /stopped early/);
  await byId(page, 'preset-stop').click();
  await page.waitForFunction(() => /stopped early/.test(document.querySelector('.preset-result')?.textContent ?? ''), null, { timeout: 60_000 });
  const cells = await labCells();
  assert.ok(Object.values(cells).filter((t) => t !== '–').length >= 2, JSON.stringify(cells));
  const csv = await download(page, () => byId(page, 'preset-download-csv').click());
  assert.equal(csv.suggestedFilename(), 'a1.csv');
  const png = await download(page, () => byId(page, 'preset-download-png').click());
  assert.equal(png.suggestedFilename(), 'a1.png');
});

test('A9 (a conv embedder and its 2-D head) runs on WebGPU, forced on the software adapter, and judges its claims', { skip: chromiumOnly('WebGPU on a software adapter') }, async () => {
  // Every other card here trains on the CPU; this one takes the WebGPU worker through an
  // experiment's conv layers, its two models and its verdicts (~30 s on SwiftShader).
  const gpu = await openLab(browser.context, `${server.url}?backend=webgpu&preset=a9`);
  await ready(gpu.page, 180_000);
  assert.match(await byId(gpu.page, 'backend-badge').textContent(), /WebGPU/);
  await runCardQuick(gpu.page, 'a9');
  assert.match(await byId(gpu.page, 'backend-badge').locator('strong').textContent(), /WebGPU/, 'it trained on WebGPU');
  const rows = await gpu.page.evaluate(() => [...document.querySelectorAll('[data-testid="preset-result-table"] tr[data-metric]')]
    .map((tr) => ({ metric: tr.dataset.metric, lab: tr.querySelector('[data-source="lab"]').textContent.trim(), verdict: tr.querySelector('[data-testid="verdict"]')?.dataset.verdict })));
  const losses = rows.filter((r) => /_loss$/.test(r.metric));
  assert.ok(losses.length >= 2, JSON.stringify(rows));
  for (const r of losses) assert.ok(Number.isFinite(Number(r.lab)) && Number(r.lab) > 0, `${r.metric}: ${r.lab}`);
  for (const r of rows) assert.ok(VERDICTS.has(r.verdict), `${r.metric}: verdict ${r.verdict}`);
  assert.equal(await gpu.page.locator('.preset-result .hint').filter({ hasText: 'stopped early' }).count(), 0);
  assert.deepEqual(gpu.errors, []);
  await gpu.page.close();
});
