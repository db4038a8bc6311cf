import { describe, expect, it } from 'vitest';
import { parseGuideline, parseModule, parseQuiz } from './validate';

const question = { id: 'q1', kind: 'single', prompt: 'P', options: [{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }], correct: ['a'], explanation: 'E' };
const quiz = { id: 'quiz', title: 'T', passMark: 70, questions: [question] };

describe('content validation', () => {
  it('accepts a well-formed quiz and gives true/false questions their fixed options', () => {
    const parsed = parseQuiz({ ...quiz, questions: [question, { id: 'tf', kind: 'true-false', prompt: 'P', correct: ['false'], explanation: 'E' }] }, 'x');
    expect(parsed.questions[1]?.options.map((o) => o.id)).toEqual(['true', 'false']);
  });

  it.each([
    ['an answer that is not an option', { ...quiz, questions: [{ ...question, correct: ['z'] }] }, /not one of the options/],
    ['two answers to a single-choice question', { ...quiz, questions: [{ ...question, correct: ['a', 'b'] }] }, /exactly one/],
    ['duplicate question ids', { ...quiz, questions: [question, question] }, /appears twice/],
    ['an unknown question kind', { ...quiz, questions: [{ ...question, kind: 'essay' }] }, /unknown question kind/],
    ['a pass mark over 100', { ...quiz, passMark: 120 }, /passMark/],
    ['no questions', { ...quiz, questions: [] }, /at least one question/],
    ['an id with path characters', { ...quiz, id: '../x' }, /not a valid id/],
    ['a wrong type', { ...quiz, title: 42 }, /title: expected text/],
    ['a list where an object belongs', [quiz], /expected an object/],
  ])('refuses a quiz with %s', (_name, value, message) => {
    expect(() => parseQuiz(value, 'quiz.json')).toThrow(message);
  });

  it('refuses a module without sections or with duplicate section ids', () => {
    const module = { id: 'm', title: 'M', durationMinutes: 5, objectives: [], sections: [] as unknown[] };
    expect(() => parseModule(module, 'm.json')).toThrow(/at least one section/);
    const s = { id: 's', title: 'S', body: 'b' };
    expect(() => parseModule({ ...module, sections: [s, s] }, 'm.json')).toThrow(/appears twice/);
  });

  it('refuses a guideline without an https source or a real facts-as-of date', () => {
    const g = { id: 'g', title: 'G', issuer: 'I', adopted: '2019', legalNature: 'L', url: 'https://example.org', factsAsOf: '2026-11-01', body: 'b' };
    expect(parseGuideline(g, 'g.json').factsAsOf).toBe('2026-11-01');
    expect(() => parseGuideline({ ...g, url: 'javascript:alert(1)' }, 'g.json')).toThrow(/https/);
    expect(() => parseGuideline({ ...g, factsAsOf: 'recently' }, 'g.json')).toThrow(/YYYY-MM-DD/);
  });
});
