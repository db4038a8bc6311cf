/** The subset of xAPI 2.0 statements Baraza writes, and builders for each learning event. */

export const XAPI_VERSION = '2.0.0';

/**
 * Learners are account agents: the name is a UUID made on the device, so no
 * e-mail is needed. `.invalid` is reserved (RFC 2606): it names this scheme
 * without pointing at anyone's server.
 */
export const LEARNER_HOME_PAGE = 'https://baraza.invalid/learners';
export const ACTIVITY_BASE = 'https://baraza.invalid/xapi/activities';
export const PLATFORM = 'Baraza';

export const VERBS = {
  experienced: 'http://adlnet.gov/expapi/verbs/experienced',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  answered: 'http://adlnet.gov/expapi/verbs/answered',
  scored: 'http://adlnet.gov/expapi/verbs/scored',
  voided: 'http://adlnet.gov/expapi/verbs/voided',
} as const;

export type VerbId = (typeof VERBS)[keyof typeof VERBS];

const ACTIVITY_TYPES = {
  module: 'http://adlnet.gov/expapi/activities/module',
  section: 'http://id.tincanapi.com/activitytype/section',
  assessment: 'http://adlnet.gov/expapi/activities/assessment',
  question: 'http://adlnet.gov/expapi/activities/cmi.interaction',
} as const;

export interface AccountAgent {
  readonly objectType: 'Agent';
  readonly name?: string;
  readonly account: { readonly homePage: string; readonly name: string };
}

export interface Verb {
  readonly id: string;
  readonly display: Readonly<Record<string, string>>;
}

export interface ActivityDefinition {
  readonly type?: string;
  readonly name?: Readonly<Record<string, string>>;
  readonly interactionType?: 'choice' | 'true-false';
  readonly correctResponsesPattern?: readonly string[];
}

export interface Activity {
  readonly objectType: 'Activity';
  readonly id: string;
  readonly definition?: ActivityDefinition;
}

export interface StatementRef {
  readonly objectType: 'StatementRef';
  readonly id: string;
}

export interface Result {
  readonly score?: { readonly scaled?: number; readonly raw?: number; readonly min?: number; readonly max?: number };
  readonly success?: boolean;
  readonly completion?: boolean;
  readonly response?: string;
}

export interface Context {
  readonly registration?: string;
  readonly contextActivities?: { readonly parent?: readonly Activity[]; readonly grouping?: readonly Activity[] };
  readonly language?: string;
  readonly platform?: string;
}

export interface Statement {
  readonly id: string;
  readonly actor: AccountAgent;
  readonly verb: Verb;
  readonly object: Activity | StatementRef;
  readonly result?: Result;
  readonly context?: Context;
  /** When it happened, by the device clock. */
  readonly timestamp: string;
  readonly version: string;
}

export interface Learner {
  readonly id: string;
  readonly name: string;
}

/** What every event needs besides its own facts: who, when, a fresh id, and the UI language. */
export interface EventEnvelope {
  readonly learner: Learner;
  readonly id: string;
  readonly timestamp: string;
  readonly language: string;
}

export function learnerAgent(learner: Learner): AccountAgent {
  return { objectType: 'Agent', name: learner.name, account: { homePage: LEARNER_HOME_PAGE, name: learner.id } };
}

export function activityIri(packId: string, ...path: string[]): string {
  return `${ACTIVITY_BASE}/${[packId, ...path].map(encodeURIComponent).join('/')}`;
}

export type ActivityRef =
  | { readonly kind: 'module'; readonly packId: string; readonly moduleId: string }
  | { readonly kind: 'section'; readonly packId: string; readonly moduleId: string; readonly sectionId: string }
  | { readonly kind: 'quiz'; readonly packId: string; readonly quizId: string }
  | { readonly kind: 'question'; readonly packId: string; readonly quizId: string; readonly questionId: string };

/** Reads one of Baraza's own activity IRIs back; null for anything else. */
export function parseActivityIri(iri: string): ActivityRef | null {
  if (!iri.startsWith(`${ACTIVITY_BASE}/`)) return null;
  let parts: string[];
  try {
    parts = iri.slice(ACTIVITY_BASE.length + 1).split('/').map(decodeURIComponent);
  } catch {
    return null;
  }
  const [packId, folder, id, sub, subId] = parts;
  if (!packId || !id) return null;
  if (folder === 'modules' && parts.length === 3) return { kind: 'module', packId, moduleId: id };
  if (folder === 'modules' && sub === 'sections' && subId && parts.length === 5) return { kind: 'section', packId, moduleId: id, sectionId: subId };
  if (folder === 'quizzes' && parts.length === 3) return { kind: 'quiz', packId, quizId: id };
  if (folder === 'quizzes' && sub === 'questions' && subId && parts.length === 5) return { kind: 'question', packId, quizId: id, questionId: subId };
  return null;
}

function verb(id: VerbId): Verb {
  return { id, display: { en: id.slice(id.lastIndexOf('/') + 1) } };
}

function activity(id: string, type: string, name?: string): Activity {
  return { objectType: 'Activity', id, definition: { type, ...(name ? { name: { und: name } } : {}) } };
}

function base(env: EventEnvelope, verbId: VerbId, object: Activity, parents: Activity[], extra: { result?: Result; registration?: string } = {}): Statement {
  return {
    id: env.id,
    actor: learnerAgent(env.learner),
    verb: verb(verbId),
    object,
    ...(extra.result ? { result: extra.result } : {}),
    context: {
      ...(extra.registration ? { registration: extra.registration } : {}),
      ...(parents.length ? { contextActivities: { parent: parents } } : {}),
      language: env.language,
      platform: PLATFORM,
    },
    timestamp: env.timestamp,
    version: XAPI_VERSION,
  };
}

export interface ModuleRef {
  readonly packId: string;
  readonly moduleId: string;
}

export function moduleActivity(ref: ModuleRef, title?: string): Activity {
  return activity(activityIri(ref.packId, 'modules', ref.moduleId), ACTIVITY_TYPES.module, title);
}

export function sectionRead(env: EventEnvelope, ref: ModuleRef & { sectionId: string; title?: string }): Statement {
  const section = activity(activityIri(ref.packId, 'modules', ref.moduleId, 'sections', ref.sectionId), ACTIVITY_TYPES.section, ref.title);
  return base(env, VERBS.experienced, section, [moduleActivity(ref)]);
}

export function moduleCompleted(env: EventEnvelope, ref: ModuleRef & { title?: string }): Statement {
  return base(env, VERBS.completed, moduleActivity(ref, ref.title), [], { result: { completion: true } });
}

export interface QuizRef {
  readonly packId: string;
  readonly quizId: string;
}

export function quizActivity(ref: QuizRef, title?: string): Activity {
  return activity(activityIri(ref.packId, 'quizzes', ref.quizId), ACTIVITY_TYPES.assessment, title);
}

export function answerSubmitted(
  env: EventEnvelope,
  ref: QuizRef & { attemptId: string; questionId: string; kind: 'single' | 'multiple' | 'true-false'; response: readonly string[]; correct: readonly string[] },
): Statement {
  const trueFalse = ref.kind === 'true-false';
  const question: Activity = {
    objectType: 'Activity',
    id: activityIri(ref.packId, 'quizzes', ref.quizId, 'questions', ref.questionId),
    definition: {
      type: ACTIVITY_TYPES.question,
      interactionType: trueFalse ? 'true-false' : 'choice',
      correctResponsesPattern: [ref.correct.join('[,]')],
    },
  };
  const success = sameSet(ref.response, ref.correct);
  return base(env, VERBS.answered, question, [quizActivity(ref)], {
    result: { response: ref.response.join('[,]'), success },
    registration: ref.attemptId,
  });
}

export function quizScored(
  env: EventEnvelope,
  ref: QuizRef & { attemptId: string; title?: string; raw: number; max: number; passed: boolean },
): Statement {
  const scaled = ref.max === 0 ? 0 : Math.round((ref.raw / ref.max) * 10_000) / 10_000;
  return base(env, VERBS.scored, quizActivity(ref, ref.title), [], {
    result: { score: { raw: ref.raw, min: 0, max: ref.max, scaled }, success: ref.passed, completion: true },
    registration: ref.attemptId,
  });
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
