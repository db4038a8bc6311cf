/**
 * Statements in SQLite. A statement id is stored once: the same statement sent
 * again changes nothing, a different one under the same id is a conflict, so
 * clients can resend a whole batch after any failure.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { agentKey, sameStatement } from '../../core/xapi/validate';
import { migrate } from './migrations';

type Json = Record<string, unknown>;

export class ConflictError extends Error {
  constructor(readonly id: string) {
    super(`A different statement with id ${id} is already stored`);
    this.name = 'ConflictError';
  }
}

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

const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';

interface Row {
  seq: number;
  body: string;
}

/** The hub's SQLite database, migrated to the current schema; statements and state share it. */
export function openHubDatabase(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  migrate(db);
  return db;
}

export class StatementStore {
  constructor(private readonly db: Database.Database) {}

  /** Closes the shared database, so the hub's other stores with it. */
  close(): void {
    this.db.close();
  }

  /**
   * Stores statements all-or-nothing. Each gets an id if it has none, and the
   * hub's own `stored` time and `version`; the device's `timestamp` is kept as sent.
   */
  insert(statements: readonly Json[], authority?: Json): string[] {
    const stored = new Date().toISOString();
    const find = this.db.prepare('SELECT body FROM statements WHERE id = ?');
    const add = this.db.prepare(
      `INSERT INTO statements (id, stored, timestamp, verb, actor_key, object_agent_key, activity, registration, voids, body)
       VALUES (@id, @stored, @timestamp, @verb, @actorKey, @objectAgentKey, @activity, @registration, @voids, @body)`,
    );
    const voidTarget = this.db.prepare('UPDATE statements SET voided = 1 WHERE id = ? AND verb != ?');
    const ids: string[] = [];
    const seen = new Map<string, Json>();
    this.db.transaction(() => {
      for (const input of statements) {
        const id = typeof input.id === 'string' ? input.id.toLowerCase() : randomUUID();
        const earlier = seen.get(id);
        if (earlier) {
          if (!sameStatement(earlier, input)) throw new ConflictError(id);
          ids.push(id);
          continue;
        }
        const existing = find.get(id) as { body: string } | undefined;
        if (existing) {
          if (!sameStatement(JSON.parse(existing.body) as Json, { ...input, id })) throw new ConflictError(id);
          ids.push(id);
          continue;
        }
        const statement: Json = { ...input, id, stored, timestamp: input.timestamp ?? stored, version: input.version ?? '2.0.0', ...(authority && !input.authority ? { authority } : {}) };
        const object = statement.object as Json;
        const verb = (statement.verb as Json).id as string;
        const context = statement.context as Json | undefined;
        add.run({
          id,
          stored,
          timestamp: statement.timestamp,
          verb,
          actorKey: agentKey(statement.actor),
          objectAgentKey: object.objectType === 'Agent' || object.objectType === 'Group' ? agentKey(object) : null,
          activity: object.objectType === undefined || object.objectType === 'Activity' ? (object.id as string) : null,
          registration: typeof context?.registration === 'string' ? context.registration.toLowerCase() : null,
          voids: verb === VOIDED ? String(object.id).toLowerCase() : null,
          body: JSON.stringify(statement),
        });
        // A voiding statement cannot itself be voided.
        if (verb === VOIDED) voidTarget.run(String(object.id).toLowerCase(), VOIDED);
        seen.set(id, statement);
        ids.push(id);
      }
    })();
    return ids;
  }

  /** One statement; a voided one only when asked for as voided. */
  get(id: string, voided: boolean): Json | null {
    const row = this.db.prepare('SELECT body, voided FROM statements WHERE id = ?').get(id.toLowerCase()) as { body: string; voided: number } | undefined;
    if (!row || Boolean(row.voided) !== voided) return null;
    return JSON.parse(row.body) as Json;
  }

  query(f: StatementFilter): StatementPage {
    const where = ['voided = 0'];
    const args: Record<string, unknown> = {};
    const add = (clause: string, name: string, value: unknown): void => {
      where.push(clause);
      args[name] = value;
    };
    if (f.agentKey) add('(actor_key = @agent OR object_agent_key = @agent)', 'agent', f.agentKey);
    if (f.verb) add('verb = @verb', 'verb', f.verb);
    if (f.activity) add('activity = @activity', 'activity', f.activity);
    if (f.registration) add('registration = @registration', 'registration', f.registration.toLowerCase());
    if (f.since) add('stored > @since', 'since', f.since);
    if (f.until) add('stored <= @until', 'until', f.until);
    if (f.after !== undefined) add(f.ascending ? 'seq > @after' : 'seq < @after', 'after', f.after);
    if (f.actors) add('actor_key IN (SELECT value FROM json_each(@actors))', 'actors', JSON.stringify(f.actors));
    const sql = `SELECT seq, body FROM statements WHERE ${where.join(' AND ')} ORDER BY seq ${f.ascending ? 'ASC' : 'DESC'} LIMIT @limit`;
    const rows = this.db.prepare(sql).all({ ...args, limit: f.limit + 1 }) as Row[];
    const page = rows.slice(0, f.limit);
    return { statements: page.map((r) => JSON.parse(r.body) as Json), next: rows.length > f.limit ? (page.at(-1)?.seq ?? null) : null };
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM statements').get() as { n: number }).n;
  }
}
