import type { ReactNode } from 'react';
import { formatPercent } from '../i18n/format';

export function ProgressBar({ fraction, label, language }: { fraction: number; label: string; language: string }): ReactNode {
  const clamped = Math.max(0, Math.min(1, fraction));
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(clamped * 100)}
        aria-valuetext={formatPercent(clamped, language)}
      >
        <div className="progress-fill" style={{ inlineSize: `${clamped * 100}%` }} />
      </div>
      <span className="progress-value">{formatPercent(clamped, language)}</span>
    </div>
  );
}
