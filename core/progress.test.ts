import { describe, expect, it } from 'vitest';
import type { PackIndex } from './content/model';
import { foldProgress, moduleFraction, overallProgress, type Progress } from './progress';
import { moduleCompleted, quizScored, sectionRead, VERBS, type EventEnvelope, type Statement } from './xapi/statement';

const learner = { id: 'L1', name: 'Amina' };
let n = 0;
function env(at: string, who = learner): EventEnvelope {
  n++;
  return { id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, timestamp: at, learner: who, language: 'en' };
}

const index: PackIndex = {
  format: 1,
  id: 'p',
  version: 1,
  defaultLanguage: 'en',
  languages: ['en'],
  title: { en: 'P' },
  items: [
    { kind: 'module', id: 'm1', order: 1, languages: ['en'], sections: ['a', 'b', 'c', 'd'] },
    { kind: 'module', id: 'm2', order: 2, languages: ['en'], sections: ['x', 'y'] },
    { kind: 'quiz', id: 'q1', order: 1, languages: ['en'] },
  ],
};

const history: Statement[] = [
  sectionRead(env('2026-11-01T10:00:00Z'), { packId: 'p', moduleId: 'm1', sectionId: 'a' }),
  sectionRead(env('2026-11-01T10:05:00Z'), { packId: 'p', moduleId: 'm1', sectionId: 'b' }),
  sectionRead(env('2026-11-02T09:00:00Z'), { packId: 'p', moduleId: 'm2', sectionId: 'x' }),
  sectionRead(env('2026-11-02T09:10:00Z'), { packId: 'p', moduleId: 'm2', sectionId: 'y' }),
  moduleCompleted(env('2026-11-02T09:10:01Z'), { packId: 'p', moduleId: 'm2' }),
  quizScored(env('2026-11-03T12:00:00Z'), { packId: 'p', quizId: 'q1', attemptId: 'A1', raw: 3, max: 8, passed: false }),
  quizScored(env('2026-11-04T12:00:00Z'), { packId: 'p', quizId: 'q1', attemptId: 'A2', raw: 7, max: 8, passed: true }),
  // Another learner and another pack must not leak in.
  sectionRead(env('2026-11-05T00:00:00Z', { id: 'L2', name: 'Other' }), { packId: 'p', moduleId: 'm1', sectionId: 'c' }),
  sectionRead(env('2026-11-05T00:00:00Z'), { packId: 'other-pack', moduleId: 'm1', sectionId: 'c' }),
];

/** A small deterministic PRNG, so a failing order can be reproduced. */
function rng(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

function summary(p: Progress): unknown {
  return {
    modules: [...p.modules].map(([id, m]) => [id, [...m.sectionsRead].sort(), m.completed, m.lastSectionId, m.lastAt]).sort(),
    quizzes: [...p.quizzes].map(([id, q]) => [id, q.attempts, q.best, q.passed]).sort(),
    last: p.last,
  };
}

describe('foldProgress', () => {
  it('folds sections, completion and quiz attempts for one learner and pack', () => {
    const p = foldProgress(history, 'L1', 'p');
    expect([...(p.modules.get('m1')?.sectionsRead ?? [])].sort()).toEqual(['a', 'b']);
    expect(p.modules.get('m1')?.lastSectionId).toBe('b');
    expect(p.modules.get('m2')?.completed).toBe(true);
    const q = p.quizzes.get('q1');
    expect(q?.attempts.map((a) => a.attemptId)).toEqual(['A1', 'A2']);
    expect(q?.best?.percent).toBe(87);
    expect(q?.passed).toBe(true);
    expect(p.last).toEqual({ moduleId: 'm2', sectionId: 'y', at: '2026-11-02T09:10:00Z' });
  });

  it('gives the same result for any order and any number of duplicates (merge by union)', () => {
    const expected = summary(foldProgress(history, 'L1', 'p'));
    const random = rng(42);
    for (let round = 0; round < 200; round++) {
      const mixed = [...history, ...history.filter(() => random() < 0.5)];
      for (let i = mixed.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [mixed[i], mixed[j]] = [mixed[j]!, mixed[i]!];
      }
      expect(summary(foldProgress(mixed, 'L1', 'p'))).toEqual(expected);
    }
  });

  it('merges two devices: the union shows both, the latest section wins', () => {
    const laptopA = history.slice(0, 2);
    const laptopB = [sectionRead(env('2026-11-06T08:00:00Z'), { packId: 'p', moduleId: 'm1', sectionId: 'c' })];
    const p = foldProgress([...laptopB, ...laptopA], 'L1', 'p');
    expect([...(p.modules.get('m1')?.sectionsRead ?? [])].sort()).toEqual(['a', 'b', 'c']);
    expect(p.last?.sectionId).toBe('c');
  });

  it('settles equal timestamps by statement id, the same on every device', () => {
    const at = '2026-11-07T00:00:00Z';
    const s1 = sectionRead({ ...env(at), id: '11111111-0000-4000-8000-000000000000' }, { packId: 'p', moduleId: 'm1', sectionId: 'a' });
    const s2 = sectionRead({ ...env(at), id: '22222222-0000-4000-8000-000000000000' }, { packId: 'p', moduleId: 'm1', sectionId: 'd' });
    expect(foldProgress([s1, s2], 'L1', 'p').last?.sectionId).toBe('d');
    expect(foldProgress([s2, s1], 'L1', 'p').last?.sectionId).toBe('d');
  });

  it('leaves out voided statements', () => {
    const target = history[0]!;
    const voiding: Statement = { ...sectionRead(env('2026-11-08T00:00:00Z'), { packId: 'p', moduleId: 'm1', sectionId: 'a' }), verb: { id: VERBS.voided, display: { en: 'voided' } }, object: { objectType: 'StatementRef', id: target.id } };
    const p = foldProgress([...history, voiding], 'L1', 'p');
    expect([...(p.modules.get('m1')?.sectionsRead ?? [])]).toEqual(['b']);
  });

  it('ignores scored statements without a usable score', () => {
    const broken = { ...history[5]!, id: 'x', result: { success: true } } as Statement;
    expect(foldProgress([broken], 'L1', 'p').quizzes.size).toBe(0);
  });
});

describe('fractions', () => {
  it('counts sections read per module and overall, a completed module as whole', () => {
    const p = foldProgress(history, 'L1', 'p');
    expect(moduleFraction(p, index.items[0]!)).toBe(0.5);
    expect(moduleFraction(p, index.items[1]!)).toBe(1);
    expect(overallProgress(p, index)).toEqual({ modulesCompleted: 1, modulesTotal: 2, quizzesPassed: 1, quizzesTotal: 1, fraction: 4 / 6 });
  });

  it('is zero for a new learner', () => {
    expect(overallProgress(foldProgress([], 'L1', 'p'), index).fraction).toBe(0);
  });
});
