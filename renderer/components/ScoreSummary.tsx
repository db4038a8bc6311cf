import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScoreResult } from '../../core/assessment/score';
import { formatNumber, formatPercent } from '../i18n/format';
import { contentAttributes } from '../i18n/languages';
import { DimensionChart } from './DimensionChart';

/** What a filled-in template adds up to: a level, a chart or a share met, with the figures behind it. */
export function ScoreSummary({ result, language, contentLanguage, full }: { result: ScoreResult; language: string; contentLanguage: string; full: boolean }): ReactNode {
  const { t } = useTranslation();
  const n = (value: number): string => formatNumber(Math.round(value * 100) / 100, language);
  switch (result.kind) {
    case 'impact-level':
      return (
        <div className="score-summary">
          <p className="score-headline">
            {t('templates.levelIs')}{' '}
            <strong>
              {result.level.id}
              {result.level.title ? <span {...contentAttributes(contentLanguage)}> — {result.level.title}</span> : null}
            </strong>
          </p>
          {result.level.description ? <p {...contentAttributes(contentLanguage)}>{result.level.description}</p> : null}
          <ul className="score-figures">
            <li>{t('templates.rawScore', { score: n(result.raw), max: n(result.maxRaw) })}</li>
            <li>{t('templates.mitigationScore', { score: n(result.mitigation), max: n(result.maxMitigation) })}</li>
            <li>{result.mitigated ? t('templates.mitigated', { score: n(result.current) }) : t('templates.notMitigated')}</li>
            <li>{t('templates.shareOfMax', { percent: formatPercent(result.percent / 100, language) })}</li>
          </ul>
          {full && result.level.requirements.length > 0 ? (
            <section aria-labelledby="level-requirements">
              <h3 id="level-requirements">{t('templates.requirements', { level: result.level.id })}</h3>
              <ul {...contentAttributes(contentLanguage)}>
                {result.level.requirements.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      );
    case 'dimensions':
      return (
        <div className="score-summary">
          <p className="score-headline">
            {t('templates.overall')} <strong>{result.percent === null ? t('templates.notAnswered') : formatPercent(result.percent / 100, language)}</strong>
          </p>
          <DimensionChart dimensions={result.dimensions} language={language} contentLanguage={contentLanguage} />
        </div>
      );
    case 'checklist':
      return (
        <div className="score-summary">
          <p className="score-headline">
            {t('templates.met')} <strong>{result.percent === null ? t('templates.notAnswered') : formatPercent(result.percent / 100, language)}</strong>
          </p>
          <p className="muted">{t('templates.checklistRule', { count: result.notApplicable })}</p>
          {full && result.gaps.length > 0 ? (
            <section aria-labelledby="gaps-title">
              <h3 id="gaps-title">{t('templates.gaps')}</h3>
              <ul>
                {result.gaps.map((g) => (
                  <li key={g.fieldId}>
                    <span {...contentAttributes(contentLanguage)}>{g.label}</span> — {g.answer ? t(`templates.check.${g.answer}`) : t('templates.notAnswered')}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      );
    default:
      return null;
  }
}
