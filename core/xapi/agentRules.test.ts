import { describe, expect, it } from 'vitest';
import { StatementError, validateStatement } from './validate';

const OAUTH_APP = { account: { homePage: 'http://example.com/xAPI/OAuth/Token', name: 'oauth_consumer_x75db' } };
const USER = { mbox: 'mailto:bob@example.com' };
const withAuthority = (authority: unknown): Record<string, unknown> => ({
  actor: { mbox: 'mailto:learner@example.org' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
  object: { id: 'http://example.org/activity' },
  authority,
});

describe('authority (xAPI Data 2.4.9)', () => {
  it.each([
    ['an Agent', { objectType: 'Agent', name: 'Hub client', account: { homePage: 'https://baraza.invalid/hub/clients', name: 'k1' } }],
    ['an Agent without objectType', USER],
    ['an anonymous Group of two Agents (three-legged OAuth)', { objectType: 'Group', member: [OAUTH_APP, USER] }],
  ])('accepts %s', (_name, authority) => {
    expect(() => validateStatement(withAuthority(authority))).not.toThrow();
  });

  it.each([
    ['an identified Group (mbox)', { objectType: 'Group', mbox: 'mailto:group@example.com', member: [OAUTH_APP, USER] }, /must be anonymous/],
    ['an identified Group (mbox_sha1sum)', { objectType: 'Group', mbox_sha1sum: 'cd9b00a5611f94eaa7b1661edab976068e364975', member: [OAUTH_APP, USER] }, /must be anonymous/],
    ['an identified Group (openid)', { objectType: 'Group', openid: 'http://openid.example.org/12345', member: [OAUTH_APP, USER] }, /must be anonymous/],
    ['an identified Group (account)', { objectType: 'Group', account: { homePage: 'http://www.example.com', name: 'x' }, member: [OAUTH_APP, USER] }, /must be anonymous/],
    ['an identified Group with one member', { objectType: 'Group', openid: 'http://openid.example.org/12345', member: [USER] }, /must be anonymous/],
    ['an anonymous Group of one', { objectType: 'Group', member: [USER] }, /exactly two Agents/],
    ['an anonymous Group of three', { objectType: 'Group', member: [OAUTH_APP, USER, { mbox: 'mailto:james@example.com' }] }, /exactly two Agents/],
    ['an anonymous Group with no members', { objectType: 'Group', member: [] }, /needs members/],
    ['a Group inside the Group', { objectType: 'Group', member: [OAUTH_APP, { objectType: 'Group', member: [USER] }] }, /member\[1\]\.objectType: must be Agent/],
    ['an Agent without an identifier', { name: 'nobody' }, /needs one identifier/],
    ['a string', 'the hub', /must be an object/],
    ['a list', [USER], /must be an object/],
  ])('refuses %s with a reason naming statement.authority', (_name, authority, reason) => {
    const attempt = (): unknown => validateStatement(withAuthority(authority));
    expect(attempt).toThrow(StatementError);
    expect(attempt).toThrow(reason);
    expect(attempt).toThrow(/^statement\.authority/);
  });

  it('leaves Groups elsewhere alone: an identified team of one is a valid team', () => {
    const s = withAuthority(USER);
    s.context = { team: { objectType: 'Group', mbox: 'mailto:team@example.org', member: [USER] } };
    expect(() => validateStatement(s)).not.toThrow();
  });
});
