/**
 * State documents and client rows in PostgreSQL. Every write is one statement
 * whose WHERE or ON CONFLICT carries its own condition, so two hub processes
 * cannot both win the same compare-and-swap or enrol a learner twice.
 */
import type pg from 'pg';
import type { ClientRow, ClientTable } from './clients';
import { etagOf } from './stateStore';
import type { StateDocument, StateKey, StateRepository, StateScope } from './store';

type Query = <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<pg.QueryResult<R>>;

function queryAfter(pool: pg.Pool, ready: Promise<void>): Query {
  return async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
    await ready;
    return pool.query<R>(text, values);
  };
}

/** The database's clock as ISO 8601 with milliseconds, like Date.toISOString(). */
const NOW_ISO = `to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const KEY = 'activity_id = $1 AND agent_key = $2 AND registration = $3 AND state_id = $4';
const keyArgs = (key: StateKey): string[] => [key.activityId, key.agentKey, key.registration ?? '', key.stateId];

function scopeClause(scope: StateScope): { where: string[]; values: string[] } {
  const where = ['activity_id = $1', 'agent_key = $2'];
  const values = [scope.activityId, scope.agentKey];
  if (scope.registration !== null) {
    values.push(scope.registration);
    where.push(`registration = $${values.length}`);
  }
  return { where, values };
}

export function createPgStateRepository(pool: pg.Pool, ready: Promise<void>): StateRepository {
  const query = queryAfter(pool, ready);
  return {
    async get(key) {
      const { rows } = await query<{ content: Buffer; content_type: string; etag: string; updated: string }>(
        `SELECT content, content_type, etag, updated FROM state_documents WHERE ${KEY}`,
        keyArgs(key),
      );
      const row = rows[0];
      return row ? { content: row.content, contentType: row.content_type, etag: row.etag, updated: row.updated } : null;
    },

    async write(key, expected, content, contentType): Promise<StateDocument | null> {
      const etag = etagOf(content);
      const { rows } = expected
        ? await query<{ updated: string }>(
            `UPDATE state_documents SET content = $5, content_type = $6, etag = $7, updated = ${NOW_ISO}
             WHERE ${KEY} AND etag = $8 AND content_type = $9 RETURNING updated`,
            [...keyArgs(key), content, contentType, etag, expected.etag, expected.contentType],
          )
        : await query<{ updated: string }>(
            `INSERT INTO state_documents (activity_id, agent_key, registration, state_id, content, content_type, etag, updated)
             VALUES ($1, $2, $3, $4, $5, $6, $7, ${NOW_ISO}) ON CONFLICT DO NOTHING RETURNING updated`,
            [...keyArgs(key), content, contentType, etag],
          );
      const updated = rows[0]?.updated;
      return updated === undefined ? null : { content, contentType, etag, updated };
    },

    async remove(key, expected) {
      const result = await query(`DELETE FROM state_documents WHERE ${KEY} AND etag = $5 AND content_type = $6`, [...keyArgs(key), expected.etag, expected.contentType]);
      return result.rowCount === 1;
    },

    async ids(scope, since) {
      const { where, values } = scopeClause(scope);
      if (since !== undefined) {
        values.push(since);
        where.push(`updated > $${values.length}`);
      }
      const { rows } = await query<{ state_id: string }>(`SELECT DISTINCT state_id FROM state_documents WHERE ${where.join(' AND ')} ORDER BY state_id`, values);
      return rows.map((r) => r.state_id);
    },

    async deleteAll(scope) {
      const { where, values } = scopeClause(scope);
      await query(`DELETE FROM state_documents WHERE ${where.join(' AND ')}`, values);
    },
  };
}

export function createPgClientTable(pool: pg.Pool, ready: Promise<void>): ClientTable {
  const query = queryAfter(pool, ready);
  return {
    async insert(row: ClientRow) {
      await query('INSERT INTO clients (key, name, salt, secret_hash, admin, created) VALUES ($1, $2, $3, $4, $5, $6)', [row.key, row.name, row.salt, row.secretHash, row.admin, row.created]);
    },
    async count() {
      const { rows } = await query<{ n: number }>('SELECT count(*)::int AS n FROM clients');
      return rows[0]?.n ?? 0;
    },
    async find(key) {
      const { rows } = await query<{ key: string; name: string; salt: string; secret_hash: string; admin: boolean; created: string }>(
        'SELECT key, name, salt, secret_hash, admin, created FROM clients WHERE key = $1',
        [key],
      );
      const row = rows[0];
      return row ? { key: row.key, name: row.name, salt: row.salt, secretHash: row.secret_hash, admin: row.admin, created: row.created } : null;
    },
    async enrol(clientKey, agentKeys) {
      await query('INSERT INTO client_learners (client_key, agent_key) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING', [clientKey, agentKeys]);
    },
    async isEnrolled(clientKey, agentKey) {
      const { rowCount } = await query('SELECT 1 FROM client_learners WHERE client_key = $1 AND agent_key = $2', [clientKey, agentKey]);
      return (rowCount ?? 0) > 0;
    },
    async learners(clientKey) {
      const { rows } = await query<{ agent_key: string }>('SELECT agent_key FROM client_learners WHERE client_key = $1 ORDER BY agent_key', [clientKey]);
      return rows.map((r) => r.agent_key);
    },
  };
}
