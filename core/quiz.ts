/** Scoring a quiz attempt: pure, so the same rules hold in the app, the hub and reports. */
import type { Quiz, QuizQuestion } from './content/model';

export type Answers = Readonly<Record<string, readonly string[]>>;

export interface QuestionOutcome {
  readonly questionId: string;
  readonly given: readonly string[];
  readonly correct: boolean;
}

export interface QuizScore {
  readonly raw: number;
  readonly max: number;
  /** 0–100, rounded down so a learner never passes on rounding. */
  readonly percent: number;
  readonly passed: boolean;
  readonly outcomes: readonly QuestionOutcome[];
}

export function isCorrect(question: QuizQuestion, given: readonly string[]): boolean {
  const unique = new Set(given);
  return unique.size === question.correct.length && question.correct.every((c) => unique.has(c));
}

/** Each question is worth one point; a multiple-choice answer counts only when exactly right. */
export function scoreQuiz(quiz: Quiz, answers: Answers): QuizScore {
  const outcomes = quiz.questions.map((q) => {
    const given = answers[q.id] ?? [];
    return { questionId: q.id, given, correct: isCorrect(q, given) };
  });
  const raw = outcomes.filter((o) => o.correct).length;
  const max = quiz.questions.length;
  const percent = max === 0 ? 0 : Math.floor((raw * 100) / max);
  return { raw, max, percent, passed: percent >= quiz.passMark, outcomes };
}
