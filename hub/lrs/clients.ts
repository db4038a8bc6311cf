/**
 * Who may use the hub. Each device or trainer hub is a client with a key and a
 * secret (HTTP Basic, as xAPI expects). A client sees only the learners whose
 * statements it sent; an admin client sees all. Secrets are kept only as salted
 * scrypt hashes.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';

export interface Client {
  readonly key: string;
  readonly name: string;
  readonly admin: boolean;
}

export interface NewClient extends Client {
  /** Shown once, when the client is made. */
  readonly secret: string;
}

function hash(secret: string, salt: string): Buffer {
  return scryptSync(secret, salt, 32, { N: 2 ** 14, r: 8, p: 1 });
}

export class ClientRegistry {
  private readonly cache = new Map<string, Client | null>();

  constructor(private readonly db: Database.Database) {}

  add(name: string, admin = false): NewClient {
    if (!name.trim() || name.length > 200) throw new Error('A client needs a name of 1 to 200 characters');
    const key = randomBytes(12).toString('hex');
    const secret = randomBytes(24).toString('base64url');
    const salt = randomBytes(16).toString('hex');
    this.db
      .prepare('INSERT INTO clients (key, name, salt, secret_hash, admin, created) VALUES (?, ?, ?, ?, ?, ?)')
      .run(key, name.trim(), salt, hash(secret, salt).toString('hex'), admin ? 1 : 0, new Date().toISOString());
    return { key, name: name.trim(), admin, secret };
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM clients').get() as { n: number }).n;
  }

  /** The client an Authorization header names, or null when it is missing or wrong. */
  authenticate(header: string | undefined): Client | null {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
    if (!match?.[1]) return null;
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const at = decoded.indexOf(':');
    if (at < 1) return null;
    const key = decoded.slice(0, at);
    const secret = decoded.slice(at + 1);
    const cacheKey = `${key}:${secret}`;
    const cached = this.cache.get(cacheKey);
    if (cached !== undefined) return cached;
    const row = this.db.prepare('SELECT key, name, salt, secret_hash, admin FROM clients WHERE key = ?').get(key) as
      | { key: string; name: string; salt: string; secret_hash: string; admin: number }
      | undefined;
    const expected = row ? Buffer.from(row.secret_hash, 'hex') : randomBytes(32);
    const given = hash(secret, row?.salt ?? 'no-such-client');
    const ok = row !== undefined && timingSafeEqual(expected, given);
    const client = ok && row ? { key: row.key, name: row.name, admin: row.admin === 1 } : null;
    // Remembering answers keeps scrypt off the hot path; a few hundred distinct pairs at most.
    if (this.cache.size > 1000) this.cache.clear();
    this.cache.set(cacheKey, client);
    return client;
  }

  enrol(client: Client, agentKeys: readonly string[]): void {
    if (client.admin) return;
    const add = this.db.prepare('INSERT OR IGNORE INTO client_learners (client_key, agent_key) VALUES (?, ?)');
    this.db.transaction(() => {
      for (const k of agentKeys) add.run(client.key, k);
    })();
  }

  /** Whether the client may read or write records of this agent. */
  mayAccess(client: Client, agentKey: string): boolean {
    if (client.admin) return true;
    return this.db.prepare('SELECT 1 FROM client_learners WHERE client_key = ? AND agent_key = ?').get(client.key, agentKey) !== undefined;
  }

  learnersOf(client: Client): string[] {
    return (this.db.prepare('SELECT agent_key FROM client_learners WHERE client_key = ?').all(client.key) as { agent_key: string }[]).map((r) => r.agent_key);
  }
}

/** The one string a device needs: where the hub is, and its key and secret. */
export function enrolmentCode(endpoint: string, client: NewClient): string {
  return `baraza-enrol:${Buffer.from(JSON.stringify({ endpoint, key: client.key, secret: client.secret })).toString('base64url')}`;
}
