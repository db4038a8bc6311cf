import { describe, expect, it } from 'vitest';
import { StatementError, validateStatement } from './validate';

const AGENT = { objectType: 'Agent', mbox: 'mailto:player-1@example.com' };
const GROUP = { objectType: 'Group', mbox: 'mailto:team-1@example.com' };
const base = { actor: { mbox: 'mailto:learner@example.org' }, verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' }, object: { id: 'http://example.org/activity' } };
/** The same context on the statement and on a SubStatement, so each rule is checked in both places. */
const both = (context: unknown): [string, Record<string, unknown>][] => [
  ['statement.context', { ...base, context }],
  ['statement.object.context', { ...base, object: { objectType: 'SubStatement', ...base, context } }],
];

describe('contextAgents and contextGroups (xAPI 2.0, 9274.1.1 4.2.2.5)', () => {
  it.each([
    ['a contextAgent', { contextAgents: [{ objectType: 'contextAgent', agent: AGENT }] }],
    ['a contextAgent with relevant types', { contextAgents: [{ objectType: 'contextAgent', agent: AGENT, relevantTypes: ['http://example.org/types/coach'] }] }],
    ['a contextGroup', { contextGroups: [{ objectType: 'contextGroup', group: { ...GROUP, member: [AGENT] }, relevantTypes: ['http://example.org/types/team'] }] }],
    ['empty lists', { contextAgents: [], contextGroups: [] }],
  ])('accepts %s', (_name, context) => {
    for (const [, s] of both(context)) expect(() => validateStatement(s)).not.toThrow();
  });

  it.each([
    ['an objectType other than contextAgent', { contextAgents: [{ objectType: 'Should fail', agent: AGENT }] }, 'contextAgents[0].objectType: must be contextAgent'],
    ['no objectType', { contextAgents: [{ agent: AGENT }] }, 'contextAgents[0].objectType: must be contextAgent'],
    ['an invalid agent', { contextAgents: [{ objectType: 'contextAgent', agent: { key: 'Should fail' } }] }, 'contextAgents[0].agent.key: is not a property'],
    ['a missing agent', { contextAgents: [{ objectType: 'contextAgent' }] }, 'contextAgents[0].agent: is required'],
    ['a Group as the agent', { contextAgents: [{ objectType: 'contextAgent', agent: GROUP }] }, 'contextAgents[0].agent.objectType: must be Agent'],
    ['empty relevantTypes', { contextAgents: [{ objectType: 'contextAgent', agent: AGENT, relevantTypes: [] }] }, 'contextAgents[0].relevantTypes: must list at least one'],
    ['a relevant type that is not an IRI', { contextAgents: [{ objectType: 'contextAgent', agent: AGENT, relevantTypes: ['abc'] }] }, 'contextAgents[0].relevantTypes[0]: must be an absolute IRI'],
    ['relevantTypes as a string', { contextAgents: [{ objectType: 'contextAgent', agent: AGENT, relevantTypes: 'http://x.org/t' }] }, 'contextAgents[0].relevantTypes: must be a list'],
    ['contextAgents as one object', { contextAgents: { objectType: 'contextAgent', agent: AGENT } }, 'contextAgents: must be a list'],
    ['an unknown property', { contextAgents: [{ objectType: 'contextAgent', agent: AGENT, role: 'coach' }] }, 'contextAgents[0].role: is not a property'],
    ['an objectType other than contextGroup', { contextGroups: [{ objectType: 'Should fail', group: GROUP }] }, 'contextGroups[0].objectType: must be contextGroup'],
    ['an invalid group', { contextGroups: [{ objectType: 'contextGroup', group: { key: 'Should fail' } }] }, 'contextGroups[0].group.objectType: must be Group'],
    ['an Agent as the group', { contextGroups: [{ objectType: 'contextGroup', group: AGENT }] }, 'contextGroups[0].group.objectType: must be Group'],
    ['a group with relevantTypes empty', { contextGroups: [{ objectType: 'contextGroup', group: GROUP, relevantTypes: [] }] }, 'contextGroups[0].relevantTypes: must list at least one'],
    ['a group with a non-IRI relevant type', { contextGroups: [{ objectType: 'contextGroup', group: GROUP, relevantTypes: ['abc'] }] }, 'contextGroups[0].relevantTypes[0]: must be an absolute IRI'],
    ['a member beside the group', { contextGroups: [{ objectType: 'contextGroup', group: GROUP, member: [AGENT] }] }, 'contextGroups[0].member: is not a property'],
    ['a null item', { contextGroups: [null] }, 'contextGroups[0]: must be an object'],
  ])('refuses %s, in a statement and in a SubStatement', (_name, context, reason) => {
    for (const [path, s] of both(context)) {
      expect(() => validateStatement(s)).toThrow(StatementError);
      expect(() => validateStatement(s)).toThrow(`${path}.${reason}`);
    }
  });
});

const ATTACHMENT = {
  usageType: 'http://example.com/attachment-usage/test',
  display: { 'en-US': 'A test attachment' },
  description: { 'en-US': 'A test attachment (description)' },
  contentType: 'text/plain; charset=ascii',
  length: 27,
  sha2: '495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a',
  fileUrl: 'http://over.there.com/file.txt',
};
const withAttachments = (attachments: unknown): Record<string, unknown> => ({ ...base, attachments });

describe('attachments (xAPI Data 2.4.11)', () => {
  it.each([
    ['a full attachment', [ATTACHMENT]],
    ['one without description and fileUrl', [{ ...ATTACHMENT, description: undefined, fileUrl: undefined }]],
    ['a SHA-512 hash', [{ ...ATTACHMENT, sha2: 'a'.repeat(128) }]],
    ['length 0', [{ ...ATTACHMENT, length: 0 }]],
    ['no attachments at all', []],
  ])('accepts %s', (_name, attachments) => {
    expect(() => validateStatement(JSON.parse(JSON.stringify(withAttachments(attachments))))).not.toThrow();
  });

  it.each([
    ['an object instead of a list', ATTACHMENT, 'attachments: must be a list'],
    ['a number in the list', [12345], 'attachments[0]: must be an object'],
    ['a string in the list', ['should fail'], 'attachments[0]: must be an object'],
    ['usageType that is not an IRI', [{ ...ATTACHMENT, usageType: 'should fail' }], 'attachments[0].usageType: must be an absolute IRI'],
    ['a numeric contentType', [{ ...ATTACHMENT, contentType: 12345 }], 'attachments[0].contentType: must be an Internet media type'],
    ['a contentType without a subtype', [{ ...ATTACHMENT, contentType: 'text' }], 'attachments[0].contentType: must be an Internet media type'],
    ['a length that is a string', [{ ...ATTACHMENT, length: 'should fail' }], 'attachments[0].length: must be the size'],
    ['a negative length', [{ ...ATTACHMENT, length: -1 }], 'attachments[0].length: must be the size'],
    ['a fractional length', [{ ...ATTACHMENT, length: 2.5 }], 'attachments[0].length: must be the size'],
    ['a numeric sha2', [{ ...ATTACHMENT, sha2: 12345 }], 'attachments[0].sha2: must be the SHA-2 hash'],
    ['a sha2 that is not hex', [{ ...ATTACHMENT, sha2: 'z'.repeat(64) }], 'attachments[0].sha2: must be the SHA-2 hash'],
    ['a SHA-1 sized hash', [{ ...ATTACHMENT, sha2: 'a'.repeat(40) }], 'attachments[0].sha2: must be the SHA-2 hash'],
    ['a fileUrl that is not an IRL', [{ ...ATTACHMENT, fileUrl: 'should fail' }], 'attachments[0].fileUrl: must be an absolute IRI'],
    ['a numeric display', [{ ...ATTACHMENT, display: 12345 }], 'attachments[0].display: must be an object'],
    ['a string display', [{ ...ATTACHMENT, display: 'should fail' }], 'attachments[0].display: must be an object'],
    ['a display with a bad language tag', [{ ...ATTACHMENT, display: { 'en-US': 'x', something: 'y' } }], 'attachments[0].display.something: is not a language tag'],
    ['a description that is a string', [{ ...ATTACHMENT, description: 'should error' }], 'attachments[0].description: must be an object'],
    ['a description with a bad language tag', [{ ...ATTACHMENT, description: { a12345678: 'x' } }], 'attachments[0].description.a12345678: is not a language tag'],
    ['a missing display', [{ ...ATTACHMENT, display: undefined }], 'attachments[0].display: is required'],
    ['a missing sha2', [{ ...ATTACHMENT, sha2: undefined }], 'attachments[0].sha2: is required'],
    ['a null fileUrl', [{ ...ATTACHMENT, fileUrl: null }], 'attachments[0].fileUrl: must not be null'],
    ['an unknown property', [{ ...ATTACHMENT, payload: 'aGVsbG8=' }], 'attachments[0].payload: is not a property'],
  ])('refuses %s', (_name, attachments, reason) => {
    // Through JSON, as on the wire: a property set to undefined is left out.
    const s = JSON.parse(JSON.stringify(withAttachments(attachments))) as Record<string, unknown>;
    expect(() => validateStatement(s)).toThrow(`statement.${reason}`);
  });

  it('checks the attachments of a SubStatement too', () => {
    const s = { ...base, object: { objectType: 'SubStatement', ...base, attachments: [{ ...ATTACHMENT, length: 'x' }] } };
    expect(() => validateStatement(s)).toThrow('statement.object.attachments[0].length');
  });
});
