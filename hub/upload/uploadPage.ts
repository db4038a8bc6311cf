/**
 * The hub's upload page, as plain HTML: a form to pick a USB sync bundle, and
 * the answer to an upload in plain words. No script; the only style sits in the
 * page and is allowed by its hash, so the Content-Security-Policy can forbid
 * everything else.
 */
import { createHash } from 'node:crypto';
import { forwardingSection, type ForwardingView } from './forwardingSection';
import { escapeHtml } from './html';

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}' +
  'h1{font-size:1.4rem}.ok{border-left:4px solid #2e7d32;padding-left:.75rem}.refused{border-left:4px solid #b3261e;padding-left:.75rem}' +
  'form{margin:1.5rem 0;padding:1rem;border:1px solid #ccc;border-radius:6px}label{display:block;font-weight:600;margin-bottom:.5rem}' +
  'button{margin-top:1rem;font-size:1rem;padding:.4rem 1.2rem}.note{color:#555;font-size:.9rem}' +
  '.forwarding{margin-top:2rem;padding-top:.5rem;border-top:1px solid #ccc}.problem{color:#b3261e}' +
  'pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f4f4f4;padding:.5rem}' +
  'table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;vertical-align:top;padding:.3rem;border-bottom:1px solid #ddd;overflow-wrap:anywhere}';

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // Keeps the Origin header on the form's POST, which the hub checks.
  'Referrer-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

const records = (n: number): string => `${n} ${n === 1 ? 'record' : 'records'}`;

export interface PageOptions {
  /** The form's token; without one the page carries no form (the visitor may not upload). */
  readonly token?: string;
  readonly maxBytes: number;
  /** Shown below the form to a visitor who may upload; left out on pages that refuse the visitor. */
  readonly forwarding?: { readonly view: ForwardingView; readonly nowMs: number };
}

/** What the page says above the form: the answer to an upload, or nothing on a first visit. */
export type Outcome =
  | { readonly kind: 'imported'; readonly file: string; readonly received: number; readonly added: number; readonly alreadyHad: number }
  | { readonly kind: 'refused'; readonly title: string; readonly reason: string };

function outcomeHtml(outcome: Outcome): string {
  if (outcome.kind === 'refused') {
    return `<div class="refused" role="alert"><h1>${escapeHtml(outcome.title)}</h1><p>${escapeHtml(outcome.reason)}</p><p>Nothing on the hub was changed.</p></div>`;
  }
  const { file, received, added, alreadyHad } = outcome;
  const detail =
    received === 0
      ? 'It held no records.'
      : added === 0
        ? `${received === 1 ? 'Its record was' : `All ${received} records were`} already on this hub; nothing needed adding.`
        : `It held ${records(received)}: ${added} added to this hub${alreadyHad > 0 ? `, ${alreadyHad} already here` : ''}.`;
  return `<div class="ok" role="status"><h1>Records received</h1><p>${escapeHtml(`From ${file}. ${detail}`)}</p></div>`;
}

function formHtml(token: string, maxBytes: number, first: boolean): string {
  const limit = `${Math.floor(maxBytes / (1024 * 1024))} MiB`;
  return `${first ? '<h1>Receive records from a USB stick</h1>' : '<h2>Upload another file</h2>'}
<p>Choose the sync bundle a device saved with “Save my records to a file” (its name ends in <code>.baraza-sync.json</code>), then press Upload.
Records this hub already has are counted, not stored twice. A damaged file is refused whole, so nothing is lost: copy it again and try again.</p>
<form method="post" enctype="multipart/form-data">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<label for="bundle">Sync bundle</label>
<input id="bundle" type="file" name="bundle" accept=".json,application/json" required>
<br><button type="submit">Upload</button>
</form>
<p class="note">Files up to ${limit}. For a larger file, run <code>baraza hub import-bundle FILE</code> on the hub’s computer.</p>`;
}

export function uploadPage(options: PageOptions, outcome?: Outcome): string {
  const forwarding = options.forwarding ? forwardingSection(options.forwarding.view, options.forwarding.nowMs) : '';
  const main = `${outcome ? outcomeHtml(outcome) : ''}${options.token ? formHtml(options.token, options.maxBytes, outcome === undefined) : ''}${forwarding}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Upload a sync bundle · Baraza hub</title><style>${STYLE}</style></head>
<body><main>
${main}
</main></body></html>
`;
}
