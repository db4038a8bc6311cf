/**
 * A hub whose schema predates releasing held statements and removing unnamed attachment content
 * (SQLite 6, PostgreSQL 5) is brought up to date on each engine: what was held is tried once more,
 * and content that a statement names stays.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openForwardStore } from '../forward/openForwardStore';
import { describeEachEngine } from '../testing/engines';
import { makeOlderSchema } from '../testing/olderSchema';
import { sweepAttachments } from './attachmentSweep';

const UPSTREAM = 'https://ministry.example/xapi/';
const NAMED = 'a'.repeat(64);
const STRAY = 'b'.repeat(64);

/** Rows as the last release wrote them: two statements (one naming an attachment), one held, two contents. */
const ROWS = [
  `INSERT INTO statements (id, stored, timestamp, verb, body) VALUES ('s1', '2026-01-01T00:00:00.000Z', 't', 'v', '{"id":"s1","attachments":[{"sha2":"${NAMED.toUpperCase()}"}]}')`,
  `INSERT INTO statements (id, stored, timestamp, verb, body) VALUES ('s2', '2026-01-01T00:00:00.000Z', 't', 'v', '{"id":"s2"}')`,
  `INSERT INTO forward_held (upstream, statement_id, seq, code, reason, held_at) VALUES ('${UPSTREAM}', 's2', 2, 'rejected', '400 no', '2026-01-01T00:00:00.000Z')`,
  `INSERT INTO attachments (sha2, content_type, content) VALUES ('${NAMED}', 'text/plain', 'named'), ('${STRAY}', 'text/plain', 'stray')`,
];

describeEachEngine('upgrading a hub with held statements and attachment contents', (engine) => {
  it('tries what was held once more, and removes only content no statement names, after the grace', async () => {
    const own = await mkdtemp(join(tmpdir(), 'baraza-hub-upgrade-'));
    const config = await engine.fresh(own);
    try {
      await makeOlderSchema(config, { sqlite: 6, postgres: 5 }, ROWS);
      const store = openForwardStore(config);
      try {
        const [held] = await store.held(UPSTREAM);
        expect(held).toMatchObject({ id: 's2', refusals: 1, retryAt: '', heldAt: '2026-01-01T00:00:00.000Z' });
        expect((await store.heldDue(UPSTREAM, new Date().toISOString(), 10)).map((r) => r.id)).toEqual(['s2']);
        // Content from before the upgrade counts as received at the upgrade.
        expect(await sweepAttachments(config)).toEqual({ scanned: 1, removed: 0 });
        expect((await store.attachments([NAMED, STRAY])).map((a) => a.sha2).sort()).toEqual([NAMED, STRAY]);
        expect(await sweepAttachments(config, -60_000)).toEqual({ scanned: 0, removed: 1 });
        expect((await store.attachments([NAMED, STRAY])).map((a) => a.content.toString())).toEqual(['named']);
      } finally {
        await store.close();
      }
    } finally {
      await engine.drop(config);
      await rm(own, { recursive: true, force: true });
    }
  });
});
