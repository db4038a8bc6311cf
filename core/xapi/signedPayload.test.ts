import { describe, expect, it } from 'vitest';
import { matchesSignedPayload, SIGNATURE_USAGE } from './signedPayload';

const base = {
  id: '40000000-0000-4000-8000-000000000001',
  actor: { mbox: 'mailto:a@example.org' },
  verb: { id: 'http://example.org/v' },
  object: { id: 'http://example.org/a' },
};
const signature = { usageType: SIGNATURE_USAGE, display: { en: 'sig' }, contentType: 'application/octet-stream', length: 1, sha2: 'ab'.repeat(32) };
const other = { usageType: 'http://example.org/u', display: { en: 'x' }, contentType: 'text/plain', length: 1, sha2: 'cd'.repeat(32) };

describe('matchesSignedPayload', () => {
  it('leaves out the signature attachment and what the LRS sets', () => {
    expect(matchesSignedPayload({ ...base, attachments: [signature], stored: '2026-01-01T00:00:00Z', authority: { mbox: 'mailto:lrs@example.org' } }, base)).toBe(true);
    expect(matchesSignedPayload({ ...base, attachments: [other, signature] }, { ...base, attachments: [other] })).toBe(true);
    expect(matchesSignedPayload({ ...base, attachments: [signature] }, { ...base, attachments: [] })).toBe(true);
  });

  it('compares durations to 0.01 s by cutting, not rounding', () => {
    expect(matchesSignedPayload({ ...base, result: { duration: 'PT1.1299S' } }, { ...base, result: { duration: 'PT1.12S' } })).toBe(true);
    expect(matchesSignedPayload({ ...base, result: { duration: 'PT1.129S' } }, { ...base, result: { duration: 'PT1.13S' } })).toBe(false);
  });

  it.each([
    ['another verb', { ...base, verb: { id: 'http://example.org/w' } }],
    ['an attachment the statement lacks', { ...base, attachments: [other] }],
    ['a missing id', { actor: base.actor, verb: base.verb, object: base.object }],
    ['not an object', [base]],
    ['a string', JSON.stringify(base)],
    ['null', null],
  ])('refuses a payload with %s', (_name, payload) => {
    expect(matchesSignedPayload({ ...base, attachments: [signature] }, payload)).toBe(false);
  });
});
