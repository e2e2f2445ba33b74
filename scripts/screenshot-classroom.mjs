// The pictures of the class table and of "Inside the network" in docs/features.md, taken from
// the tab: four "students" train the same small MNIST autoencoder with four learning rates,
// save and share their results; the "teacher" pastes the four links. Then a conv autoencoder
// trains five epochs and a "7" is drawn on the pad.
//   LAB_DIST=dist node scripts/screenshot-classroom.mjs
import { serve, launch, byId, ready, scrollIntoView } from '../tests/e2e/harness.mjs';

const server = await serve();
const browser = await launch();
const at = (box, [x, y]) => [box.x + box.width * x, box.y + box.height * y];
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  const links = [];
  for (const [name, lr] of [['Ana', '0.0001'], ['Bo', '0.001'], ['Cem', '0.01'], ['Dee', '0.1']]) {
    await page.goto(`${server.url}?backend=cpu&hidden=64&k=8&batch=128&epochs=2&seed=1&lr=${lr}`);
    await ready(page);
    await byId(page, 'train-start').click();
    await page.waitForFunction(() => document.querySelector('.status')?.textContent === 'Finished', null, { timeout: 600_000 });
    const before = await byId(page, 'run-row').count();
    await byId(page, 'run-save').click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="run-row"]').length === n + 1, before);
    await byId(page, 'run-row').first().locator('[data-testid="run-share"]').click();
    await byId(page, 'share-result-name').fill(name);
    links.push(await byId(page, 'share-result-url').inputValue());
  }
  await byId(page, 'class-paste').fill(links.join('\n'));
  await byId(page, 'class-add').click();
  await byId(page, 'class-sweep').waitFor();
  await byId(page, 'class-panel').screenshot({ path: 'docs/class-table.png' });
  console.log('docs/class-table.png');

  await page.goto(`${server.url}?backend=cpu&model=conv&k=16&conv_hidden=64&epochs=5&seed=1`);
  await ready(page);
  await byId(page, 'train-start').click();
  await byId(page, 'draw-pad').waitFor();
  await page.waitForFunction(() => document.querySelector('.status')?.textContent === 'Finished', null, { timeout: 900_000 });
  await byId(page, 'latent-slider-0').waitFor({ timeout: 120_000 });
  const pad = byId(page, 'draw-pad');
  // Where the pad stays once the panels around it have rendered (harness.mjs).
  const box = await scrollIntoView(pad);
  const seven = [[0.25, 0.2], [0.75, 0.2], [0.6, 0.45], [0.45, 0.85]];
  await page.mouse.move(...at(box, seven[0]));
  await page.mouse.down();
  for (let i = 1; i < seven.length; i++) {
    for (let t = 1; t <= 6; t++) {
      const [a, b] = [seven[i - 1], seven[i]];
      await page.mouse.move(...at(box, [a[0] + ((b[0] - a[0]) * t) / 6, a[1] + ((b[1] - a[1]) * t) / 6]));
    }
  }
  await page.mouse.up();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="activation-maps"] [data-testid="activation-layer"]').length > 4, null, { timeout: 60_000 });
  await page.waitForTimeout(500);
  await page.locator('.draw-panel').screenshot({ path: 'docs/inside-the-network.png' });
  console.log('docs/inside-the-network.png');
} finally {
  await browser.close();
  await server.close();
}
