/**
 * The people, laptops and learning records of the sync chaos test, all drawn
 * from one seed: four learners on five laptops, one laptop shared by two
 * colleagues, two learners who study on two laptops, and one laptop whose
 * clock is years ahead.
 */
import { answerSubmitted, moduleCompleted, quizScored, sectionRead, type EventEnvelope, type Learner, type Statement } from '../../core/xapi/statement';
import { pick, seededUuid, streamFor } from './seededRandom';

export interface DeviceSpec {
  readonly name: string;
  readonly learners: readonly Learner[];
  /** How far this laptop's clock is off; the hub must not care. */
  readonly clockSkewDays: number;
}

const LANGUAGES = ['fr', 'ar', 'sw', 'pt', 'es', 'en'] as const;
const MODULES = ['foundations', 'risk-based-regulation', 'data-protection', 'procurement', 'oversight'] as const;
// Titles in the learners' scripts, so a statement that comes back re-encoded would show.
const TITLES = ['Principes de gouvernance', 'تقييم المخاطر', 'Usimamizi wa data', 'Contratação pública', 'Supervisión humana', 'Impact assessment'] as const;

export function chaosDevices(seed: number): DeviceSpec[] {
  const random = streamFor(seed, 'learners');
  const learner = (name: string): Learner => ({ id: seededUuid(random), name });
  const [amina, baraka, chidi, dalia] = [learner('Amina'), learner('Baraka'), learner('Chidi'), learner('Dalia')];
  return [
    { name: 'laptop-1', learners: [amina], clockSkewDays: 0 },
    { name: 'shared-office-laptop', learners: [amina, baraka], clockSkewDays: 0 },
    { name: 'laptop-3', learners: [baraka], clockSkewDays: -2 },
    { name: 'laptop-4', learners: [chidi], clockSkewDays: 1100 },
    { name: 'trainer-laptop', learners: [chidi, dalia], clockSkewDays: 0 },
  ];
}

/** One learning event of a random kind, as the app would record it. */
function event(random: () => number, env: EventEnvelope): Statement {
  const packId = 'ai-governance';
  const moduleId = pick(random, MODULES);
  const quizId = `${moduleId}-check`;
  const attemptId = seededUuid(random);
  const roll = random();
  if (roll < 0.6) return sectionRead(env, { packId, moduleId, sectionId: `s${Math.floor(random() * 12)}`, title: pick(random, TITLES) });
  if (roll < 0.85) {
    const correct = [pick(random, ['a', 'b', 'c', 'd'])];
    return answerSubmitted(env, { packId, quizId, attemptId, questionId: `q${Math.floor(random() * 8)}`, kind: 'single', response: [pick(random, ['a', 'b', 'c', 'd'])], correct });
  }
  if (roll < 0.95) {
    const raw = Math.floor(random() * 11);
    return quizScored(env, { packId, quizId, attemptId, title: pick(random, TITLES), raw, max: 10, passed: raw >= 7 });
  }
  return moduleCompleted(env, { packId, moduleId, title: pick(random, TITLES) });
}

/** `count` statements made on `device`, oldest first, a minute or so apart by its own clock. */
export function studyOn(seed: number, device: DeviceSpec, count: number): Statement[] {
  const random = streamFor(seed, `statements:${device.name}`);
  let at = Date.parse('2026-03-02T07:30:00.000Z') + device.clockSkewDays * 86_400_000;
  return Array.from({ length: count }, () => {
    at += 20_000 + Math.floor(random() * 100_000);
    const env: EventEnvelope = { id: seededUuid(random), timestamp: new Date(at).toISOString(), learner: pick(random, device.learners), language: pick(random, LANGUAGES) };
    return event(random, env);
  });
}
