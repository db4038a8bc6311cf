/**
 * Progress is folded from xAPI statements, never stored beside them. The fold
 * depends only on the set of statements (not their order or duplicates), so
 * statements from another device merge by plain union.
 */
import type { PackIndex, PackIndexItem } from './content/model';
import type { Statement } from './xapi/statement';
import { parseActivityIri, VERBS } from './xapi/statement';

export interface ModuleProgress {
  readonly sectionsRead: ReadonlySet<string>;
  readonly completed: boolean;
  /** The section read most recently, by statement timestamp. */
  readonly lastSectionId?: string;
  readonly lastAt?: string;
}

export interface QuizAttempt {
  readonly attemptId: string;
  readonly raw: number;
  readonly max: number;
  readonly percent: number;
  readonly passed: boolean;
  readonly at: string;
}

export interface QuizProgress {
  /** Oldest first. */
  readonly attempts: readonly QuizAttempt[];
  readonly best?: QuizAttempt;
  readonly passed: boolean;
}

export interface LastActivity {
  readonly moduleId: string;
  readonly sectionId: string;
  readonly at: string;
}

export interface Progress {
  readonly modules: ReadonlyMap<string, ModuleProgress>;
  readonly quizzes: ReadonlyMap<string, QuizProgress>;
  readonly last?: LastActivity;
}

interface MutableModule {
  sectionsRead: Set<string>;
  completed: boolean;
  lastSectionId?: string;
  lastAt?: string;
  lastStatementId?: string;
}

/** Later timestamp wins; equal timestamps are settled by statement id so every device agrees. */
function isLater(at: string, id: string, prevAt: string | undefined, prevId: string | undefined): boolean {
  if (prevAt === undefined) return true;
  const a = Date.parse(at);
  const b = Date.parse(prevAt);
  if (a !== b) return a > b;
  return id > (prevId ?? '');
}

export function foldProgress(statements: Iterable<Statement>, learnerId: string, packId: string): Progress {
  const unique = new Map<string, Statement>();
  const voided = new Set<string>();
  for (const s of statements) {
    if (s.actor.account.name !== learnerId) continue;
    if (s.verb.id === VERBS.voided && s.object.objectType === 'StatementRef') voided.add(s.object.id);
    else unique.set(s.id, s);
  }

  const modules = new Map<string, MutableModule>();
  const attempts = new Map<string, QuizAttempt[]>();
  const moduleOf = (id: string): MutableModule => {
    let m = modules.get(id);
    if (!m) modules.set(id, (m = { sectionsRead: new Set(), completed: false }));
    return m;
  };

  for (const s of unique.values()) {
    if (voided.has(s.id) || s.object.objectType !== 'Activity') continue;
    const ref = parseActivityIri(s.object.id);
    if (!ref || ref.packId !== packId) continue;
    if (s.verb.id === VERBS.experienced && ref.kind === 'section') {
      const m = moduleOf(ref.moduleId);
      m.sectionsRead.add(ref.sectionId);
      if (isLater(s.timestamp, s.id, m.lastAt, m.lastStatementId)) {
        m.lastSectionId = ref.sectionId;
        m.lastAt = s.timestamp;
        m.lastStatementId = s.id;
      }
    } else if (s.verb.id === VERBS.completed && ref.kind === 'module') {
      moduleOf(ref.moduleId).completed = true;
    } else if (s.verb.id === VERBS.scored && ref.kind === 'quiz') {
      const score = s.result?.score;
      if (!score || typeof score.raw !== 'number' || typeof score.max !== 'number') continue;
      const list = attempts.get(ref.quizId) ?? [];
      list.push({
        attemptId: s.context?.registration ?? s.id,
        raw: score.raw,
        max: score.max,
        percent: score.max === 0 ? 0 : Math.floor((score.raw * 100) / score.max),
        passed: s.result?.success === true,
        at: s.timestamp,
      });
      attempts.set(ref.quizId, list);
    }
  }

  let last: LastActivity | undefined;
  let lastId: string | undefined;
  const moduleProgress = new Map<string, ModuleProgress>();
  for (const [id, m] of modules) {
    moduleProgress.set(id, {
      sectionsRead: m.sectionsRead,
      completed: m.completed,
      ...(m.lastSectionId && m.lastAt ? { lastSectionId: m.lastSectionId, lastAt: m.lastAt } : {}),
    });
    if (m.lastSectionId && m.lastAt && m.lastStatementId && isLater(m.lastAt, m.lastStatementId, last?.at, lastId)) {
      last = { moduleId: id, sectionId: m.lastSectionId, at: m.lastAt };
      lastId = m.lastStatementId;
    }
  }

  const quizProgress = new Map<string, QuizProgress>();
  for (const [id, list] of attempts) {
    list.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.attemptId.localeCompare(b.attemptId));
    const best = list.reduce<QuizAttempt | undefined>((acc, a) => (!acc || a.percent > acc.percent ? a : acc), undefined);
    quizProgress.set(id, { attempts: list, ...(best ? { best } : {}), passed: list.some((a) => a.passed) });
  }

  return { modules: moduleProgress, quizzes: quizProgress, ...(last ? { last } : {}) };
}

/** Share of a module's sections read, 0–1. A completed module counts as whole. */
export function moduleFraction(progress: Progress, item: PackIndexItem): number {
  const m = progress.modules.get(item.id);
  if (!m) return 0;
  if (m.completed) return 1;
  const sections = item.sections ?? [];
  if (sections.length === 0) return 0;
  return sections.filter((s) => m.sectionsRead.has(s)).length / sections.length;
}

export interface OverallProgress {
  readonly modulesCompleted: number;
  readonly modulesTotal: number;
  readonly quizzesPassed: number;
  readonly quizzesTotal: number;
  /** Sections read over all sections, 0–1. */
  readonly fraction: number;
}

export function overallProgress(progress: Progress, index: PackIndex): OverallProgress {
  const modules = index.items.filter((i) => i.kind === 'module');
  const quizzes = index.items.filter((i) => i.kind === 'quiz');
  let read = 0;
  let total = 0;
  for (const item of modules) {
    const n = item.sections?.length ?? 0;
    total += n;
    read += moduleFraction(progress, item) * n;
  }
  return {
    modulesCompleted: modules.filter((m) => progress.modules.get(m.id)?.completed).length,
    modulesTotal: modules.length,
    quizzesPassed: quizzes.filter((q) => progress.quizzes.get(q.id)?.passed).length,
    quizzesTotal: quizzes.length,
    fraction: total === 0 ? 0 : read / total,
  };
}
