/**
 * Who may use the hub. Each device or trainer hub is a client with a key and a
 * secret (HTTP Basic, as xAPI expects). A client sees only the learners whose
 * statements it sent; an admin client sees all. Secrets are kept only as salted
 * scrypt hashes. The rules live here once; each engine only keeps the rows.
 */
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ClientRepository } from './store';

export interface Client {
  readonly key: string;
  readonly name: string;
  readonly admin: boolean;
}

export interface NewClient extends Client {
  /** Shown once, when the client is made. */
  readonly secret: string;
}

export interface ClientRow extends Client {
  readonly salt: string;
  /** Hex scrypt hash of the secret. */
  readonly secretHash: string;
  readonly created: string;
}

/** The rows an engine keeps for clients and the learners each has sent. */
export interface ClientTable {
  insert(row: ClientRow): Promise<void>;
  count(): Promise<number>;
  find(key: string): Promise<ClientRow | null>;
  /** Adds the pairs that are missing; a pair already there is no error. */
  enrol(clientKey: string, agentKeys: readonly string[]): Promise<void>;
  isEnrolled(clientKey: string, agentKey: string): Promise<boolean>;
  learners(clientKey: string): Promise<string[]>;
}

const SCRYPT = { N: 2 ** 14, r: 8, p: 1 } as const;
/** How many credentials, and how many client–learner pairs, a hub process remembers before it starts afresh. */
const CACHE_LIMIT = 1000;
const PAIR_LIMIT = 100_000;

function hashSync(secret: string, salt: string): Buffer {
  return scryptSync(secret, salt, 32, SCRYPT);
}

/** scrypt off the event loop: a wrong secret costs the hub no time for other requests. */
function hashAsync(secret: string, salt: string): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(secret, salt, 32, SCRYPT, (err, key) => (err ? reject(err) : resolve(key))));
}

function newSecret(name: string, admin: boolean): { client: NewClient; salt: string } {
  if (!name.trim() || name.length > 200) throw new Error('A client needs a name of 1 to 200 characters');
  const client = { key: randomBytes(12).toString('hex'), name: name.trim(), admin, secret: randomBytes(24).toString('base64url') };
  return { client, salt: randomBytes(16).toString('hex') };
}

function parseBasic(header: string | undefined): { key: string; secret: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const at = decoded.indexOf(':');
  return at < 1 ? null : { key: decoded.slice(0, at), secret: decoded.slice(at + 1) };
}

/** The client rules over any engine's rows. */
export class ClientAccess implements ClientRepository {
  private readonly cache = new Map<string, Client>();
  /**
   * Client–learner pairs known to be enrolled. Nothing ever removes an enrolment, so a
   * pair seen once stays true, whichever hub process wrote it; a device then enrols nothing anew.
   */
  private readonly enrolled = new Map<string, Set<string>>();
  private pairs = 0;

  constructor(private readonly table: ClientTable) {}

  async add(name: string, admin = false): Promise<NewClient> {
    const { client, salt } = newSecret(name, admin);
    const secretHash = (await hashAsync(client.secret, salt)).toString('hex');
    await this.table.insert({ key: client.key, name: client.name, admin, salt, secretHash, created: new Date().toISOString() });
    return client;
  }

  count(): Promise<number> {
    return this.table.count();
  }

  async authenticate(header: string | undefined): Promise<Client | null> {
    const given = parseBasic(header);
    if (!given) return null;
    const cacheKey = `${given.key}:${given.secret}`;
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    const row = await this.table.find(given.key);
    // A missing key costs a hash too, so timing does not tell which keys exist.
    const expected = row ? Buffer.from(row.secretHash, 'hex') : randomBytes(32);
    const ok = timingSafeEqual(expected, await hashAsync(given.secret, row?.salt ?? 'no-such-client')) && row !== null;
    if (!ok || !row) return null;
    // Only successes are remembered: a client added by another hub process must not stay refused here.
    if (this.cache.size > CACHE_LIMIT) this.cache.clear();
    const client = { key: row.key, name: row.name, admin: row.admin };
    this.cache.set(cacheKey, client);
    return client;
  }

  async enrol(client: Client, agentKeys: readonly string[]): Promise<void> {
    if (client.admin || agentKeys.length === 0) return;
    const known = this.enrolled.get(client.key);
    const missing = [...new Set(agentKeys.filter((k) => !known?.has(k)))];
    if (missing.length === 0) return;
    await this.table.enrol(client.key, missing);
    this.remember(client.key, missing);
  }

  async mayAccess(client: Client, agentKey: string): Promise<boolean> {
    if (client.admin || this.enrolled.get(client.key)?.has(agentKey)) return true;
    const enrolled = await this.table.isEnrolled(client.key, agentKey);
    if (enrolled) this.remember(client.key, [agentKey]);
    return enrolled;
  }

  private remember(clientKey: string, agentKeys: readonly string[]): void {
    if (this.pairs + agentKeys.length > PAIR_LIMIT) {
      this.enrolled.clear();
      this.pairs = 0;
    }
    const known = this.enrolled.get(clientKey) ?? new Set<string>();
    this.enrolled.set(clientKey, known);
    for (const k of agentKeys) {
      if (!known.has(k)) this.pairs++;
      known.add(k);
    }
  }

  async learnersOf(client: Client): Promise<string[]> {
    return this.table.learners(client.key);
  }
}

/**
 * Clients in the SQLite file, synchronously: the SQLite engine's ClientTable
 * sits on it, and single-process tools and tests may use it directly.
 */
export class ClientRegistry {
  constructor(private readonly db: Database.Database) {}

  add(name: string, admin = false): NewClient {
    const { client, salt } = newSecret(name, admin);
    this.insert({ key: client.key, name: client.name, admin, salt, secretHash: hashSync(client.secret, salt).toString('hex'), created: new Date().toISOString() });
    return client;
  }

  insert(row: ClientRow): void {
    this.db
      .prepare('INSERT INTO clients (key, name, salt, secret_hash, admin, created) VALUES (?, ?, ?, ?, ?, ?)')
      .run(row.key, row.name, row.salt, row.secretHash, row.admin ? 1 : 0, row.created);
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM clients').get() as { n: number }).n;
  }

  find(key: string): ClientRow | null {
    const row = this.db.prepare('SELECT key, name, salt, secret_hash, admin, created FROM clients WHERE key = ?').get(key) as
      | { key: string; name: string; salt: string; secret_hash: string; admin: number; created: string }
      | undefined;
    return row ? { key: row.key, name: row.name, salt: row.salt, secretHash: row.secret_hash, admin: row.admin === 1, created: row.created } : null;
  }

  enrol(client: Client, agentKeys: readonly string[]): void {
    if (client.admin) return;
    const add = this.db.prepare('INSERT OR IGNORE INTO client_learners (client_key, agent_key) VALUES (?, ?)');
    this.db.transaction(() => {
      for (const k of agentKeys) add.run(client.key, k);
    })();
  }

  mayAccess(client: Client, agentKey: string): boolean {
    if (client.admin) return true;
    return this.db.prepare('SELECT 1 FROM client_learners WHERE client_key = ? AND agent_key = ?').get(client.key, agentKey) !== undefined;
  }

  learnersOf(client: Client): string[] {
    return (this.db.prepare('SELECT agent_key FROM client_learners WHERE client_key = ? ORDER BY agent_key').all(client.key) as { agent_key: string }[]).map((r) => r.agent_key);
  }
}

/** The one string a device needs: where the hub is, and its key and secret. */
export function enrolmentCode(endpoint: string, client: NewClient): string {
  return `baraza-enrol:${Buffer.from(JSON.stringify({ endpoint, key: client.key, secret: client.secret })).toString('base64url')}`;
}
