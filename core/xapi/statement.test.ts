import { describe, expect, it } from 'vitest';
import { activityIri, answerSubmitted, LEARNER_HOME_PAGE, parseActivityIri, quizScored, sectionRead, VERBS, XAPI_VERSION } from './statement';

const env = { id: '0b5c4d1e-1f2a-4b3c-8d4e-5f6a7b8c9d0e', timestamp: '2026-11-27T08:00:00.000Z', learner: { id: 'learner-1', name: 'Amina' }, language: 'fr' };

describe('statements', () => {
  it('writes a section read as "experienced" by an account agent, inside its module', () => {
    const s = sectionRead(env, { packId: 'p', moduleId: 'm', sectionId: 's' });
    expect(s).toMatchObject({ id: env.id, version: XAPI_VERSION, timestamp: env.timestamp, verb: { id: VERBS.experienced } });
    expect(s.actor).toEqual({ objectType: 'Agent', name: 'Amina', account: { homePage: LEARNER_HOME_PAGE, name: 'learner-1' } });
    expect(s.context?.contextActivities?.parent?.[0]?.id).toBe(activityIri('p', 'modules', 'm'));
    expect(s.context?.language).toBe('fr');
  });

  it('records the response, correctness and attempt of an answer', () => {
    const s = answerSubmitted(env, { packId: 'p', quizId: 'q', attemptId: 'att', questionId: 'q1', kind: 'multiple', response: ['c', 'a'], correct: ['a', 'c'] });
    expect(s.result).toEqual({ response: 'c[,]a', success: true });
    expect(s.context?.registration).toBe('att');
  });

  it('scales the quiz score between 0 and 1', () => {
    const s = quizScored(env, { packId: 'p', quizId: 'q', attemptId: 'att', raw: 2, max: 3, passed: false });
    expect(s.result?.score).toEqual({ raw: 2, min: 0, max: 3, scaled: 0.6667 });
    expect(s.result?.success).toBe(false);
  });
});

describe('activity IRIs', () => {
  it('round-trip every kind, including ids that need encoding', () => {
    expect(parseActivityIri(activityIri('p', 'modules', 'm'))).toEqual({ kind: 'module', packId: 'p', moduleId: 'm' });
    expect(parseActivityIri(activityIri('p', 'modules', 'm', 'sections', 's/1'))).toEqual({ kind: 'section', packId: 'p', moduleId: 'm', sectionId: 's/1' });
    expect(parseActivityIri(activityIri('p', 'quizzes', 'q'))).toEqual({ kind: 'quiz', packId: 'p', quizId: 'q' });
    expect(parseActivityIri(activityIri('p', 'quizzes', 'q', 'questions', 'x'))).toEqual({ kind: 'question', packId: 'p', quizId: 'q', questionId: 'x' });
  });

  it('ignores foreign and malformed IRIs', () => {
    expect(parseActivityIri('https://example.org/activities/x')).toBeNull();
    expect(parseActivityIri(activityIri('p', 'modules'))).toBeNull();
    expect(parseActivityIri(`${activityIri('p', 'modules', 'm')}/extra`)).toBeNull();
    expect(parseActivityIri(`${activityIri('p', 'modules', 'm')}%E0%A4%A`)).toBeNull();
  });
});
