/**
 * xAPI State documents in SQLite: opaque bytes with their Content-Type, keyed by
 * activity, agent, registration and stateId. Shares the statements' connection,
 * so the hub's one close() closes both.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

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

export function etagOf(content: Buffer | string): string {
  return `"${createHash('sha1').update(content).digest('hex')}"`;
}

interface Row {
  content: Buffer;
  content_type: string;
  etag: string;
  updated: string;
}

export class StateStore {
  constructor(private readonly db: Database.Database) {}

  get(key: StateKey): StateDocument | null {
    const row = this.db
      .prepare('SELECT content, content_type, etag, updated FROM state_documents WHERE activity_id = ? AND agent_key = ? AND registration = ? AND state_id = ?')
      .get(key.activityId, key.agentKey, key.registration ?? '', key.stateId) as Row | undefined;
    return row ? { content: row.content, contentType: row.content_type, etag: row.etag, updated: row.updated } : null;
  }

  /** Stores or replaces one document and returns it as stored. */
  put(key: StateKey, content: Buffer, contentType: string): StateDocument {
    const doc: StateDocument = { content, contentType, etag: etagOf(content), updated: new Date().toISOString() };
    this.db
      .prepare(
        `INSERT INTO state_documents (activity_id, agent_key, registration, state_id, content, content_type, etag, updated)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (activity_id, agent_key, registration, state_id)
         DO UPDATE SET content = excluded.content, content_type = excluded.content_type, etag = excluded.etag, updated = excluded.updated`,
      )
      .run(key.activityId, key.agentKey, key.registration ?? '', key.stateId, content, contentType, doc.etag, doc.updated);
    return doc;
  }

  delete(key: StateKey): void {
    this.db
      .prepare('DELETE FROM state_documents WHERE activity_id = ? AND agent_key = ? AND registration = ? AND state_id = ?')
      .run(key.activityId, key.agentKey, key.registration ?? '', key.stateId);
  }

  /** The stateIds in a scope, optionally only those updated after `since` (ISO 8601). */
  ids(scope: StateScope, since?: string): string[] {
    const { where, args } = scopeClause(scope);
    if (since !== undefined) {
      where.push('updated > ?');
      args.push(since);
    }
    const rows = this.db.prepare(`SELECT DISTINCT state_id FROM state_documents WHERE ${where.join(' AND ')} ORDER BY state_id`).all(...args) as { state_id: string }[];
    return rows.map((r) => r.state_id);
  }

  deleteAll(scope: StateScope): void {
    const { where, args } = scopeClause(scope);
    this.db.prepare(`DELETE FROM state_documents WHERE ${where.join(' AND ')}`).run(...args);
  }
}

function scopeClause(scope: StateScope): { where: string[]; args: string[] } {
  const where = ['activity_id = ?', 'agent_key = ?'];
  const args = [scope.activityId, scope.agentKey];
  if (scope.registration !== null) {
    where.push('registration = ?');
    args.push(scope.registration);
  }
  return { where, args };
}
