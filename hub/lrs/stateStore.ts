/**
 * xAPI State documents in SQLite: opaque bytes with their Content-Type, keyed by
 * activity, agent, registration and stateId. Shares the statements' connection,
 * so the hub's one close() closes both. Writes are compare-and-swap (see
 * StateRepository in store.ts).
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { StateDocument, StateKey, StateScope } from './store';

export type { StateDocument, StateKey, StateScope } from './store';

export function etagOf(content: Buffer | string): string {
  return `"${createHash('sha1').update(content).digest('hex')}"`;
}

interface Row {
  content: Buffer;
  content_type: string;
  etag: string;
  updated: string;
}

const KEY = 'activity_id = ? AND agent_key = ? AND registration = ? AND state_id = ?';
const keyArgs = (key: StateKey): string[] => [key.activityId, key.agentKey, key.registration ?? '', key.stateId];

export class StateStore {
  constructor(private readonly db: Database.Database) {}

  get(key: StateKey): StateDocument | null {
    const row = this.db.prepare(`SELECT content, content_type, etag, updated FROM state_documents WHERE ${KEY}`).get(...keyArgs(key)) as Row | undefined;
    return row ? { content: row.content, contentType: row.content_type, etag: row.etag, updated: row.updated } : null;
  }

  /** Stores the document if the stored one is still `expected` (null: none); null when it was not. */
  write(key: StateKey, expected: StateDocument | null, content: Buffer, contentType: string): StateDocument | null {
    const doc: StateDocument = { content, contentType, etag: etagOf(content), updated: new Date().toISOString() };
    const changes = expected
      ? this.db
          .prepare(`UPDATE state_documents SET content = ?, content_type = ?, etag = ?, updated = ? WHERE ${KEY} AND etag = ? AND content_type = ?`)
          .run(content, contentType, doc.etag, doc.updated, ...keyArgs(key), expected.etag, expected.contentType).changes
      : this.db
          .prepare(
            `INSERT INTO state_documents (activity_id, agent_key, registration, state_id, content, content_type, etag, updated)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
          )
          .run(...keyArgs(key), content, contentType, doc.etag, doc.updated).changes;
    return changes === 1 ? doc : null;
  }

  /** Deletes the document if it is still `expected`; false when it was not. */
  remove(key: StateKey, expected: StateDocument): boolean {
    return this.db.prepare(`DELETE FROM state_documents WHERE ${KEY} AND etag = ? AND content_type = ?`).run(...keyArgs(key), expected.etag, expected.contentType).changes === 1;
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
