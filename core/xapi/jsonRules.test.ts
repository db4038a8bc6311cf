import { describe, expect, it } from 'vitest';
import { isDuration, StatementError, timestamp } from './jsonRules';
import { validateStatement } from './validate';

const statement = (change: Record<string, unknown>): Record<string, unknown> => ({
  actor: { mbox: 'mailto:learner@example.org' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
  object: { id: 'http://example.org/activity' },
  ...change,
});

describe('timestamps (xAPI Data 4.5: ISO 8601)', () => {
  it.each(['2008-09-15T15:53:00.601Z', '2008-09-15T15:53:00.601+00:00', '2008-09-15T15:53:00+0000', '2008-09-15T15:53:00.601-05:00', '2024-02-29T00:00:00Z', '2008-09-15T15:53Z'])('accepts %s', (value) => {
    expect(timestamp(value, 't')).toBe(value);
  });

  it.each([
    ['2008-09-15T15:53:00.601-00:00', /-00:00; ISO 8601 needs Z or \+00:00/],
    ['2008-09-15T15:53:00.601-0000', /-00:00/],
    ['2008-09-15T15:53:00.601-00', /ISO 8601 date and time|-00:00/],
    ['2008-09-15T15:53:00', /time zone/],
    ['2008-09-15 15:53:00Z', /time zone/],
    ['2023-02-29T00:00:00Z', /not a day of the calendar/],
    ['2026-02-30T00:00:00Z', /not a day of the calendar/],
    ['2026-04-31T00:00:00Z', /not a day of the calendar/],
    ['2026-13-01T00:00:00Z', /ISO 8601|calendar/],
    ['2026-00-10T00:00:00Z', /ISO 8601|calendar/],
    ['2026-01-01T10:00:00+25:00', /ISO 8601/],
    ['', /ISO 8601/],
  ])('refuses %s, saying why', (value, reason) => {
    expect(() => timestamp(value, 'statement.timestamp')).toThrow(StatementError);
    expect(() => timestamp(value, 'statement.timestamp')).toThrow(reason);
  });

  it.each([1_220_000_000_000, null, ['2008-09-15T15:53:00Z'], { at: '2008-09-15T15:53:00Z' }])('refuses a timestamp that is not a string: %j', (value) => {
    expect(() => timestamp(value, 't')).toThrow(/ISO 8601/);
  });

  it('applies to a SubStatement timestamp too, and names it', () => {
    const sub = { objectType: 'SubStatement', actor: { mbox: 'mailto:a@example.org' }, verb: { id: 'http://x.org/v' }, object: { id: 'http://x.org/a' }, timestamp: '2008-09-15T15:53:00.601-00:00' };
    expect(() => validateStatement(statement({ object: sub }))).toThrow('statement.object.timestamp');
  });
});

describe('durations (xAPI Data 4.6: ISO 8601:2004 4.4.3.2)', () => {
  it.each(['PT1H0M0S', 'PT1H0M0.1S', 'P4W', 'P1.5W', 'P1Y2M3DT4H5M6.78S', 'P3D', 'PT0S', 'PT36H', 'P0D', 'PT1,5S', 'P1DT12H36M0.1237S'])('accepts %s', (value) => {
    expect(isDuration(value)).toBe(true);
  });

  it.each(['P4W1D', 'P1Y2W', 'PT4W', 'P', 'PT', 'P1DT', 'PA1H0M0S', 'should fail', 'PT1.5H30M', 'P1.5DT2H', '1H', 'P1H', 'PT1S1M', 'P-1D', 'P1D ', ' P1D', 'P0001-02-03T04:05:06', 'P1e3D', 'P.5D', 'P5.D'])('refuses %s', (value) => {
    expect(isDuration(value)).toBe(false);
  });

  it.each([12345, null, { duration: 'PT1S' }, ['PT1S']])('refuses a duration that is not a string: %j', (value) => {
    expect(isDuration(value)).toBe(false);
  });

  it('refuses P4W1D in a result with a message naming the property', () => {
    expect(() => validateStatement(statement({ result: { duration: 'P4W1D' } }))).toThrow(/statement\.result\.duration: .*weeks cannot be combined/);
  });
});
