// README's and docs/features.md's pictures at a phone's and a desktop's size, taken from the
// tab: the first visit (its two doors) at 1400 × 900, README's first picture (two epochs of the
// default autoencoder at 1280 × 900), and on a 390 × 844 touch screen the first
// visit, the default MNIST autoencoder trained two epochs and a "2" drawn with a finger on the
// pad, the Train, Embedding, Explore and My runs sections after it, then an experiment card's
// result (C3, default size): its chart, and its table of verdicts.
//   LAB_DIST=dist node scripts/screenshot-sizes.mjs
import { serve, launch, byId, ready, scrollIntoView } from '../tests/e2e/harness.mjs';

const server = await serve();
const browser = await launch();
try {
  const desktop = await browser.context.newPage();
  await desktop.setViewportSize({ width: 1400, height: 900 });
  await desktop.goto(`${server.url}?backend=cpu`);
  await ready(desktop);
  await byId(desktop, 'first-visit').waitFor();
  await desktop.waitForTimeout(500);
  await desktop.screenshot({ path: 'docs/first-visit-desktop.png' });
  console.log('docs/first-visit-desktop.png');
  // README's first picture: the default MNIST autoencoder after two epochs, at 1280 × 900.
  await desktop.setViewportSize({ width: 1280, height: 900 });
  await desktop.goto(`${server.url}?backend=cpu&epochs=2`);
  await ready(desktop);
  await byId(desktop, 'train-start').click();
  await desktop.waitForFunction(() => document.querySelector('.status')?.textContent === 'Finished', null, { timeout: 600_000 });
  await desktop.evaluate(() => window.scrollTo(0, 0));
  await desktop.waitForTimeout(800);
  await desktop.screenshot({ path: 'docs/screenshot.png' });
  console.log('docs/screenshot.png');
  await desktop.close();

  const phone = await browser.context.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  const cdp = await phone.context().newCDPSession(phone);
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
  await phone.goto(`${server.url}?backend=cpu&epochs=2`);
  await ready(phone);
  await byId(phone, 'first-visit').waitFor();
  await phone.waitForTimeout(500);
  await phone.screenshot({ path: 'docs/first-visit-phone.png' });
  console.log('docs/first-visit-phone.png');
  await byId(phone, 'start-first-run').click();
  await phone.waitForFunction(() => location.hash === '#draw', null, { timeout: 900_000 });
  await byId(phone, 'latent-slider-0').waitFor({ state: 'attached', timeout: 300_000 });
  const pad = byId(phone, 'draw-pad');
  // Where the pad stays once the panels around it have rendered (harness.mjs).
  const box = await scrollIntoView(pad);
  // A "2", drawn with one finger.
  const two = [[0.28, 0.32], [0.35, 0.2], [0.5, 0.15], [0.65, 0.2], [0.7, 0.33], [0.62, 0.48], [0.45, 0.63], [0.3, 0.8], [0.5, 0.8], [0.75, 0.8]];
  const at = ([x, y]) => [{ x: box.x + box.width * x, y: box.y + box.height * y }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(two[0]) });
  for (let i = 1; i < two.length; i++) {
    for (let t = 1; t <= 4; t++) {
      const [a, b] = [two[i - 1], two[i]];
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at([a[0] + ((b[0] - a[0]) * t) / 4, a[1] + ((b[1] - a[1]) * t) / 4]) });
    }
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await phone.waitForFunction(() => document.querySelector('[data-testid="draw-recon"]')?.width > 0, null, { timeout: 60_000 });
  await phone.waitForTimeout(500);
  await pad.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await phone.evaluate(() => window.scrollBy(0, -60));
  await phone.screenshot({ path: 'docs/draw-phone.png' });
  console.log('docs/draw-phone.png');

  // The other sections on the phone, after the same two epochs, each opened from the section
  // bar as a person would: the loss chart, the embedding (scatter and latent map), the explore
  // sliders and the runs table.
  for (const [id, file, target] of [
    ['train', 'train-phone.png', 'loss-chart'],
    ['embedding', 'embedding-phone.png', 'latent-map'],
    ['explore', 'explore-phone.png', 'latent-slider-0'],
    ['runs', 'runs-phone.png', null],
  ]) {
    await byId(phone, `nav-${id}`).click();
    if (target) await byId(phone, target).first().waitFor({ timeout: 120_000 });
    await phone.waitForTimeout(800);
    await phone.screenshot({ path: `docs/${file}` });
    console.log(`docs/${file}`);
  }

  // An experiment card's result on the phone: C3 at the default size (seconds), its chart and
  // its verdicts.
  const card = byId(phone, 'preset-card-c3');
  await card.scrollIntoViewIfNeeded();
  await card.locator('button').click();
  await byId(phone, 'preset-size').selectOption('default');
  await byId(phone, 'preset-run').click();
  await phone.waitForFunction(() => {
    const run = document.querySelector('[data-testid="preset-run"]');
    return run && !run.disabled && document.querySelector('[data-testid="preset-result-table"]');
  }, null, { timeout: 600_000 });
  await phone.locator('.preset-detail').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await phone.evaluate(() => window.scrollBy(0, -60));
  await phone.waitForTimeout(300);
  await phone.screenshot({ path: 'docs/card-phone.png' });
  console.log('docs/card-phone.png');
  await byId(phone, 'preset-result-table').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await phone.waitForTimeout(300);
  await phone.screenshot({ path: 'docs/card-table-phone.png' });
  console.log('docs/card-table-phone.png');
} finally {
  await browser.close();
  await server.close();
}
