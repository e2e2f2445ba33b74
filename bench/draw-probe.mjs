// Where a drawing's wait goes (session 29): the default MNIST autoencoder trained one epoch,
// then strokes drawn on the pad as bench/interaction.mjs draws them (pointerdown, 8 moves one
// animation frame apart, pointerup), with three clocks around each step of the path:
// - `handler_ms`: the page's own handling of each pointer event (the synchronous dispatch: ink
//   repainted, the pad read back and preprocessed, the request posted);
// - `round_trip_ms`: each `Draw` request posted to the worker → its `Drawn` answer arriving;
// - `answer_handling_ms`: an answer's arrival → the end of the page's task for it and of any
//   rendering the browser runs before its next task (a `setTimeout(0)` posted on arrival fires
//   after both): what the answer costs the main thread, style, layout and paint included.
// `last_after_end_ms` is, per stroke, [last request posted, its answer arrived] in ms after the
// last move's dispatch. Not part of `make bench`: a diagnostic for the stroke latency row.
//
// Usage: node bench/draw-probe.mjs <dist> [cpu|webgpu] [strokes]
//   PROBE_CSS='…'   a style sheet added to the page before the strokes (an A/B without a build)
//   PROBE_OFFSCREEN=1  leave the pad where the page opens (off screen) instead of scrolling it
//                      into view as a person drawing would have it
import { launch, serve, byId, scrollIntoView } from '../tests/e2e/harness.mjs';
import { DRAW_STROKE } from './interaction.mjs';

const [dist, backend = 'cpu', strokes = '30'] = process.argv.slice(2);
const server = await serve(dist);
const browser = await launch();
const page = await browser.context.newPage();
await page.addInitScript(() => {
  const probe = (window.__drawProbe = { roundTrips: [], handling: [], sends: [], answers: [] });
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      const pending = [];
      const post = this.postMessage.bind(this);
      this.postMessage = (message, ...rest) => {
        if (message && typeof message === 'object' && 'Draw' in message) {
          pending.push(performance.now());
          probe.sends.push(performance.now());
        }
        return post(message, ...rest);
      };
      // Added before the page's own listener, so it runs first: the arrival time.
      this.addEventListener('message', (e) => {
        if (!(e.data && typeof e.data === 'object' && 'Drawn' in e.data)) return;
        const at = performance.now();
        probe.roundTrips.push(at - pending.shift());
        probe.answers.push(at);
        setTimeout(() => probe.handling.push(performance.now() - at), 0);
      });
    }
  };
});
await page.goto(`${server.url}?backend=${backend}&epochs=1`);
await page.waitForFunction(() => { const b = document.querySelector('[data-testid="train-start"]'); return b && !b.disabled; }, null, { timeout: 180_000 });
await byId(page, 'train-start').click();
await byId(page, 'latent-slider-0').waitFor({ timeout: 600_000 });
// CSP allows no inline <style>; a constructed sheet is not one.
if (process.env.PROBE_CSS) {
  await page.evaluate((css) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }, process.env.PROBE_CSS);
}
if (!process.env.PROBE_OFFSCREEN) await scrollIntoView(byId(page, 'draw-pad'));
await page.waitForTimeout(1000);
await page.evaluate(`window.__drawStroke = ${DRAW_STROKE}`);
const out = await page.evaluate(async (n) => {
  const probe = window.__drawProbe;
  const handler = [];
  const lastAfterEnd = [];
  for (let i = 0; i < n; i++) {
    const end = await window.__drawStroke(i, (ms) => handler.push(ms));
    await new Promise((res) => setTimeout(res, 400));
    lastAfterEnd.push([probe.sends.at(-1) - end, probe.answers.at(-1) - end]);
  }
  const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return +s[Math.min(s.length - 1, Math.floor(q * s.length))].toFixed(2); };
  const summary = (all) => { const xs = all.filter(Number.isFinite); return { p50: quantile(xs, 0.5), p95: quantile(xs, 0.95), n: xs.length }; };
  return {
    handler_ms: summary(handler),
    round_trip_ms: summary(probe.roundTrips),
    answer_handling_ms: summary(probe.handling),
    last_answer_after_end_ms: summary(lastAfterEnd.map(([, answer]) => answer)),
    last_after_end_ms: lastAfterEnd.map((pair) => pair.map((x) => +x.toFixed(1))),
  };
}, Number(strokes));
console.log(JSON.stringify({ backend, css: process.env.PROBE_CSS ?? null, pad_in_view: !process.env.PROBE_OFFSCREEN, ...out }));
await browser.close();
await server.close();
