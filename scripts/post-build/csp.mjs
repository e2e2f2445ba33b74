// The page's Content-Security-Policy lives in a <meta http-equiv> in index.html. Trunk loads the
// wasm with an inline module <script>, so script-src gets that script's SHA-256 (computed from
// the built page) instead of 'unsafe-inline'.
import { createHash } from 'node:crypto';

const META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/gi;
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;

/** The CSP source (`'sha256-…'`) allowing one inline script's exact text. */
export const scriptHash = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The text of every inline (no `src`) script in `html`. */
export function inlineScripts(html) {
  return [...html.matchAll(SCRIPT)].filter(([, attrs]) => !/\bsrc\s*=/i.test(attrs)).map(([, , text]) => text);
}

/** The page's one CSP meta `content`; throws when there is none or more than one. */
export function cspOf(html) {
  const metas = [...html.matchAll(META)];
  if (metas.length !== 1) throw new Error(`index.html must have exactly one CSP <meta>, found ${metas.length}`);
  return metas[0][1];
}

/** The CSP as a map from directive name to its sources. */
export function parseCsp(policy) {
  return new Map(policy.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...sources] = d.split(/\s+/);
    return [name.toLowerCase(), sources];
  }));
}

/** `html` with the hash of each inline script added to the CSP meta's script-src. */
export function withScriptHashes(html) {
  const policy = parseCsp(cspOf(html));
  const scriptSrc = policy.get('script-src');
  if (!scriptSrc) throw new Error("the CSP <meta> in index.html has no script-src");
  for (const hash of inlineScripts(html).map(scriptHash)) {
    if (!scriptSrc.includes(hash)) scriptSrc.push(hash);
  }
  const content = [...policy].map(([name, sources]) => [name, ...sources].join(' ')).join('; ');
  return html.replace(META, () => `<meta http-equiv="Content-Security-Policy" content="${content}" />`);
}
