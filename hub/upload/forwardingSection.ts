/**
 * The upload page's "Forwarding" section: where this hub passes its records on,
 * what waits, how the last round went, and the statements the upstream refused.
 * Reasons and problems come from the upstream, so every value is escaped, and
 * control and bidirectional characters are dropped so a reason cannot disguise itself.
 */
import { checkpointWords, nextTryWords, problemWords, refusalWords, releaseCommand, type ForwardingSnapshot, type TimeWords } from '../forward/forwardReport';
import type { HeldRecord } from '../forward/forwardStore';
import { escapeHtml } from './html';

/** What the page knows about forwarding when it is made. */
export type ForwardingView =
  | { readonly kind: 'off' }
  | { readonly kind: 'on'; readonly snapshot: ForwardingSnapshot }
  | { readonly kind: 'unreadable'; readonly detail: string };

/** More would make the page heavy on a trainer's phone; forward-status lists them all. */
export const MAX_HELD_SHOWN = 100;

const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const shown = (c: string): boolean => c.charCodeAt(0) >= 0x20 && !(c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f) && !BIDI.test(c);
const text = (value: string): string => escapeHtml(Array.from(value).filter(shown).join(''));
const sentence = (words: string): string => `${words.charAt(0).toUpperCase()}${words.slice(1)}${/[.?!]$/.test(words) ? '' : '.'}`;
const records = (n: number): string => `${n} ${n === 1 ? 'record' : 'records'}`;

function span(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 90) return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hours`;
  return `${Math.round(hours / 24)} days`;
}

/** "2026-11-27 08:00 UTC (5 minutes ago)": the page has no script to show the reader's own time zone. */
export function readableTime(nowMs: number): TimeWords {
  return (iso) => {
    const at = Date.parse(iso);
    if (Number.isNaN(at)) return iso;
    const when = `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    return `${when} (${at <= nowMs ? `${span(nowMs - at)} ago` : `in ${span(at - nowMs)}`})`;
  };
}

const OFF = `<p>This hub does not forward its records to another hub. To pass them on to a district or ministry hub, start it with <code>--forward-to</code> and the upstream’s address or enrolment code, for example <code>npx baraza hub --data DIR --forward-to https://hub.ministry.example/xapi/</code>.</p>`;

function roundHtml(snapshot: ForwardingSnapshot, time: TimeWords): string {
  const round = snapshot.lastRound;
  if (!round?.lastRound) return `<li>No round has finished yet since the hub started; the first begins within seconds.</li>`;
  const success = round.lastSuccess ? `The last round that went well ended ${time(round.lastSuccess)}.` : 'No round has gone well since the hub started.';
  const problem = round.error
    ? `<li class="problem">${text(sentence(`The last round stopped because ${problemWords(round.error, round.detail)}`))} The hub tries again by itself, waiting a little longer each time (at most 15 minutes); nothing is lost meanwhile.</li>`
    : '';
  return `<li>${text(success)}</li>${problem}`;
}

function heldRow(h: HeldRecord, time: TimeWords): string {
  return `<tr><td><code>${text(h.id)}</code></td><td>${text(h.reason)}</td><td>${text(`${time(h.heldAt)}, ${refusalWords(h)}`)}</td><td>${text(sentence(nextTryWords(h, time)))}</td></tr>`;
}

function heldHtml(snapshot: ForwardingSnapshot, time: TimeWords): string {
  const { held, args } = snapshot;
  if (held.length === 0) return '<p>The upstream has refused none of this hub’s records.</p>';
  const shown = held.slice(0, MAX_HELD_SHOWN);
  const more = held.length > shown.length ? `<p class="note">${held.length - shown.length} more are held; <code>npx baraza hub forward-status ${text(args)}</code> on the hub’s computer lists them all.</p>` : '';
  return `<h3>Held: refused by the upstream</h3>
<p>The upstream refused ${held.length === 1 ? 'this record' : `these ${held.length} records`}. ${held.length === 1 ? 'It stays' : 'They stay'} on this hub and ${held.length === 1 ? 'goes' : 'go'} again on ${held.length === 1 ? 'its' : 'their'} own later. Once whoever runs the upstream has fixed the cause, run this on the hub’s computer to send ${held.length === 1 ? 'it' : 'them'} in the next round:</p>
<pre><code>${text(releaseCommand(args))}</code></pre>
<p class="note">Add <code>--id</code> and a record’s id to send only that one.</p>
<table><thead><tr><th>Record</th><th>The upstream’s reason</th><th>Held</th><th>Next try</th></tr></thead>
<tbody>${shown.map((h) => heldRow(h, time)).join('')}</tbody></table>${more}`;
}

function onHtml(snapshot: ForwardingSnapshot, time: TimeWords): string {
  const waiting = snapshot.waiting === 0 ? 'Nothing is waiting: every record stored here has gone to the upstream or is held below.' : `${records(snapshot.waiting)} ${snapshot.waiting === 1 ? 'waits' : 'wait'} to go to the upstream.`;
  return `<p>This hub passes every record on to <code>${text(snapshot.upstream)}</code> whenever it can reach it.</p>
<ul><li>${text(waiting)}</li><li>${text(sentence(checkpointWords(snapshot.checkpoint, time)))}</li>${roundHtml(snapshot, time)}</ul>
${heldHtml(snapshot, time)}`;
}

export function forwardingSection(view: ForwardingView, nowMs: number): string {
  const body =
    view.kind === 'off'
      ? OFF
      : view.kind === 'unreadable'
        ? `<p>${text(`The forwarding state could not be read from this hub’s records just now (${view.detail}). Reload the page in a moment; if it keeps failing, check that the hub’s database is reachable.`)}</p>`
        : onHtml(view.snapshot, readableTime(nowMs));
  return `<section class="forwarding" aria-labelledby="forwarding"><h2 id="forwarding">Forwarding</h2>\n${body}</section>`;
}
