/** Attachment contents in SQLite (synchronous; sqliteStore.ts wraps it) and in PostgreSQL, one row per SHA-2. */
import type Database from 'better-sqlite3';
import type pg from 'pg';
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
    const add = this.db.prepare('INSERT OR IGNORE INTO attachments (sha2, content_type, content) VALUES (?, ?, ?)');
    this.db.transaction(() => {
      for (const a of list) add.run(a.sha2, a.contentType, a.content);
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
      // The same content under one hash, so a row another hub process wrote first is as good as ours.
      for (const a of list) await pool.query('INSERT INTO attachments (sha2, content_type, content) VALUES ($1, $2, $3) ON CONFLICT (sha2) DO NOTHING', [a.sha2, a.contentType, a.content]);
    },
    async get(sha2s) {
      await ready;
      if (sha2s.length === 0) return [];
      const { rows } = await pool.query<Row>('SELECT sha2, content_type, content FROM attachments WHERE sha2 = ANY($1::text[])', [[...new Set(sha2s)]]);
      return rows.map(fromRow);
    },
  };
}
