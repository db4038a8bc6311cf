import { describe, expect, it } from 'vitest';
import { canonical, idsOnly, languageRanges, pickLanguage, present } from './statementFormats';

const GROUP = { objectType: 'Group', name: 'Team', mbox: 'mailto:team@example.org', member: [{ name: 'A', mbox: 'mailto:a@example.org' }] };
const ANONYMOUS = { objectType: 'Group', name: 'Pair', member: [{ objectType: 'Agent', name: 'A', mbox: 'mailto:a@example.org' }, { name: 'B', account: { homePage: 'https://h.example', name: 'b' } }] };
const ACTIVITY = {
  objectType: 'Activity',
  id: 'http://example.org/q1',
  definition: {
    name: { 'en-US': 'Question', 'en-GB': 'Question (GB)', fr: 'Question (fr)' },
    description: { 'en-US': 'Pick one', 'en-GB': 'Pick one (GB)' },
    type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
    interactionType: 'choice',
    correctResponsesPattern: ['a'],
    choices: [{ id: 'a', description: { 'en-US': 'A', 'en-GB': 'A (GB)' } }],
  },
};
const VERB = { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered', 'en-GB': 'answered (GB)' } };
const statement = {
  id: '6d8e4251-81e1-45c4-8db2-68446fb83e47',
  actor: { objectType: 'Agent', name: 'Learner', mbox: 'mailto:learner@example.org' },
  verb: VERB,
  object: { objectType: 'SubStatement', actor: GROUP, verb: VERB, object: ACTIVITY, context: { contextActivities: { parent: ACTIVITY } } },
  context: { instructor: ANONYMOUS, team: GROUP, contextActivities: { category: ACTIVITY, grouping: [ACTIVITY] }, contextAgents: [{ objectType: 'contextAgent', agent: { name: 'C', mbox: 'mailto:c@example.org' } }] },
  attachments: [{ usageType: 'http://example.org/u', display: { 'en-US': 'File', 'en-GB': 'File (GB)' }, contentType: 'text/plain', length: 1, sha2: 'a'.repeat(64) }],
  authority: { objectType: 'Agent', name: 'Hub client', account: { homePage: 'https://baraza.invalid/hub/clients', name: 'k' } },
  stored: '2026-01-01T00:00:00.000Z',
};

describe('format=ids', () => {
  const ids = idsOnly(statement) as typeof statement;

  it('keeps only identifiers, down into a SubStatement, as the 2.0 suite checks', () => {
    expect(ids.actor).toEqual({ objectType: 'Agent', mbox: 'mailto:learner@example.org' });
    expect(ids.verb).toEqual({ id: VERB.id });
    expect(ids.object.actor).toEqual({ objectType: 'Group', mbox: 'mailto:team@example.org' });
    expect(ids.object.verb).toEqual({ id: VERB.id });
    expect(ids.object.object).toEqual({ id: ACTIVITY.id });
    expect(ids.object.context.contextActivities.parent).toEqual({ id: ACTIVITY.id });
  });

  it('keeps the members of an anonymous group, reduced, and the identifiers in context and authority', () => {
    expect(ids.context.instructor).toEqual({ objectType: 'Group', member: [{ objectType: 'Agent', mbox: 'mailto:a@example.org' }, { account: { homePage: 'https://h.example', name: 'b' } }] });
    expect(ids.context.team).toEqual({ objectType: 'Group', mbox: 'mailto:team@example.org' });
    expect(ids.context.contextActivities.grouping).toEqual([{ id: ACTIVITY.id }]);
    expect(ids.context.contextAgents).toEqual([{ objectType: 'contextAgent', agent: { mbox: 'mailto:c@example.org' } }]);
    expect(ids.authority).toEqual({ objectType: 'Agent', account: { homePage: 'https://baraza.invalid/hub/clients', name: 'k' } });
    expect(ids.attachments).toEqual(statement.attachments);
    expect(ids.stored).toBe(statement.stored);
  });

  it('leaves a StatementRef as it is', () => {
    const ref = { objectType: 'StatementRef', id: statement.id };
    expect(idsOnly({ ...statement, object: ref }).object).toEqual(ref);
  });
});

describe('format=canonical and Accept-Language', () => {
  it.each([
    ['en-GB', 'answered (GB)'],
    ['fr;q=0.1, en-GB;q=0.9', 'answered (GB)'],
    ['en-US;q=0, en-GB', 'answered (GB)'],
    ['en-US', 'answered'],
    ['EN-us', 'answered'],
    ['en', 'answered'],
    ['en-AU', 'answered'],
    ['sw, *;q=0.5', 'answered'],
    ['', 'answered'],
    [undefined, 'answered'],
    ['de', 'answered'],
    [';;;,,=, q=2', 'answered'],
  ])('Accept-Language %j picks %j', (header, display) => {
    const out = canonical(statement, languageRanges(header)) as typeof statement;
    expect(Object.values(out.verb.display)).toEqual([display]);
  });

  it('cuts every language map to one entry: verbs, activities, components, context activities, attachments, a SubStatement', () => {
    const out = canonical(statement, languageRanges('en-GB')) as typeof statement;
    expect(out.object.verb.display).toEqual({ 'en-GB': 'answered (GB)' });
    expect(out.object.object.definition).toEqual({ ...ACTIVITY.definition, name: { 'en-GB': 'Question (GB)' }, description: { 'en-GB': 'Pick one (GB)' }, choices: [{ id: 'a', description: { 'en-GB': 'A (GB)' } }] });
    expect(out.context.contextActivities.category).toMatchObject({ definition: { name: { 'en-GB': 'Question (GB)' } } });
    expect(out.object.context.contextActivities.parent).toMatchObject({ definition: { description: { 'en-GB': 'Pick one (GB)' } } });
    expect(out.attachments[0]?.display).toEqual({ 'en-GB': 'File (GB)' });
    expect(out.actor).toEqual(statement.actor);
  });

  it('keeps maps of one language and odd values as they are', () => {
    expect(pickLanguage({ fr: 'x' }, languageRanges('en'))).toEqual({ fr: 'x' });
    expect(pickLanguage({}, languageRanges('en'))).toEqual({});
    const odd = { ...statement, verb: { id: VERB.id, display: 'answered' }, object: { id: 'http://x.org/a', definition: 'odd' } };
    expect(canonical(odd, languageRanges('en'))).toMatchObject({ verb: { display: 'answered' }, object: { definition: 'odd' } });
  });
});

describe('present', () => {
  it('hands contextActivities back as lists in every format', () => {
    for (const format of ['exact', 'ids', 'canonical'] as const) {
      const out = present(statement, format, 'en') as typeof statement & { context: { contextActivities: Record<string, unknown> } };
      expect(Array.isArray(out.context.contextActivities.category), format).toBe(true);
      expect(Array.isArray((out.object.context.contextActivities as Record<string, unknown>).parent), format).toBe(true);
    }
  });

  it('changes nothing else for exact, and does not change the stored object', () => {
    const before = JSON.stringify(statement);
    const out = present(statement, 'exact', 'en-GB');
    expect(out.verb).toEqual(VERB);
    expect(JSON.stringify(statement)).toBe(before);
  });
});
