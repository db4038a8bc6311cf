/**
 * Attachment contents in SQLite (synchronous; sqliteStore.ts wraps it) and in PostgreSQL, one row per SHA-2.
 * Storing content again marks it `received` now, so a request that stores its parts and then its
 * statements is never cut short by attachmentSweep.ts, which removes old content no statement names.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { PG_NOW_ISO } from './pgMigrations';
import type { AttachmentContent, AttachmentRepository } from './store';

interface Row {
  sha2: string;
  content_type: string;
  content: Buffer;
}

const fromRow = (r: Row): AttachmentContent => ({ sha2: r.sha2, contentType: r.content_type, content: r.content });

export class SqliteAttachments {
  constructor(private readonly db: Database.Database) {}

  put(list: readonly AttachmentContent[]): void {
    // The same content under one hash: the first copy stays, only the time it was last received moves.
    const add = this.db.prepare('INSERT INTO attachments (sha2, content_type, content, received) VALUES (?, ?, ?, ?) ON CONFLICT (sha2) DO UPDATE SET received = excluded.received');
    const now = new Date().toISOString();
    this.db.transaction(() => {
      for (const a of list) add.run(a.sha2, a.contentType, a.content, now);
    })();
  }

  get(sha2s: readonly string[]): AttachmentContent[] {
    const find = this.db.prepare('SELECT sha2, content_type, content FROM attachments WHERE sha2 = ?');
    return [...new Set(sha2s)].map((s) => find.get(s) as Row | undefined).filter((r): r is Row => r !== undefined).map(fromRow);
  }
}

export function createPgAttachments(pool: pg.Pool, ready: Promise<void>): AttachmentRepository {
  return {
    async put(list) {
      await ready;
      // A row another hub process wrote first is as good as ours; it is only marked as received again.
      for (const a of list) {
        await pool.query(`INSERT INTO attachments (sha2, content_type, content, received) VALUES ($1, $2, $3, ${PG_NOW_ISO}) ON CONFLICT (sha2) DO UPDATE SET received = EXCLUDED.received`, [a.sha2, a.contentType, a.content]);
      }
    },
    async get(sha2s) {
      await ready;
      if (sha2s.length === 0) return [];
      const { rows } = await pool.query<Row>('SELECT sha2, content_type, content FROM attachments WHERE sha2 = ANY($1::text[])', [[...new Set(sha2s)]]);
      return rows.map(fromRow);
    },
  };
}
