import { describe, expect, it } from 'vitest';
import type { Quiz } from './content/model';
import { isCorrect, scoreQuiz } from './quiz';

const quiz: Quiz = {
  id: 'q',
  title: 'Q',
  passMark: 70,
  questions: [
    { id: 'one', kind: 'single', prompt: '', options: [{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }], correct: ['b'], explanation: '' },
    { id: 'many', kind: 'multiple', prompt: '', options: [{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }, { id: 'c', text: 'C' }], correct: ['a', 'c'], explanation: '' },
    { id: 'tf', kind: 'true-false', prompt: '', options: [{ id: 'true', text: '' }, { id: 'false', text: '' }], correct: ['false'], explanation: '' },
  ],
};

describe('scoreQuiz', () => {
  it('gives one point per exactly-right answer and passes at the mark', () => {
    const score = scoreQuiz(quiz, { one: ['b'], many: ['c', 'a'], tf: ['false'] });
    expect(score).toMatchObject({ raw: 3, max: 3, percent: 100, passed: true });
  });

  it('counts a partly right multiple-choice answer as wrong', () => {
    const score = scoreQuiz(quiz, { one: ['b'], many: ['a'], tf: ['false'] });
    expect(score.raw).toBe(2);
    expect(score.outcomes.find((o) => o.questionId === 'many')?.correct).toBe(false);
  });

  it('rounds the percentage down, so 2 of 3 (66.7 %) fails a 67 % mark', () => {
    const score = scoreQuiz({ ...quiz, passMark: 67 }, { one: ['b'], many: ['a', 'c'], tf: ['true'] });
    expect(score.percent).toBe(66);
    expect(score.passed).toBe(false);
  });

  it('treats unanswered questions and unknown option ids as wrong', () => {
    const score = scoreQuiz(quiz, { one: ['zzz'] });
    expect(score.raw).toBe(0);
    expect(score.passed).toBe(false);
  });

  it('does not let a repeated option stand in for a missing one', () => {
    expect(isCorrect(quiz.questions[1]!, ['a', 'a'])).toBe(false);
    expect(isCorrect(quiz.questions[1]!, ['a', 'a', 'c'])).toBe(true);
  });
});
