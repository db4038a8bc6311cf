import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Quiz, QuizQuestion } from '../../core/content/model';
import { scoreQuiz, type Answers, type QuizScore } from '../../core/quiz';
import { answerSubmitted, quizScored } from '../../core/xapi/statement';
import { useApp } from '../app/AppContext';
import { href } from '../app/router';
import { useItem } from '../app/useItem';
import { ContentUnavailable, FallbackNote, Loading } from '../components/ContentNotice';
import { ItemLinks } from '../components/ItemLinks';
import { formatDate, formatPercent } from '../i18n/format';
import { contentAttributes } from '../i18n/languages';

export function QuizTake({ quizId }: { quizId: string }): ReactNode {
  const { t } = useTranslation();
  const { language } = useApp();
  const state = useItem('quiz', quizId);
  const [attempt, setAttempt] = useState(0);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ContentUnavailable detail={state.message} />;
  const quiz = state.item.value;
  return (
    <div className="screen quiz">
      <h1 tabIndex={-1} {...contentAttributes(state.item.language)}>
        {quiz.title}
      </h1>
      {state.item.isFallback ? <FallbackNote shownIn={state.item.language} wanted={language} /> : null}
      <p className="muted">{t('assessments.passMark', { percent: formatPercent(quiz.passMark / 100, language) })}</p>
      <QuizForm key={attempt} quiz={quiz} contentLanguage={state.item.language} onRetry={() => setAttempt((n) => n + 1)} />
      <AttemptHistory quizId={quiz.id} />
      {quiz.moduleId ? (
        <p>
          <a href={href('modules', quiz.moduleId)}>{t('quiz.backToModule')}</a>
        </p>
      ) : null}
    </div>
  );
}

function QuizForm({ quiz, contentLanguage, onRetry }: { quiz: Quiz; contentLanguage: string; onRetry: () => void }): ReactNode {
  const text = contentAttributes(contentLanguage);
  const { t } = useTranslation();
  const { pack, record, language } = useApp();
  const [answers, setAnswers] = useState<Answers>({});
  const [result, setResult] = useState<QuizScore | null>(null);
  const [missing, setMissing] = useState(false);
  const unanswered = quiz.questions.filter((q) => (answers[q.id] ?? []).length === 0);

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    if (unanswered.length > 0) {
      setMissing(true);
      document.getElementById(`q-${unanswered[0]?.id ?? ''}`)?.focus();
      return;
    }
    const score = scoreQuiz(quiz, answers);
    const attemptId = crypto.randomUUID();
    const packId = pack?.index.id ?? '';
    const saved = await record((next) => [
      ...quiz.questions.map((q) =>
        answerSubmitted(next(), { packId, quizId: quiz.id, attemptId, questionId: q.id, kind: q.kind, response: answers[q.id] ?? [], correct: q.correct }),
      ),
      quizScored(next(), { packId, quizId: quiz.id, attemptId, title: quiz.title, raw: score.raw, max: score.max, passed: score.passed }),
    ]);
    if (saved) {
      setResult(score);
      requestAnimationFrame(() => document.getElementById('quiz-result')?.focus());
    }
  };

  const set = (q: QuizQuestion, optionId: string, checked: boolean): void => {
    if (result) return;
    setAnswers((a) => {
      const prev = a[q.id] ?? [];
      const nextIds = q.kind === 'multiple' ? (checked ? [...prev, optionId] : prev.filter((x) => x !== optionId)) : [optionId];
      return { ...a, [q.id]: nextIds };
    });
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      {result ? (
        <div id="quiz-result" className={`card result ${result.passed ? 'passed' : 'failed'}`} tabIndex={-1} role="status">
          <h2>{result.passed ? t('quiz.passed') : t('quiz.notPassed')}</h2>
          <p className="score">{t('quiz.score', { raw: result.raw, max: result.max, percent: formatPercent(result.percent / 100, language) })}</p>
          <button type="button" onClick={onRetry}>
            {t('quiz.tryAgain')}
          </button>
          {quiz.moduleId ? <PractiseNext moduleId={quiz.moduleId} /> : null}
        </div>
      ) : null}
      <ol className="questions">
        {quiz.questions.map((q, i) => {
          const outcome = result?.outcomes.find((o) => o.questionId === q.id);
          const given = answers[q.id] ?? [];
          return (
            <li key={q.id} className="question card">
              <fieldset id={`q-${q.id}`} tabIndex={-1} aria-describedby={outcome ? `fb-${q.id}` : undefined}>
                <legend>
                  <span className="q-number">{t('quiz.questionN', { n: i + 1 })}</span> <span {...text}>{q.prompt}</span>
                  <span className="q-kind">{t(`quiz.kind.${q.kind}`)}</span>
                </legend>
                {q.options.map((o) => {
                  const label = q.kind === 'true-false' ? t(o.id === 'true' ? 'quiz.true' : 'quiz.false') : o.text;
                  const isCorrect = q.correct.includes(o.id);
                  return (
                    <label key={o.id} className={`option${outcome ? (isCorrect ? ' correct' : given.includes(o.id) ? ' wrong' : '') : ''}`}>
                      <input
                        type={q.kind === 'multiple' ? 'checkbox' : 'radio'}
                        name={`q-${q.id}`}
                        value={o.id}
                        checked={given.includes(o.id)}
                        disabled={result !== null}
                        onChange={(e) => set(q, o.id, e.target.checked)}
                      />
                      <span {...(q.kind === 'true-false' ? {} : text)}>{label}</span>
                      {outcome && isCorrect ? <span className="visually-hidden"> ({t('quiz.correctAnswer')})</span> : null}
                    </label>
                  );
                })}
                {outcome ? (
                  <div id={`fb-${q.id}`} className={`feedback ${outcome.correct ? 'right' : 'wrong'}`}>
                    <p>
                      <strong>{outcome.correct ? t('quiz.right') : t('quiz.wrong')}</strong> <span {...text}>{q.explanation}</span>
                    </p>
                    {q.sectionId && quiz.moduleId ? <a href={href('modules', quiz.moduleId, q.sectionId)}>{t('quiz.reviewSection')}</a> : null}
                  </div>
                ) : null}
              </fieldset>
            </li>
          );
        })}
      </ol>
      {!result ? (
        <>
          {missing && unanswered.length > 0 ? (
            <p className="field-error" role="alert">
              {t('quiz.answerAll', { count: unanswered.length })}
            </p>
          ) : null}
          <button type="submit" className="primary">
            {t('quiz.submit')}
          </button>
        </>
      ) : null}
    </form>
  );
}

function AttemptHistory({ quizId }: { quizId: string }): ReactNode {
  const { t } = useTranslation();
  const { progress, language } = useApp();
  const attempts = progress.quizzes.get(quizId)?.attempts ?? [];
  if (attempts.length === 0) return null;
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">{t('quiz.history')}</h2>
      <table className="history">
        <thead>
          <tr>
            <th scope="col">{t('quiz.when')}</th>
            <th scope="col">{t('quiz.result')}</th>
            <th scope="col">{t('quiz.outcome')}</th>
          </tr>
        </thead>
        <tbody>
          {[...attempts].reverse().map((a) => (
            <tr key={a.attemptId}>
              <td>{formatDate(a.at, language)}</td>
              <td>{formatPercent(a.percent / 100, language)}</td>
              <td>{a.passed ? t('quiz.passedShort') : t('quiz.notPassedShort')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** After a quiz, the templates its module offers for putting the knowledge to work. */
function PractiseNext({ moduleId }: { moduleId: string }): ReactNode {
  const { t } = useTranslation();
  const state = useItem('module', moduleId);
  if (state.status !== 'ready' || state.item.value.templateIds.length === 0) return null;
  return <ItemLinks heading={t('quiz.practise')} kind="template" ids={state.item.value.templateIds} />;
}
