/**
 * What forwarding keeps in the hub's own database, beside the statements: per
 * upstream, the position up to which the upstream has confirmed (or refused) the
 * statements, and the refused ones. The position is `seq`, the order in which
 * statements became visible on this hub (see statementStore.ts and pgStore.ts):
 * new statements always get a higher `seq`, so reading "after the checkpoint"
 * misses none. (`stored` alone could not say this: a later batch may share the
 * last batch's millisecond.)
 */
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
}

export interface HeldRecord extends HeldForward {
  readonly heldAt: string;
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
  close(): Promise<void>;
}

export const NO_CHECKPOINT: Checkpoint = { lastSeq: 0, lastStored: null, lastId: null, updated: null };
