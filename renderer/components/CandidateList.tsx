import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackCandidate } from '../../core/host';
import type { CandidateRow, usePackImport } from '../app/packImport';
import { useApp } from '../app/AppContext';
import { formatBytes } from '../i18n/format';
import { ProgressBar } from './ProgressBar';
import { TrustKeyDialog } from './TrustKeyDialog';

function title(c: PackCandidate, language: string): string {
  const map = c.pack?.title ?? {};
  return map[language] ?? map.en ?? c.name;
}

function Status({ row }: { row: CandidateRow }): ReactNode {
  const { t } = useTranslation();
  const { language } = useApp();
  const c = row.candidate;
  if (row.error) return <p className="field-error">{t('packs.hostError', { detail: row.error })}</p>;
  if (row.uploading) return <ProgressBar fraction={row.uploading.total ? row.uploading.sent / row.uploading.total : 0} label={t('packs.uploading')} language={language} />;
  if (!c) return <p aria-busy="true">{t('packs.checking')}</p>;
  const job = row.job;
  if (job?.state === 'running') return <ProgressBar fraction={job.total ? job.done / job.total : 0} label={t('packs.installing')} language={language} />;
  if (job?.state === 'failed' && job.problem) return <p className="field-error">{t(`packs.problem.${job.problem.code}`, { defaultValue: t('packs.problem.unreadable'), keyId: job.problem.keyId ?? '' })}</p>;
  if (job?.state === 'done' && job.result) {
    const m = job.result.modules;
    return (
      <p className="ok-note" role="status">
        {job.result.previousVersion === null
          ? t('packs.installedNew', { version: job.result.version })
          : t('packs.updated', { from: job.result.previousVersion, to: job.result.version })}{' '}
        {t('packs.changes', { added: m.added.length, changed: m.changed.length, removed: m.removed.length })}
      </p>
    );
  }
  if (c.problem) return <p className="field-error">{t(`packs.problem.${c.problem.code}`, { defaultValue: t('packs.problem.unreadable'), keyId: c.problem.keyId ?? '' })}</p>;
  if (c.installedVersion === null) return <p>{t('packs.statusNew')}</p>;
  const v = c.pack?.version ?? 0;
  if (v > c.installedVersion) return <p>{t('packs.statusNewer', { from: c.installedVersion, to: v })}</p>;
  if (v === c.installedVersion) return <p className="muted">{t('packs.statusSame')}</p>;
  return <p className="field-error">{t('packs.problem.older-version')}</p>;
}

export function CandidateList({ importer }: { importer: ReturnType<typeof usePackImport> }): ReactNode {
  const { t } = useTranslation();
  const { language } = useApp();
  const [trustFor, setTrustFor] = useState<string | null>(null);
  if (importer.rows.length === 0) return null;
  return (
    <>
      <ul className="candidates" aria-live="polite">
        {importer.rows.map((row) => {
          const c = row.candidate;
          const canInstall = c && !c.problem && !row.job && c.pack && (c.installedVersion === null || c.pack.version >= c.installedVersion);
          return (
            <li key={row.key} className="candidate">
              <div>
                <strong>{c ? title(c, language) : t('packs.checking')}</strong>
                {c?.pack ? (
                  <span className="muted">
                    {' '}
                    · {t('packs.versionN', { version: c.pack.version })} · {c.pack.publisher.name} · {formatBytes(c.bytes, language)}
                  </span>
                ) : null}
                <Status row={row} />
              </div>
              <div className="row-actions">
                {canInstall ? (
                  <button type="button" className="primary" onClick={() => importer.install(row.key)}>
                    {c.installedVersion === null ? t('packs.install') : c.pack && c.pack.version > c.installedVersion ? t('packs.update') : t('packs.reinstall')}
                  </button>
                ) : null}
                {c?.problem?.code === 'untrusted-key' ? (
                  <button type="button" onClick={() => setTrustFor(c.problem?.keyId ?? '')}>
                    {t('packs.addKey')}
                  </button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
      {trustFor !== null ? (
        <TrustKeyDialog
          expectedKeyId={trustFor}
          onClose={(trusted) => {
            setTrustFor(null);
            if (trusted) importer.reinspect();
          }}
        />
      ) : null}
    </>
  );
}
