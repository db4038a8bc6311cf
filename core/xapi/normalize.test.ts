import { describe, expect, it } from 'vitest';
import { normalizeStatement } from './normalize';
import { sameStatement } from './validate';

const PARENT = { id: 'http://example.org/parent' };
const statement = (contextActivities: unknown): Record<string, unknown> => ({
  id: 'a7b6c5d4-0000-4000-8000-000000000001',
  actor: { mbox: 'mailto:learner@example.org' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
  object: { id: 'http://example.org/activity' },
  context: { registration: 'a7b6c5d4-0000-4000-8000-0000000000ff', contextActivities },
});

describe('contextActivities are handed back as lists (xAPI Data 2.4.6.2)', () => {
  it('wraps each single Activity in a list and keeps lists as they are', () => {
    const out = normalizeStatement(statement({ parent: PARENT, grouping: [PARENT], category: PARENT, other: [] }));
    expect((out.context as Record<string, unknown>).contextActivities).toEqual({ parent: [PARENT], grouping: [PARENT], category: [PARENT], other: [] });
    expect((out.context as Record<string, unknown>).registration).toBe('a7b6c5d4-0000-4000-8000-0000000000ff');
  });

  it('does the same inside a SubStatement', () => {
    const sub = { objectType: 'SubStatement', actor: { mbox: 'mailto:a@example.org' }, verb: { id: 'http://x.org/v' }, object: PARENT, context: { contextActivities: { other: PARENT } } };
    const out = normalizeStatement({ ...statement({ parent: PARENT }), object: sub });
    expect(out.object).toMatchObject({ context: { contextActivities: { other: [PARENT] } } });
  });

  it('does not change what it was given', () => {
    const input = statement({ parent: PARENT });
    const before = JSON.stringify(input);
    normalizeStatement(input);
    expect(JSON.stringify(input)).toBe(before);
  });

  it.each([
    ['no context', { id: 'x' }],
    ['a context without contextActivities', { context: { language: 'fr' } }],
    ['a context that is not an object', { context: 'odd' }],
    ['contextActivities that is a list', { context: { contextActivities: [PARENT] } }],
    ['an object that is not an object', { object: 'odd', context: null }],
  ])('leaves anything else as it is: %s', (_name, input) => {
    expect(normalizeStatement(input)).toEqual(input);
  });

  it('makes a statement resent in the single form match the stored list form', () => {
    expect(sameStatement(statement({ parent: PARENT }), statement({ parent: [PARENT] }))).toBe(true);
    expect(sameStatement(statement({ parent: PARENT }), statement({ parent: [PARENT, PARENT] }))).toBe(false);
    expect(sameStatement(statement({ parent: PARENT }), statement({ grouping: PARENT }))).toBe(false);
  });
});
