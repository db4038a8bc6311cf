/**
 * What forwarding to one upstream has come to, read from the hub's own records,
 * and the words for it: `baraza hub forward-status` prints it and the upload page
 * shows it, so both say the same thing. Reading it never contacts the upstream.
 */
import type { SyncErrorCode } from '../../core/sync/protocol';
import type { ForwardStatus } from './forwarder';
import type { Checkpoint, ForwardStore, HeldRecord } from './forwardStore';

export interface ForwardReport {
  /** The upstream's address, without credentials. */
  readonly upstream: string;
  readonly checkpoint: Checkpoint;
  /** Statements stored here after the checkpoint. */
  readonly waiting: number;
  readonly held: readonly HeldRecord[];
}

/** What the upload page shows: the report, how to name this hub on the command line, and the running forwarder's last round. */
export interface ForwardingSnapshot extends ForwardReport {
  /** `--forward-to URL [--data DIR]`, as a person would type it again. */
  readonly args: string;
  /** Kept in memory by the running forwarder; undefined before its first round ends. */
  readonly lastRound?: ForwardStatus;
}

/** How the upload page learns about forwarding; the hub passes none when it does not forward. */
export type ForwardingSource = () => Promise<ForwardingSnapshot>;

export const PROBLEMS: Readonly<Record<SyncErrorCode, string>> = {
  offline: 'the upstream cannot be reached',
  server: 'the upstream is failing or gave an answer that cannot be trusted',
  auth: 'the upstream refused the key and secret (check --forward-key and --forward-secret)',
  conflict: 'the upstream holds different statements under these ids',
  rejected: 'the upstream refuses these statements',
};

/** An address as it may be shown: an enrolment code's endpoint could carry a key and secret of its own. */
export function withoutCredentials(address: string): string {
  try {
    const url = new URL(address);
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return address;
  }
}

// A folder with spaces or quotes must survive being pasted into a shell.
const shellWord = (word: string): string => (/^[\w./:@%+=,~-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

/** The options that name an upstream and this hub's records, as `forward-status` and `forward-release` take them. */
export function forwardArgs(upstream: string, dataDir?: string): string {
  return `--forward-to ${shellWord(withoutCredentials(upstream))}${dataDir ? ` --data ${shellWord(dataDir)}` : ''}`;
}

export const releaseCommand = (args: string): string => `npx baraza hub forward-release ${args}`;

/** How an ISO time is shown: as it is for the command line; the page makes it easier to read. */
export type TimeWords = (iso: string) => string;
const asIs: TimeWords = (iso) => iso;

export const checkpointWords = (c: Checkpoint, time: TimeWords = asIs): string =>
  c.lastId ? `last forwarded: statement ${c.lastId}, stored ${c.lastStored ? time(c.lastStored) : '?'}, at ${c.updated ? time(c.updated) : '?'}` : 'nothing forwarded yet';

export const refusalWords = (h: HeldRecord): string => `refused ${h.refusals === 1 ? 'once' : `${h.refusals} times`}`;

export const nextTryWords = (h: HeldRecord, time: TimeWords = asIs): string => (h.retryAt === '' ? 'sent again in the next round' : `tried again on its own after ${time(h.retryAt)}`);

export function problemWords(error: SyncErrorCode, detail: string | undefined): string {
  return `${PROBLEMS[error]}${detail ? `: ${detail}` : ''}`;
}

export async function readForwardReport(store: ForwardStore, upstream: string): Promise<ForwardReport> {
  const checkpoint = await store.checkpoint(upstream);
  const [waiting, held] = await Promise.all([store.countAfter(checkpoint.lastSeq), store.held(upstream)]);
  return { upstream: withoutCredentials(upstream), checkpoint, waiting, held };
}

/** The upload page's view of a running forwarder: its records, read afresh on each visit, and the last round kept in memory. */
export function forwardingSource(store: ForwardStore, upstream: string, dataDir: string | undefined, lastRound: () => ForwardStatus | undefined): ForwardingSource {
  return async () => {
    const round = lastRound();
    return { ...(await readForwardReport(store, upstream)), args: forwardArgs(upstream, dataDir), ...(round ? { lastRound: round } : {}) };
  };
}
