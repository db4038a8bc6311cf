/** The rows both engines store: the body is the statement as the hub completes it, key for key. */
import { describe, expect, it } from 'vitest';
import { normalizeStatement } from '../../core/xapi/normalize';
import { StatementError } from '../../core/xapi/validate';
import { planBatch, rowOf } from './statementRows';

type Json = Record<string, unknown>;

const STORED = '2026-11-27T08:00:00.000Z';
const AUTHORITY = { objectType: 'Agent', name: 'Laptop', account: { homePage: 'https://baraza.invalid/hub/clients', name: 'abc' } };
const base = (extra: Json = {}): Json => ({
  id: '30000000-0000-4000-8000-000000000001',
  actor: { objectType: 'Agent', account: { homePage: 'https://baraza.invalid/learners', name: 'Amina' } },
  verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { en: 'experienced' } },
  object: { id: 'https://baraza.invalid/xapi/activities/p/m', definition: { name: { ar: 'تقييم المخاطر' } } },
  context: { contextActivities: { parent: { id: 'https://baraza.invalid/xapi/activities/p' } } },
  ...extra,
});

/** The hub's completion written the plain way: properties it sets keep their place, the rest follow. */
function completed(input: Json, authority?: Json): string {
  return JSON.stringify({ ...normalizeStatement(input), stored: STORED, timestamp: input.timestamp ?? STORED, version: input.version ?? '2.0.0', ...(authority ? { authority } : {}) });
}

describe('rowOf', () => {
  it.each([
    ['a statement as the app sends it', base({ timestamp: '2026-11-27T07:59:00.000Z', version: '2.0.0' })],
    ['no timestamp, no version', base()],
    ['stored, authority and version sent by the device', { stored: '2020-01-01T00:00:00Z', ...base({ authority: { mbox: 'mailto:someone@example.org' }, version: '1.0.3' }) }],
    ['properties whose value is undefined', base({ timestamp: undefined, version: undefined, authority: undefined })],
    ['a SubStatement with a single context Activity', base({ object: { objectType: 'SubStatement', actor: { mbox: 'mailto:a@example.org' }, verb: { id: 'http://x.org/v' }, object: { id: 'http://x.org/a' }, context: { contextActivities: { other: { id: 'http://x.org/o' } } } } })],
  ])('writes the body key for key as the completed statement: %s', (_name, input) => {
    for (const authority of [undefined, AUTHORITY]) {
      const row = rowOf(input, STORED, authority);
      expect(row.body).toBe(completed(input, authority));
      expect(row.timestamp).toBe(String(input.timestamp ?? STORED));
    }
  });

  it('leaves the statement it was given as it was', () => {
    const input = base();
    const before = JSON.stringify(input);
    rowOf(input, STORED, AUTHORITY);
    expect(JSON.stringify(input)).toBe(before);
  });

  it('fills the columns a statement is looked up by', () => {
    const row = rowOf(base({ context: { registration: 'AAAAAAAA-0000-4000-8000-000000000000' } }), STORED);
    expect(row).toMatchObject({
      actorKey: 'account:https://baraza.invalid/learners|Amina',
      verb: 'http://adlnet.gov/expapi/verbs/experienced',
      activity: 'https://baraza.invalid/xapi/activities/p/m',
      objectAgentKey: null,
      registration: 'aaaaaaaa-0000-4000-8000-000000000000',
      voids: null,
    });
  });
});

describe('planBatch', () => {
  it.each([
    ['actor', { actor: { mbox: 'mailto:a\u0000@example.org' } }],
    ['object', { object: { id: 'http://x.org/\u0000' } }],
    ['verb.id', { verb: { id: 'http://x.org/\u0000' } }],
    ['timestamp', { timestamp: '2026-11-27T08:00:00\u0000Z' }],
  ])('refuses U+0000 in the %s, which PostgreSQL cannot index', (path, change) => {
    expect(() => planBatch([base({ id: undefined }), base(change)])).toThrow(new StatementError(`statements[1].${path}`, 'must not contain the character U+0000'));
  });

  it('lower-cases ids and keeps each statement once', () => {
    const upper = base({ id: '30000000-0000-4000-8000-00000000000A' });
    const { ids, distinct } = planBatch([upper, { ...upper }]);
    expect(ids).toEqual(['30000000-0000-4000-8000-00000000000a', '30000000-0000-4000-8000-00000000000a']);
    expect([...distinct.values()].map((s) => s.id)).toEqual(['30000000-0000-4000-8000-00000000000a']);
    expect(upper.id).toBe('30000000-0000-4000-8000-00000000000A');
  });
});
