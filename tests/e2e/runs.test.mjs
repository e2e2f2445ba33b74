// Saved runs and model files, as a person uses them: train, save, reload and restart the
// browser, load a run and see the same reconstructions, rename, compare, delete; export a
// .safetensors, import it back, and refuse malformed or mismatched files without losing the
// current model.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, launch, freshProfile, openLab, byId, metric, ready, download } from './harness.mjs';

const SETTINGS = '?backend=cpu&hidden=32&k=8&batch=128&epochs=1';
let server;
const profile = freshProfile();
before(async () => { server = await serve(); });
after(async () => { await server?.close(); fs.rmSync(profile, { recursive: true, force: true }); });

/** Train with the form's settings until the run is finished. */
async function train(page) {
  await byId(page, 'train-start').click();
  await page.waitForFunction(() => document.querySelector('.status')?.textContent === 'Finished'
      && document.querySelector('[data-testid="train-start"]')?.disabled === false, null, { timeout: 300_000 });
}

/** The reconstructions on the grid, their pixels (RGBA) as base64. (Not as PNG data URLs:
 *  Firefox's `toDataURL` adds a chunk that changes from one browser session to the next.) */
const reconstructions = (page) => byId(page, 'recon-grid').locator('canvas[data-role="reconstruction"]')
  .evaluateAll((cs) => cs.map((c) => btoa(String.fromCharCode(...c.getContext('2d').getImageData(0, 0, c.width, c.height).data))));

const rows = (page) => byId(page, 'run-row');
const rowNames = (page) => page.locator('[data-testid="run-row"] .run-name').allTextContents();

/** Names, dtypes, shapes and metadata of a .safetensors file. */
function header(bytes) {
  const n = Number(Buffer.from(bytes).readBigUInt64LE(0));
  return JSON.parse(Buffer.from(bytes).subarray(8, 8 + n).toString('utf8'));
}

/** A .safetensors file with one float32 tensor per `shapes` entry (zeros). */
function safetensors(shapes) {
  const head = {};
  let offset = 0;
  for (const [name, shape] of Object.entries(shapes)) {
    const size = 4 * shape.reduce((a, b) => a * b, 1);
    head[name] = { dtype: 'F32', shape, data_offsets: [offset, offset + size] };
    offset += size;
  }
  let text = JSON.stringify(head);
  text += ' '.repeat((8 - (text.length % 8)) % 8);
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(text.length));
  return Buffer.concat([len, Buffer.from(text), Buffer.alloc(offset)]);
}

/** `bytes` (a .safetensors) with its lab card edited by `edit`; the tensors unchanged. */
function withCard(bytes, edit) {
  const n = Number(bytes.readBigUInt64LE(0));
  const head = JSON.parse(bytes.subarray(8, 8 + n).toString());
  const card = JSON.parse(head.__metadata__['replab.config']);
  edit(card);
  head.__metadata__['replab.config'] = JSON.stringify(card);
  let text = JSON.stringify(head);
  text += ' '.repeat((8 - (text.length % 8)) % 8);
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(text.length));
  return Buffer.concat([len, Buffer.from(text), bytes.subarray(8 + n)]);
}

let firstRecon;
let firstTestLoss;

test('finished runs are saved, listed with their figures, compared, and survive a reload', async () => {
  const browser = await launch(profile);
  try {
    const { page, errors } = await openLab(browser.context, `${server.url}${SETTINGS}&seed=5`);
    await ready(page);
    assert.equal(await byId(page, 'run-save').isDisabled(), true, 'nothing to save before training');
    await train(page);
    firstRecon = await reconstructions(page);
    firstTestLoss = await metric(page, 'metric-test-loss');
    assert.equal(firstRecon.length, 16);
    await byId(page, 'run-save').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="run-row"]').length === 1, null, { timeout: 30_000 });
    const row = rows(page).first();
    assert.match(await row.textContent(), new RegExp(`test loss ${firstTestLoss.toFixed(4)}`));
    assert.match(await row.textContent(), /MNIST.*k 8.*CPU/s);
    assert.doesNotMatch(await row.locator('.run-details').textContent(), /seed/, 'a lone run names no varied setting');
    assert.match(await byId(page, 'storage-usage').textContent(), /Storage: [\d.]+ [MG]B used of [\d.]+ [MG]B/);

    // A second run with another seed: the newest is listed first.
    await page.goto(`${server.url}${SETTINGS}&seed=6`);
    await ready(page);
    await train(page);
    await byId(page, 'run-save').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="run-row"]').length === 2, null, { timeout: 30_000 });
    const ids = await rows(page).evaluateAll((rs) => rs.map((r) => r.dataset.runId));
    assert.equal(new Set(ids).size, 2, 'each run has its own id');
    // What tells them apart is named in each row's details (the seed), and only once they differ.
    const details = await rows(page).locator('.run-details').allTextContents();
    assert.match(details[0], / · seed 6 · /);
    assert.match(details[1], / · seed 5 · /);

    // Compare: tick both, one chart per split with a curve per run.
    assert.equal(await byId(page, 'runs-compare').isDisabled(), true, 'nothing ticked yet');
    for (const r of await rows(page).all()) await r.locator('input[type="checkbox"]').check();
    await byId(page, 'runs-compare').click();
    const charts = byId(page, 'runs-compare-chart').locator('svg');
    assert.equal(await charts.count(), 2);
    assert.equal(await charts.first().locator('polyline, path.line').count(), 2, 'two test-loss curves overlaid');

    await page.reload();
    await ready(page);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="run-row"]').length === 2, null, { timeout: 30_000 });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('after a browser restart a saved run loads with the same reconstructions; rename and delete', async () => {
  const browser = await launch(profile);
  try {
    const { page, errors } = await openLab(browser.context, `${server.url}?backend=cpu`);
    await ready(page);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="run-row"]').length === 2, null, { timeout: 30_000 });
    assert.deepEqual(await reconstructions(page), [], 'a fresh page has no model');
    // The older run (seed 5) is listed second.
    await rows(page).nth(1).locator('[data-testid="run-load"]').click();
    await page.waitForFunction(() => document.querySelector('.status')?.textContent === 'Finished'
        && document.querySelectorAll('[data-testid="recon-grid"] canvas[data-role="reconstruction"]').length === 16, null, { timeout: 60_000 });
    assert.deepEqual(await reconstructions(page), firstRecon, 'the same reconstructions as when it was saved');
    assert.equal(await metric(page, 'metric-test-loss'), firstTestLoss, 'its curves and figures come back');
    assert.equal(await byId(page, 'hp-latent').inputValue(), '8', 'the form shows the run\'s settings');

    // Rename in place (Enter commits), kept after a reload.
    const renamed = 'seed five, k = 8';
    await rows(page).nth(1).locator('[data-testid="run-rename"]').click();
    await byId(page, 'run-name-input').fill(renamed);
    await byId(page, 'run-name-input').press('Enter');
    await page.waitForFunction((n) => [...document.querySelectorAll('[data-testid="run-row"] .run-name')].some((e) => e.textContent === n), renamed, { timeout: 30_000 });
    await page.reload();
    await ready(page);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="run-row"]').length === 2, null, { timeout: 30_000 });
    assert.ok((await rowNames(page)).includes(renamed));

    // Delete: gone from the list, and still gone after a reload.
    const doomed = await rows(page).first().getAttribute('data-run-id');
    await rows(page).first().locator('[data-testid="run-delete"]').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="run-row"]').length === 1, null, { timeout: 30_000 });
    await page.reload();
    await ready(page);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="run-row"]').length === 1, null, { timeout: 30_000 });
    assert.notEqual(await rows(page).first().getAttribute('data-run-id'), doomed);
    assert.deepEqual(await rowNames(page), [renamed]);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('export a .safetensors with PyTorch names; malformed and mismatched imports keep the model; the export imports back; a NaN figure survives a saved run', async () => {
  const browser = await launch();
  try {
    const { page, errors } = await openLab(browser.context, `${server.url}${SETTINGS}&seed=5`);
    await ready(page);
    assert.equal(await byId(page, 'export-safetensors').isDisabled(), true, 'nothing to export before training');
    await train(page);
    const recon = await reconstructions(page);

    const exported = await download(page, () => byId(page, 'export-safetensors').click());
    assert.equal(exported.suggestedFilename(), 'replab-mlp-mnist.safetensors');
    const file = await exported.path();
    const bytes = fs.readFileSync(file);
    const head = header(bytes);
    assert.deepEqual(head['encoder.0.weight'].shape, [32, 784], 'PyTorch layout [out, in]');
    assert.deepEqual(head['code.weight'].shape, [8, 32]);
    assert.equal(head['decoder.3.bias'].dtype, 'F32');
    const card = JSON.parse(head.__metadata__['replab.config']);
    assert.equal(card.hp.latent, 8);
    assert.equal(card.dataset, 'Mnist');

    // A file that is not a .safetensors: a clear message, the model stays.
    await byId(page, 'import-safetensors').setInputFiles({ name: 'broken.safetensors', mimeType: 'application/octet-stream', buffer: Buffer.from('definitely not tensors') });
    await byId(page, 'error-banner').waitFor({ timeout: 30_000 });
    assert.match(await byId(page, 'error-banner').textContent(), /broken\.safetensors was not loaded: this is not a \.safetensors file.*unchanged/);
    await byId(page, 'error-banner').locator('button').click();
    // A well-formed file for another architecture: the offending tensor is named.
    await byId(page, 'import-safetensors').setInputFiles({ name: 'other.safetensors', mimeType: 'application/octet-stream', buffer: safetensors({ 'encoder.0.weight': [10, 784], 'encoder.0.bias': [10] }) });
    await byId(page, 'error-banner').waitFor({ timeout: 30_000 });
    assert.match(await byId(page, 'error-banner').textContent(), /`encoder\.0\.weight` has shape \[10, 784\] in the file, but this model's is \[32, 784\]/);
    await byId(page, 'error-banner').locator('button').click();
    // A file whose card asks for settings out of the lab's ranges (a hostile or broken file):
    // refused by message before any model is built.
    const hostile = withCard(bytes, (c) => { c.hp.dropout = 1.5; c.hp.hidden = 1000000; });
    await byId(page, 'import-safetensors').setInputFiles({ name: 'hostile.safetensors', mimeType: 'application/octet-stream', buffer: hostile });
    await byId(page, 'error-banner').waitFor({ timeout: 30_000 });
    const refusal = await byId(page, 'error-banner').textContent();
    assert.match(refusal, /hostile\.safetensors was not loaded: its settings are out of the lab's ranges/);
    assert.match(refusal, /hidden width/i);
    assert.match(refusal, /dropout/i);
    await byId(page, 'error-banner').locator('button').click();
    assert.equal(await page.textContent('.status'), 'Finished');
    assert.deepEqual(await reconstructions(page), recon, 'the current model is still loaded');

    // Train something else, then import the export: the first model is back.
    await page.goto(`${server.url}${SETTINGS}&seed=11`);
    await ready(page);
    await train(page);
    assert.notDeepEqual(await reconstructions(page), recon);
    await byId(page, 'import-safetensors').setInputFiles(file);
    await page.waitForFunction((first) => {
      const cs = [...document.querySelectorAll('[data-testid="recon-grid"] canvas[data-role="reconstruction"]')];
      return cs.length === 16 && btoa(String.fromCharCode(...cs[0].getContext('2d').getImageData(0, 0, cs[0].width, cs[0].height).data)) === first;
    }, recon[0], { timeout: 60_000 });
    assert.deepEqual(await reconstructions(page), recon, 'lab → file → lab gives the same reconstructions');

    // Finite weights whose figures overflow (±10³⁰: inf − inf inside the layers) give a NaN test
    // loss. Kept as a saved run, the figure is written to JSON as null; after a reload the run
    // is still listed and readable (it used to become an unreadable record).
    const huge = Buffer.from(bytes);
    const dataStart = 8 + Number(huge.readBigUInt64LE(0));
    for (let at = dataStart, i = 0; at + 4 <= huge.length; at += 4, i++) huge.writeFloatLE(i % 2 ? -1e30 : 1e30, at);
    await byId(page, 'import-safetensors').setInputFiles({ name: 'overflow.safetensors', mimeType: 'application/octet-stream', buffer: huge });
    await page.waitForFunction(() => /NaN/.test(document.querySelector('[data-testid="metric-test-loss"]')?.textContent ?? ''), null, { timeout: 60_000 });
    await byId(page, 'run-save').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="run-row"]').length === 1, null, { timeout: 30_000 });
    await page.reload();
    await ready(page);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="run-row"]').length === 1, null, { timeout: 30_000 });
    assert.match(await rows(page).first().textContent(), /test loss NaN/);
    assert.equal(await byId(page, 'run-unreadable').count(), 0, 'the record with a NaN figure reads back');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('a save the browser refuses (storage full) shows a message and leaves earlier runs intact', async () => {
  const browser = await launch();
  try {
    const { page, errors } = await openLab(browser.context, `${server.url}${SETTINGS}&seed=5`);
    // When asked to, abort the save's transaction right after its second write, as the browser
    // does when the quota runs out.
    await page.addInitScript(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (...args) {
        const request = put.apply(this, args);
        if (window.__refuseSaves && this.name === 'runs') this.transaction.abort();
        return request;
      };
    });
    await page.reload();
    await ready(page);
    await train(page);
    await byId(page, 'run-save').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="run-row"]').length === 1, null, { timeout: 30_000 });
    const kept = await rows(page).first().getAttribute('data-run-id');

    await page.evaluate(() => { window.__refuseSaves = true; });
    await byId(page, 'run-save').click();
    await byId(page, 'error-banner').waitFor({ timeout: 30_000 });
    assert.match(await byId(page, 'error-banner').textContent(), /The run was not saved: the browser refused to store it \(is its storage full\?\)\. Your earlier runs are unchanged\./);
    assert.equal(await rows(page).count(), 1);
    assert.equal(await byId(page, 'run-save').isDisabled(), false, 'saving can be tried again');

    // Nothing half-written: one run, one weights record, and the first run still loads.
    const counts = await page.evaluate(() => new Promise((resolve, reject) => {
      const open = indexedDB.open('replab');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction(['runs', 'weights']);
        const out = {};
        tx.objectStore('runs').count().onsuccess = (e) => { out.runs = e.target.result; };
        tx.objectStore('weights').count().onsuccess = (e) => { out.weights = e.target.result; };
        tx.oncomplete = () => { open.result.close(); resolve(out); };
      };
    }));
    assert.deepEqual(counts, { runs: 1, weights: 1 });
    await page.evaluate(() => { window.__refuseSaves = false; });
    await page.reload();
    await ready(page);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="run-row"]').length === 1, null, { timeout: 30_000 });
    assert.equal(await rows(page).first().getAttribute('data-run-id'), kept);
    await rows(page).first().locator('[data-testid="run-load"]').click();
    await page.waitForFunction(() => document.querySelector('.status')?.textContent === 'Finished', null, { timeout: 60_000 });
    assert.deepEqual(errors.filter((e) => !/AbortError|aborted/i.test(e)), []);
  } finally {
    await browser.close();
  }
});

test('two tabs: a save or delete in one shows in the other within 2 s; renaming a run gone from storage says so; an unreadable record is listed and deleted', async () => {
  const browser = await launch();
  try {
    const a = await openLab(browser.context, `${server.url}${SETTINGS}&seed=5`);
    const b = await openLab(browser.context, `${server.url}${SETTINGS}&seed=6`);
    await ready(a.page);
    await ready(b.page);
    await train(a.page);
    for (const n of [1, 2]) {
      await byId(a.page, 'run-save').click();
      await a.page.waitForFunction((n) => document.querySelectorAll('[data-testid="run-row"]').length === n, n, { timeout: 30_000 });
      // The other tab hears of it without a reload.
      await b.page.waitForFunction((n) => document.querySelectorAll('[data-testid="run-row"]').length === n, n, { timeout: 2_000 });
    }
    await rows(b.page).first().locator('[data-testid="run-delete"]').click();
    await a.page.waitForFunction(() => document.querySelectorAll('[data-testid="run-row"]').length === 1, null, { timeout: 2_000 });

    // A run deleted behind the page's back (straight from storage, no message to the tabs):
    // renaming it says so, and does not bring back a record without weights.
    const id = await rows(a.page).first().getAttribute('data-run-id');
    await b.page.evaluate((id) => new Promise((resolve, reject) => {
      const open = indexedDB.open('replab');
      open.onsuccess = () => {
        const tx = open.result.transaction(['runs', 'weights'], 'readwrite');
        tx.objectStore('runs').delete(id);
        tx.objectStore('weights').delete(id);
        tx.oncomplete = () => { open.result.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
    }), id);
    await rows(a.page).first().locator('[data-testid="run-rename"]').click();
    await byId(a.page, 'run-name-input').fill('renamed after it was gone');
    await byId(a.page, 'run-name-input').press('Enter');
    await byId(a.page, 'error-banner').waitFor({ timeout: 10_000 });
    assert.match(await byId(a.page, 'error-banner').textContent(), /not renamed: it is no longer in this browser/);
    await a.page.waitForFunction(() => document.querySelectorAll('[data-testid="run-row"]').length === 0, null, { timeout: 10_000 });

    // A damaged record (and its weights): listed as unreadable, and Delete removes both.
    await b.page.evaluate(() => new Promise((resolve, reject) => {
      const open = indexedDB.open('replab');
      open.onsuccess = () => {
        const tx = open.result.transaction(['runs', 'weights'], 'readwrite');
        tx.objectStore('runs').put({ id: 'run-damaged', json: '{"id": "run-damaged", "name": ' });
        tx.objectStore('weights').put(new Uint8Array(1000), 'run-damaged');
        tx.oncomplete = () => { open.result.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
    }));
    await b.page.reload();
    await ready(b.page);
    const damaged = byId(b.page, 'run-unreadable');
    await damaged.waitFor({ timeout: 30_000 });
    assert.equal(await damaged.getAttribute('data-run-id'), 'run-damaged');
    await damaged.locator('[data-testid="run-delete"]').click();
    await damaged.waitFor({ state: 'detached', timeout: 10_000 });
    const left = await b.page.evaluate(() => new Promise((resolve) => {
      const open = indexedDB.open('replab');
      open.onsuccess = () => {
        const tx = open.result.transaction(['runs', 'weights'], 'readonly');
        const runs = tx.objectStore('runs').count();
        const weights = tx.objectStore('weights').count();
        tx.oncomplete = () => { open.result.close(); resolve([runs.result, weights.result]); };
      };
    }));
    assert.deepEqual(left, [0, 0], 'both stores emptied');
    assert.deepEqual(b.errors, []);
  } finally {
    await browser.close();
  }
});
