/** Small valid statements for the hub's store tests, numbered from a prefix so two files never share an id. */
import type { Json } from '../lrs/store';

export const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';

export function statementMaker(prefix: string): { statement: (extra?: Json) => Json; voiding: (target: Json) => Json } {
  let n = 0;
  const statement = (extra: Json = {}): Json => ({
    id: `${prefix}-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    actor: { mbox: 'mailto:learner@example.org' },
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
    object: { id: `http://example.org/activities/${prefix}/${n}` },
    timestamp: '2026-11-27T08:00:00.000Z',
    ...extra,
  });
  const voiding = (target: Json): Json => statement({ verb: { id: VOIDED }, object: { objectType: 'StatementRef', id: target.id } });
  return { statement, voiding };
}
