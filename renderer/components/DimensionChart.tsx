import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DimensionScore } from '../../core/assessment/score';
import { formatPercent } from '../i18n/format';

const ROW = 34;
const LABEL_WIDTH = 230;
const BAR_WIDTH = 320;

/**
 * Readiness per dimension as horizontal bars: readable in print and in black and
 * white, with the figures written out, and a table for screen readers.
 */
export function DimensionChart({ dimensions, language, contentLanguage }: { dimensions: readonly DimensionScore[]; language: string; contentLanguage: string }): ReactNode {
  const { t } = useTranslation();
  const rtl = contentLanguage === 'ar';
  const height = dimensions.length * ROW + 24;
  const width = LABEL_WIDTH + BAR_WIDTH + 70;
  return (
    <figure className="dimension-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="chart-caption">
        {[0, 0.25, 0.5, 0.75, 1].map((x) => (
          <line key={x} x1={LABEL_WIDTH + x * BAR_WIDTH} x2={LABEL_WIDTH + x * BAR_WIDTH} y1={0} y2={height - 20} className="chart-grid" />
        ))}
        {dimensions.map((d, i) => {
          const y = i * ROW + 6;
          const share = (d.percent ?? 0) / 100;
          return (
            <g key={d.sectionId}>
              {/* Right-to-left text anchored at its start also ends at the bar. */}
              <text x={LABEL_WIDTH - 8} y={y + 16} textAnchor={rtl ? 'start' : 'end'} direction={rtl ? 'rtl' : 'ltr'} className="chart-label" lang={contentLanguage}>
                {d.title.length > 34 ? `${d.title.slice(0, 33)}…` : d.title}
              </text>
              <rect x={LABEL_WIDTH} y={y} width={BAR_WIDTH} height={22} className="chart-track" />
              <rect x={LABEL_WIDTH} y={y} width={Math.max(0, share * BAR_WIDTH)} height={22} className="chart-bar" />
              <text x={LABEL_WIDTH + BAR_WIDTH + 8} y={y + 16} direction="ltr" className="chart-value">
                {d.percent === null ? '–' : formatPercent(share, language)}
              </text>
            </g>
          );
        })}
        {[0, 0.5, 1].map((x) => (
          <text key={x} x={LABEL_WIDTH + x * BAR_WIDTH} y={height - 4} textAnchor="middle" direction="ltr" className="chart-axis">
            {formatPercent(x, language)}
          </text>
        ))}
      </svg>
      <figcaption id="chart-caption">{t('templates.chartCaption')}</figcaption>
      <table className="visually-hidden">
        <thead>
          <tr>
            <th>{t('templates.dimension')}</th>
            <th>{t('templates.score')}</th>
          </tr>
        </thead>
        <tbody>
          {dimensions.map((d) => (
            <tr key={d.sectionId}>
              <td lang={contentLanguage}>{d.title}</td>
              <td>{d.percent === null ? t('templates.notAnswered') : formatPercent(d.percent / 100, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
