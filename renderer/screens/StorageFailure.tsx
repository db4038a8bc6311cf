import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StorageProblem } from '../db/errors';

/** Shown when the progress database cannot be opened. Nothing is deleted or reset from here. */
export function StorageFailure({ problem, detail }: { problem: StorageProblem; detail: string }): ReactNode {
  const { t } = useTranslation();
  return (
    <main className="failure" role="alert">
      <h1>{t('storage.failureTitle')}</h1>
      <p>{t(`storage.problem.${problem}`)}</p>
      <p>{t('storage.nothingLost')}</p>
      <button type="button" className="primary" onClick={() => window.location.reload()}>
        {t('storage.retry')}
      </button>
      <details>
        <summary>{t('content.technicalDetail')}</summary>
        <code dir="ltr">{detail}</code>
      </details>
    </main>
  );
}
