import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../content/validateTemplate';
import type { AssessmentTemplate } from '../content/template';
import { deadlineOf, levelIndex, missingRequired, questionPoints, scoreTemplate, unansweredScored } from './score';

const levels = ['I', 'II', 'III', 'IV'].map((id) => ({ id, title: `Level ${id}`, description: 'd', requirements: [`r${id}`] }));

/** Risk: q1 (0–4) and q2 (0–4, weight 2) give a maximum raw score of 12; mitigation: m1 (0–5) and m2 (0–5). */
const aia = parseTemplate(
  {
    id: 'aia',
    title: 'AIA',
    scoring: 'impact-level',
    sections: [
      { id: 'about', title: 'About', fields: [{ id: 'name', type: 'text', label: 'Name', required: true }] },
      {
        id: 'risk',
        title: 'Risk',
        role: 'risk',
        fields: [
          { id: 'q1', type: 'choice', label: 'Q1', options: [0, 1, 2, 3, 4].map((p) => ({ id: `p${p}`, text: String(p), points: p })) },
          { id: 'q2', type: 'choice', label: 'Q2', weight: 2, options: [0, 2, 4].map((p) => ({ id: `p${p}`, text: String(p), points: p })) },
        ],
      },
      {
        id: 'mitigation',
        title: 'Mitigation',
        role: 'mitigation',
        fields: [
          { id: 'm1', type: 'multiple', label: 'M1', options: [{ id: 'a', text: 'a', points: 2 }, { id: 'b', text: 'b', points: 3 }] },
          { id: 'm2', type: 'choice', label: 'M2', options: [0, 1, 2, 3, 4, 5].map((p) => ({ id: `p${p}`, text: String(p), points: p })) },
        ],
      },
    ],
    levels,
  },
  'aia.json',
);

function impact(answers: Record<string, string | string[]>) {
  const result = scoreTemplate(aia, answers);
  if (result.kind !== 'impact-level') throw new Error('expected an impact level');
  return result;
}

describe('impact level (Canada AIA rules)', () => {
  it('sums risk points times their weight against the maximum raw score', () => {
    const r = impact({ q1: 'p3', q2: 'p2' });
    expect([r.raw, r.maxRaw, r.mitigated, r.level.id]).toEqual([7, 12, false, 'III']);
  });

  it('puts a score of exactly 25%, 50% and 75% in the lower level', () => {
    expect([levelIndex(3, 12), levelIndex(3.000001, 12)]).toEqual([0, 1]);
    expect([levelIndex(6, 12), levelIndex(6.5, 12)]).toEqual([1, 2]);
    expect([levelIndex(9, 12), levelIndex(9.5, 12)]).toEqual([2, 3]);
    expect(levelIndex(0, 0)).toBe(0);
  });

  it('lowers the score by 15% only when mitigation reaches 80% of its maximum', () => {
    // Maximum mitigation is 10: 8 points is exactly 80%, 7 is not enough.
    const at80 = impact({ q1: 'p4', q2: 'p2', m1: ['b'], m2: 'p5' });
    expect([at80.mitigation, at80.maxMitigation, at80.mitigated, at80.raw, at80.current]).toEqual([8, 10, true, 8, 6.8]);
    expect(at80.level.id).toBe('III');
    const below = impact({ q1: 'p4', q2: 'p2', m1: ['a'], m2: 'p5' });
    expect([below.mitigation, below.mitigated, below.current]).toEqual([7, false, 8]);
  });

  it('moves a system down a level when mitigation takes it under a boundary', () => {
    // Raw 7 of 12 (58%) is level III; 7 × 0.85 = 5.95 (49.6%) is level II.
    expect(impact({ q1: 'p3', q2: 'p2' }).level.id).toBe('III');
    const mitigated = impact({ q1: 'p3', q2: 'p2', m1: ['a', 'b'], m2: 'p5' });
    expect([mitigated.current, mitigated.level.id]).toEqual([5.95, 'II']);
  });

  it('never lowers the level as the risk score rises', () => {
    const results = [];
    for (let q1 = 0; q1 <= 4; q1++) for (const q2 of [0, 2, 4]) results.push(impact({ q1: `p${q1}`, q2: `p${q2}` }));
    results.sort((a, b) => a.raw - b.raw);
    const order = ['I', 'II', 'III', 'IV'];
    for (let i = 1; i < results.length; i++) {
      expect(order.indexOf(results[i]!.level.id)).toBeGreaterThanOrEqual(order.indexOf(results[i - 1]!.level.id));
    }
    const all = results.at(-1)!;
    expect([all.raw, all.percent, all.level.id]).toEqual([12, 100, 'IV']);
  });

  it('gives damaged answers no points instead of failing', () => {
    const r = impact({ q1: 'nonsense', q2: ['p4', 'p2'], m1: 'a', m2: '' });
    expect(questionPoints(aia.sections[1]!.fields[1]!, ['p4', 'p2'])).toEqual({ points: 8, max: 8 });
    expect([r.raw, r.mitigation]).toEqual([8, 2]);
  });

  it('lists unanswered scored questions and required fields', () => {
    expect(unansweredScored(aia, { q1: 'p1' }).map((f) => f.id)).toEqual(['q2', 'm1', 'm2']);
    expect(missingRequired(aia, { name: '  ' }).map((f) => f.id)).toEqual(['name']);
    expect(missingRequired(aia, { name: 'Benefits triage' })).toEqual([]);
  });
});

const readiness: AssessmentTemplate = parseTemplate(
  {
    id: 'ready',
    title: 'Readiness',
    scoring: 'dimensions',
    scale: ['None', 'Some', 'Most', 'All'],
    sections: [
      { id: 'legal', title: 'Legal', fields: [{ id: 'l1', type: 'scale', label: 'L1' }, { id: 'l2', type: 'scale', label: 'L2' }, { id: 'ln', type: 'longtext', label: 'Notes' }] },
      { id: 'tech', title: 'Tech', fields: [{ id: 't1', type: 'scale', label: 'T1' }] },
    ],
  },
  'ready.json',
);

describe('dimensions', () => {
  it('scores each dimension over its answered questions', () => {
    const r = scoreTemplate(readiness, { l1: '3', l2: '1', ln: 'text is not scored' });
    expect(r.kind === 'dimensions' && r.dimensions.map((d) => [d.sectionId, d.points, d.max, d.percent, d.answered, d.questions])).toEqual([
      ['legal', 4, 6, (4 / 6) * 100, 2, 2],
      ['tech', 0, 0, null, 0, 1],
    ]);
  });

  it('ignores values outside the scale', () => {
    const r = scoreTemplate(readiness, { l1: '4', l2: '-1', t1: '2.5' });
    expect(r.kind === 'dimensions' && r.percent).toBeNull();
  });
});

const checklist = parseTemplate(
  {
    id: 'proc',
    title: 'Procurement',
    scoring: 'checklist',
    sections: [{ id: 's', title: 'S', fields: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, type: 'check', label: id.toUpperCase() })) }],
  },
  'proc.json',
);

describe('checklist', () => {
  it('counts yes as met, partly as half, leaves "not applicable" out and lists the gaps', () => {
    const r = scoreTemplate(checklist, { a: 'yes', b: 'partly', c: 'no', d: 'na' });
    expect(r.kind === 'checklist' && [r.points, r.max, r.percent, r.notApplicable]).toEqual([3, 6, 50, 1]);
    expect(r.kind === 'checklist' && r.gaps.map((g) => [g.fieldId, g.answer])).toEqual([['b', 'partly'], ['c', 'no'], ['e', null]]);
  });
});

const incident = parseTemplate(
  {
    id: 'incident',
    title: 'Incident',
    scoring: 'none',
    deadline: { from: 'aware', by: 'severity' },
    sections: [
      {
        id: 's',
        title: 'S',
        fields: [
          { id: 'aware', type: 'date', label: 'Aware' },
          { id: 'severity', type: 'choice', label: 'Severity', options: [{ id: 'death', text: 'Death', days: 10 }, { id: 'wide', text: 'Widespread', days: 2 }, { id: 'hazard', text: 'Hazard' }] },
        ],
      },
    ],
  },
  'incident.json',
);

describe('deadline', () => {
  it('adds the chosen option’s days to the date, across month ends and leap days', () => {
    expect(deadlineOf(incident, { aware: '2026-02-27', severity: 'wide' })).toEqual({ due: '2026-03-01', days: 2 });
    expect(deadlineOf(incident, { aware: '2028-02-20', severity: 'death' })).toEqual({ due: '2028-03-01', days: 10 });
  });

  it('gives no date while the answers are missing or malformed', () => {
    expect(deadlineOf(incident, { aware: '2026-02-27', severity: 'hazard' })).toBeNull();
    expect(deadlineOf(incident, { aware: '27/02/2026', severity: 'death' })).toBeNull();
    expect(deadlineOf(incident, { aware: '2026-13-45', severity: 'death' })).toBeNull();
    expect(deadlineOf(incident, { severity: 'death' })).toBeNull();
    expect(deadlineOf(checklist, {})).toBeNull();
  });
});
