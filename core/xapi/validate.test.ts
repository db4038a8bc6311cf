import { describe, expect, it } from 'vitest';
import { moduleCompleted, quizScored, sectionRead, type EventEnvelope } from './statement';
import { agentKey, canonicalJson, sameStatement, StatementError, validateStatement } from './validate';

const env: EventEnvelope = { id: '6f1c2b9e-3c1d-4e2f-9a3b-1c2d3e4f5a6b', timestamp: '2026-11-27T08:00:00Z', learner: { id: 'L', name: 'Amina' }, language: 'fr' };

describe('validateStatement', () => {
  it('accepts every statement the app writes', () => {
    for (const s of [sectionRead(env, { packId: 'p', moduleId: 'm', sectionId: 's' }), moduleCompleted(env, { packId: 'p', moduleId: 'm' }), quizScored(env, { packId: 'p', quizId: 'q', attemptId: env.id, raw: 3, max: 4, passed: true })]) {
      expect(() => validateStatement(JSON.parse(JSON.stringify(s)))).not.toThrow();
    }
  });

  it.each([
    ['a SubStatement inside a SubStatement', { object: { objectType: 'SubStatement', actor: { mbox: 'mailto:a@b.c' }, verb: { id: 'http://x.y/v' }, object: { objectType: 'SubStatement' } } }, /SubStatement cannot contain/],
    ['a voiding statement about an activity', { verb: { id: 'http://adlnet.gov/expapi/verbs/voided' } }, /StatementRef/],
    ['platform on a statement about an agent', { object: { objectType: 'Agent', mbox: 'mailto:x@y.z' } }, /only for statements about an Activity/],
    ['a language map with a bad tag', { verb: { id: 'http://x.y/v', display: { 'not a tag': 'x' } } }, /language tag/],
    ['a timestamp without a zone', { timestamp: '2026-11-27T08:00:00' }, /time zone/],
    ['raw above max', { result: { score: { raw: 5, max: 4 } } }, /between min and max/],
    ['a duration that is not ISO 8601', { result: { duration: '5 minutes' } }, /ISO 8601 duration/],
  ])('refuses %s, naming the property', (_name, change, message) => {
    const s = { ...JSON.parse(JSON.stringify(sectionRead(env, { packId: 'p', moduleId: 'm', sectionId: 's' }))), ...change };
    expect(() => validateStatement(s)).toThrow(StatementError);
    expect(() => validateStatement(s)).toThrow(message);
  });
});

describe('statement identity', () => {
  it('matches statements that differ only in what the LRS sets and in key order', () => {
    const a = JSON.parse(JSON.stringify(sectionRead(env, { packId: 'p', moduleId: 'm', sectionId: 's' }))) as Record<string, unknown>;
    const b = JSON.parse(canonicalJson({ ...a, stored: '2026-11-28T00:00:00Z', version: '2.0.0' })) as Record<string, unknown>;
    expect(sameStatement(a, b)).toBe(true);
    expect(sameStatement(a, { ...a, timestamp: '2026-11-28T00:00:00Z' })).toBe(false);
  });

  it('keys agents by their one identifier', () => {
    expect(agentKey({ account: { homePage: 'https://h', name: 'n' } })).toBe('account:https://h|n');
    expect(agentKey({ mbox: 'mailto:A@B.C' })).toBe('mbox:mailto:a@b.c');
    expect(agentKey({ name: 'nobody' })).toBeNull();
  });
});
