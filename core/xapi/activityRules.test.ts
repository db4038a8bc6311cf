import { describe, expect, it } from 'vitest';
import { StatementError, validateStatement } from './validate';

const about = (definition: unknown, sub = false): Record<string, unknown> => {
  const activity = { objectType: 'Activity', id: 'http://example.org/question/1', definition };
  const base = { actor: { mbox: 'mailto:learner@example.org' }, verb: { id: 'http://adlnet.gov/expapi/verbs/answered' } };
  return sub ? { ...base, object: { objectType: 'SubStatement', ...base, object: activity } } : { ...base, object: activity };
};
const choices = [
  { id: 'golf', description: { 'en-US': 'Golf Example' } },
  { id: 'tetris', description: { 'en-US': 'Tetris Example' } },
];

describe('interaction activities (xAPI Data 2.4.4.1)', () => {
  it.each([
    ['choice', { interactionType: 'choice', correctResponsesPattern: ['golf[,]tetris'], choices }],
    ['likert', { interactionType: 'likert', correctResponsesPattern: ['likert_3'], scale: [{ id: 'likert_3' }] }],
    ['matching', { interactionType: 'matching', correctResponsesPattern: ['a[.]1'], source: [{ id: 'a' }], target: [{ id: '1' }] }],
    ['performance', { interactionType: 'performance', correctResponsesPattern: ['pong[.]1:[,]dg[.]:10'], steps: [{ id: 'pong' }, { id: 'dg' }] }],
    ['fill-in without components', { interactionType: 'fill-in', correctResponsesPattern: ['Bob'] }],
    ['an empty pattern list', { interactionType: 'other', correctResponsesPattern: [] }],
    ['a definition without any interaction property', { name: { en: 'Question 1' }, type: 'http://adlnet.gov/expapi/activities/cmi.interaction' }],
  ])('accepts %s', (_name, definition) => {
    expect(() => validateStatement(about(definition))).not.toThrow();
  });

  it.each(['correctResponsesPattern', 'choices', 'scale', 'source', 'target', 'steps'])('refuses %s without an interactionType, in a statement and in a SubStatement', (property) => {
    const value = property === 'correctResponsesPattern' ? ['golf'] : choices;
    for (const sub of [false, true]) {
      const attempt = (): unknown => validateStatement(about({ name: { 'en-US': 'Q' }, [property]: value }, sub));
      expect(attempt).toThrow(StatementError);
      expect(attempt).toThrow(new RegExp(`definition\\.interactionType: is required when the definition has ${property}`));
    }
  });

  it.each([
    ['an unknown interactionType', { interactionType: 'essay' }, /interactionType: must be one of/],
    ['an interactionType IRI', { interactionType: 'http://adlnet.gov/expapi/activities/cmi.interaction' }, /interactionType: must be one of/],
    ['a numeric interactionType', { interactionType: 12345 }, /interactionType: must be one of/],
    ['an object as interactionType', { interactionType: { type: 'choice' } }, /interactionType: must be one of/],
    ['a pattern that is a string', { interactionType: 'choice', correctResponsesPattern: 'golf' }, /correctResponsesPattern: must be a list/],
    ['a pattern with a number', { interactionType: 'numeric', correctResponsesPattern: [4] }, /correctResponsesPattern\[0\]: must be a string/],
    ['choices as an object', { interactionType: 'choice', choices: { id: 'golf' } }, /choices: must be a list/],
    ['a component without an id', { interactionType: 'choice', choices: [{ description: { en: 'x' } }] }, /choices\[0\]\.id: must be a string/],
    ['a component with a numeric id', { interactionType: 'choice', choices: [{ id: 1 }] }, /choices\[0\]\.id: must be a string/],
    ['a component with an empty id', { interactionType: 'choice', choices: [{ id: '' }] }, /choices\[0\]\.id: must not be empty/],
    ['two components with one id', { interactionType: 'sequencing', choices: [{ id: 'a' }, { id: 'b' }, { id: 'a' }] }, /choices\[2\]\.id: repeats the id "a"/],
    ['a component description with a bad language tag', { interactionType: 'likert', scale: [{ id: 'a', description: { 'not a tag': 'x' } }] }, /scale\[0\]\.description\.not a tag: is not a language tag/],
    ['a component description that is a string', { interactionType: 'likert', scale: [{ id: 'a', description: 'x' }] }, /scale\[0\]\.description: must be an object/],
    ['an unknown component property', { interactionType: 'matching', source: [{ id: 'a', score: 3 }] }, /source\[0\]\.score: is not a property/],
    ['a null component', { interactionType: 'performance', steps: [null] }, /steps\[0\]: must be an object/],
  ])('refuses %s', (_name, definition, reason) => {
    expect(() => validateStatement(about(definition))).toThrow(reason);
  });
});
