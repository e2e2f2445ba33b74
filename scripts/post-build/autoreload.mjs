// `trunk serve` appends an inline live-reload script to the page and fills in its dev-server
// address when it serves the page, so no hash computed at build time can match it. In serve
// builds it is moved to its own file (allowed by script-src 'self'), which finds the server
// from its own URL, as Trunk's script does when it is not given an address.
const SCRIPT = /<script\b[^>]*>(\s*"use strict";[\s\S]*?\{\{__TRUNK_ADDRESS__\}\}[\s\S]*?)<\/script>/;

/** Whether `html` carries Trunk's live-reload script (a `trunk serve` build). */
export const hasAutoreload = (html) => SCRIPT.test(html);

/** The marker telling the page not to register the service worker (see src/ui/service_worker.rs). */
export const NO_SERVICE_WORKER = '<meta name="replab-service-worker" content="off" />';

/**
 * `{ html, script }`: the page loading `file` instead, and that file's text. The page also gets
 * NO_SERVICE_WORKER: development never registers the offline cache.
 */
export function externalise(html, file) {
  const [whole, text] = html.match(SCRIPT);
  const script = text
    .replace(/(["'`])\{\{__TRUNK_ADDRESS__\}\}\1/g, 'window.location.host')
    // The dev server's base: where this page (and so this script) is served from.
    .replace(/(["'`])\{\{__TRUNK_WS_BASE__\}\}\1/g, 'new URL(".", document.currentScript.src).pathname');
  const page = html.replace(whole, () => `<script src="./${file}"></script>`).replace('</head>', () => `  ${NO_SERVICE_WORKER}\n</head>`);
  return { html: page, script };
}
