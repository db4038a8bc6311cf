import { describe, expect, it } from 'vitest';
import { sectionRead } from '../xapi/statement';
import { checkpointKey, learnerStatement, nextCheckpoint, sinceFor, storedOf } from './pull';

describe('the pull checkpoint', () => {
  it('prefers the hub’s Consistent-Through over the last stored time', () => {
    expect(nextCheckpoint(undefined, '2026-03-01T10:00:00.000Z', '2026-03-01T09:00:00.000Z')).toBe('2026-03-01T10:00:00.000Z');
  });

  it('falls back to the last stored time, then to the old checkpoint', () => {
    expect(nextCheckpoint(undefined, null, '2026-03-01T09:00:00.000Z')).toBe('2026-03-01T09:00:00.000Z');
    expect(nextCheckpoint('2026-02-01T00:00:00.000Z', null, undefined)).toBe('2026-02-01T00:00:00.000Z');
    expect(nextCheckpoint(undefined, undefined, undefined)).toBeUndefined();
    expect(nextCheckpoint(undefined, 'not a date', undefined)).toBeUndefined();
  });

  it('never moves back, whatever the hub says', () => {
    expect(nextCheckpoint('2026-03-02T00:00:00.000Z', '2026-03-01T00:00:00.000Z', undefined)).toBe('2026-03-02T00:00:00.000Z');
  });

  it('asks again for a little time before the checkpoint, and for everything without one', () => {
    expect(sinceFor(undefined)).toBeUndefined();
    expect(sinceFor('garbage')).toBeUndefined();
    expect(sinceFor('2026-03-01T10:00:05.000Z', 5_000)).toBe('2026-03-01T10:00:00.000Z');
  });

  it('is kept per hub and per learner', () => {
    expect(checkpointKey('https://a/xapi/', 'L1')).not.toBe(checkpointKey('https://b/xapi/', 'L1'));
    expect(checkpointKey('https://a/xapi/', 'L1')).not.toBe(checkpointKey('https://a/xapi/', 'L2'));
  });
});

describe('statements from the wire', () => {
  const statement = sectionRead(
    { id: '3f1c2a4e-8b7d-4c1e-9a2b-1d2e3f4a5b6c', timestamp: '2026-03-01T10:00:00Z', learner: { id: 'L1', name: 'Amina' }, language: 'fr' },
    { packId: 'p', moduleId: 'm', sectionId: 's' },
  );
  const fromHub = { ...statement, stored: '2026-03-01T10:00:01.000Z' };

  it('accepts this learner’s valid statements as the hub returns them', () => {
    expect(learnerStatement(fromHub, 'L1')).toEqual(fromHub);
    expect(storedOf(fromHub)).toBe('2026-03-01T10:00:01.000Z');
  });

  it('refuses another learner’s, another scheme’s and invalid ones', () => {
    expect(learnerStatement(fromHub, 'L2')).toBeNull();
    expect(learnerStatement({ ...fromHub, actor: { objectType: 'Agent', account: { homePage: 'https://elsewhere.example', name: 'L1' } } }, 'L1')).toBeNull();
    expect(learnerStatement({ ...fromHub, verb: { id: 'not an iri' } }, 'L1')).toBeNull();
    expect(learnerStatement(null, 'L1')).toBeNull();
    expect(learnerStatement('text', 'L1')).toBeNull();
  });
});
