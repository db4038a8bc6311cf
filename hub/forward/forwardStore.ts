/**
 * What forwarding keeps in the hub's own database, beside the statements: per
 * upstream, the position up to which the upstream has confirmed (or refused) the
 * statements, and the refused ones. The position is `seq`, the order in which
 * statements became visible on this hub (see statementStore.ts and pgStore.ts):
 * new statements always get a higher `seq`, so reading "after the checkpoint"
 * misses none. (`stored` alone could not say this: a later batch may share the
 * last batch's millisecond.)
 */
import type { AttachmentContent } from '../lrs/store';

export interface ForwardRow {
  readonly seq: number;
  readonly id: string;
  readonly stored: string;
  /** The statement as stored here (JSON). */
  readonly body: string;
}

export interface Checkpoint {
  /** 0 when nothing was forwarded to this upstream yet. */
  readonly lastSeq: number;
  readonly lastStored: string | null;
  readonly lastId: string | null;
  readonly updated: string | null;
}

export interface HeldForward {
  readonly id: string;
  readonly seq: number;
  readonly code: 'conflict' | 'rejected';
  /** The upstream's reason, as it gave it. */
  readonly reason: string;
  /** How many times the upstream refused it. */
  readonly refusals: number;
  /** ISO time from which it is sent again on its own; '' once released. */
  readonly retryAt: string;
}

export interface HeldRecord extends HeldForward {
  /** When the upstream last refused it. */
  readonly heldAt: string;
}

/** A held statement due to be sent again, with what a round needs to send it. */
export interface DueRow extends ForwardRow {
  readonly refusals: number;
}

export interface Release {
  /** The held statements now due to be sent again. */
  readonly released: readonly string[];
  /** Ids asked for that are not held for this upstream. */
  readonly unknown: readonly string[];
}

export interface ForwardStore {
  checkpoint(upstream: string): Promise<Checkpoint>;
  /** The highest `seq` visible now (0 when there is no statement). */
  lastSeq(): Promise<number>;
  /** Statements after `afterSeq`, up to and including `untilSeq`, in stored order; voided ones too, they are records as well. */
  rowsAfter(afterSeq: number, untilSeq: number, limit: number): Promise<ForwardRow[]>;
  countAfter(afterSeq: number): Promise<number>;
  /**
   * Moves the upstream's checkpoint to `to` and records `held`, in one transaction.
   * A checkpoint never moves back: two hub processes forwarding at once cannot undo each other.
   */
  advance(upstream: string, to: ForwardRow, held: readonly HeldForward[]): Promise<void>;
  held(upstream: string): Promise<HeldRecord[]>;
  /** Held statements whose `retryAt` is not after `now` (ISO), in stored order. */
  heldDue(upstream: string, now: string, limit: number): Promise<DueRow[]>;
  /** After held statements were sent again: forgets those the upstream took, records those it refused again. */
  settleHeld(upstream: string, sent: readonly string[], refused: readonly HeldForward[]): Promise<void>;
  /** Makes held statements due at once: those named (lower-case ids), or all of the upstream's when `ids` is empty. */
  release(upstream: string, ids: readonly string[]): Promise<Release>;
  /** Stored attachment contents among these SHA-2s (unknown ones left out). */
  attachments(sha2s: readonly string[]): Promise<AttachmentContent[]>;
  close(): Promise<void>;
}

export const NO_CHECKPOINT: Checkpoint = { lastSeq: 0, lastStored: null, lastId: null, updated: null };
