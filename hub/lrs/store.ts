/**
 * The hub's storage as the server sees it: one asynchronous interface with two
 * engines behind it, SQLite (one process, a file in the data folder) and
 * PostgreSQL (several hub processes sharing one database). Both give the same
 * answers; the tests run the same suites against each.
 */
import type { Client, NewClient } from './clients';

export type Json = Record<string, unknown>;

export type EngineName = 'sqlite' | 'postgres';

export interface StatementFilter {
  readonly agentKey?: string;
  readonly verb?: string;
  readonly activity?: string;
  readonly registration?: string;
  readonly since?: string;
  readonly until?: string;
  readonly ascending?: boolean;
  readonly limit: number;
  /** Continue after this sequence number (from a `more` link). */
  readonly after?: number;
  /** When set, only statements whose actor is one of these agents (a client's own learners). */
  readonly actors?: readonly string[];
}

export interface StatementPage {
  readonly statements: Json[];
  /** Sequence number of the last statement returned when more remain. */
  readonly next: number | null;
}

export interface InsertResult {
  /** The id of each statement sent, in order (repeats included). */
  readonly ids: string[];
  /** How many were new to the store. */
  readonly added: number;
}

export interface StatementRepository {
  /**
   * Stores statements all-or-nothing: a statement already stored under its id
   * changes nothing, a different one under a stored id throws ConflictError.
   * Each new statement gets the hub's `stored` time; the order of `stored` is
   * the order in which statements became visible. `authority`, when given,
   * replaces the one a new statement was sent with (see authority.ts).
   */
  insert(statements: readonly Json[], authority?: Json): Promise<InsertResult>;
  /** One statement; a voided one only when asked for as voided. */
  get(id: string, voided: boolean): Promise<Json | null>;
  /**
   * A `stored` time up to which every statement is already visible to query().
   * Ask before querying: a statement that becomes visible later is stored after it.
   */
  consistentThrough(): Promise<string>;
  /** Statements in stored order (newest first unless ascending), voided ones left out. */
  query(filter: StatementFilter): Promise<StatementPage>;
  count(): Promise<number>;
}

/** Activity + agent, and a registration when one is named. */
export interface StateScope {
  readonly activityId: string;
  readonly agentKey: string;
  /** null means "no registration" for one document and "any registration" for many. */
  readonly registration: string | null;
}

export interface StateKey extends StateScope {
  readonly stateId: string;
}

export interface StateDocument {
  readonly content: Buffer;
  readonly contentType: string;
  /** Quoted SHA-1 hex of the content, as sent in the ETag header. */
  readonly etag: string;
  /** ISO 8601, set by the hub. */
  readonly updated: string;
}

/**
 * State documents. Writes are compare-and-swap: each names the document it
 * expects to replace (null: none), and does nothing when another request, in
 * this process or another, changed it first. The caller then reads again and
 * decides again, so If-Match and If-None-Match hold across hub processes.
 */
export interface StateRepository {
  get(key: StateKey): Promise<StateDocument | null>;
  /** Stores the document if the stored one is still `expected`; null when it was not. */
  write(key: StateKey, expected: StateDocument | null, content: Buffer, contentType: string): Promise<StateDocument | null>;
  /** Deletes the document if it is still `expected`; false when it was not. */
  remove(key: StateKey, expected: StateDocument): Promise<boolean>;
  /** The stateIds in a scope, optionally only those updated after `since` (ISO 8601), in byte order. */
  ids(scope: StateScope, since?: string): Promise<string[]>;
  deleteAll(scope: StateScope): Promise<void>;
}

/** An attachment's content, stored once per SHA-2 however many statements name it. */
export interface AttachmentContent {
  /** Lower-case hex. */
  readonly sha2: string;
  readonly contentType: string;
  readonly content: Buffer;
}

export interface AttachmentRepository {
  /** Stores each content unless one with its sha2 is stored already (same hash, same bytes). */
  put(list: readonly AttachmentContent[]): Promise<void>;
  /** The stored contents among these sha2s; unknown ones are left out. */
  get(sha2s: readonly string[]): Promise<AttachmentContent[]>;
}

/** Who may use the hub; see clients.ts for the rules. */
export interface ClientRepository {
  add(name: string, admin?: boolean): Promise<NewClient>;
  count(): Promise<number>;
  /** The client an Authorization header names, or null when it is missing or wrong. */
  authenticate(header: string | undefined): Promise<Client | null>;
  enrol(client: Client, agentKeys: readonly string[]): Promise<void>;
  /** Whether the client may read or write records of this agent. */
  mayAccess(client: Client, agentKey: string): Promise<boolean>;
  learnersOf(client: Client): Promise<string[]>;
}

export interface LrsStore {
  readonly engine: EngineName;
  /** Settles once the schema is current; every method waits for it. */
  readonly ready: Promise<void>;
  readonly statements: StatementRepository;
  readonly states: StateRepository;
  readonly attachments: AttachmentRepository;
  readonly clients: ClientRepository;
  close(): Promise<void>;
}
