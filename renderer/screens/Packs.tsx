import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackSummary } from '../../core/host';
import { useApp } from '../app/AppContext';
import { usePackImport } from '../app/packImport';
import { setActivePack } from '../app/Root';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { CandidateList } from '../components/CandidateList';
import { host } from '../host';
import { formatBytes, formatDate } from '../i18n/format';
import { languageInfo } from '../i18n/languages';
import { useNotify } from '../app/notices';

function localized(map: Readonly<Record<string, string>>, language: string): string {
  return map[language] ?? map.en ?? Object.values(map)[0] ?? '';
}

export function Packs(): ReactNode {
  const { t } = useTranslation();
  const { info, packs, pack, reloadContent, db, language } = useApp();
  const notify = useNotify();
  const importer = usePackImport(reloadContent);
  const fileInput = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [toRemove, setToRemove] = useState<PackSummary | null>(null);

  const [scanning, setScanning] = useState(false);
  const scan = (): void => {
    setScanning(true);
    host.scanDrives().then(
      (result) => {
        setScanning(false);
        importer.addCandidates(result.candidates);
        if (result.drives === 0) notify('info', t('packs.scanNoDrives'));
        else if (result.candidates.length === 0) notify('info', t('packs.scanNone', { count: result.drives }));
        else notify('info', t('packs.scanFound', { count: result.candidates.length }));
        if (result.stopped) notify('info', t('packs.scanStopped'));
      },
      () => (setScanning(false), notify('error', t('packs.scanFailed'))),
    );
  };

  const exportTo = (p: PackSummary): void => {
    host.exportPack(p.id).then(
      (result) => result.saved && notify('info', t('packs.exported', { location: result.location })),
      (err: unknown) => notify('error', t('packs.exportFailed', { detail: err instanceof Error ? err.message : String(err) })),
    );
  };

  const choose = (): void => {
    if (info.capabilities.nativeFileDialogs) void host.choosePackFiles().then(importer.addSources);
    else fileInput.current?.click();
  };

  const onDrop = (e: React.DragEvent): void => {
    e.preventDefault();
    setDragging(false);
    const files = [...e.dataTransfer.files].filter((f) => f.name.toLowerCase().endsWith('.baraza'));
    if (files.length === 0) notify('error', t('packs.dropOnlyPacks'));
    else importer.addFiles(files);
  };

  return (
    <div
      className={`screen packs${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => (e.preventDefault(), setDragging(true))}
      onDragLeave={(e) => e.currentTarget === e.target && setDragging(false)}
      onDrop={onDrop}
    >
      <h1 tabIndex={-1}>{t('packs.title')}</h1>
      <section className="card" aria-labelledby="add-title">
        <h2 id="add-title">{t('packs.addTitle')}</h2>
        <p className="muted">{t('packs.addHint')}</p>
        <div className="actions">
          <button type="button" className="primary" onClick={choose}>
            {t('packs.choose')}
          </button>
          {info.capabilities.removableDrives ? (
            <button type="button" onClick={scan} disabled={scanning} aria-busy={scanning}>
              {scanning ? t('packs.scanning') : t('packs.scan')}
            </button>
          ) : null}
        </div>
        <input
          ref={fileInput}
          type="file"
          accept=".baraza"
          multiple
          hidden
          onChange={(e) => {
            importer.addFiles([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
        <div className="drop-zone" aria-hidden="true">
          {t('packs.dropHere')}
        </div>
        <CandidateList importer={importer} />
      </section>
      <section className="card" aria-labelledby="installed-title">
        <h2 id="installed-title">{t('packs.installedTitle')}</h2>
        {packs.length === 0 ? <p>{t('packs.none')}</p> : null}
        <ul className="pack-list">
          {packs.map((p) => (
            <li key={p.id} className="pack-row">
              <div>
                <h3>
                  {localized(p.title, language)}
                  {pack?.index.id === p.id ? <span className="badge">{t('packs.studying')}</span> : null}
                </h3>
                <p className="muted">{localized(p.description, language)}</p>
                <dl className="facts">
                  <dt>{t('packs.version')}</dt>
                  <dd>{p.version}</dd>
                  <dt>{t('packs.publisher')}</dt>
                  <dd>
                    {p.publisher.name} <span className="muted" dir="ltr">({p.publisher.keyId})</span>
                  </dd>
                  <dt>{t('packs.languages')}</dt>
                  <dd>{p.languages.map((l) => languageInfo(l).nativeName).join(', ')}</dd>
                  <dt>{t('packs.size')}</dt>
                  <dd>{formatBytes(p.bytes, language)}</dd>
                  <dt>{t('packs.installedOn')}</dt>
                  <dd>{formatDate(p.installedAt, language)}</dd>
                </dl>
              </div>
              <div className="row-actions">
                {pack?.index.id !== p.id ? (
                  <button type="button" onClick={() => void setActivePack(db, p.id)}>
                    {t('packs.study')}
                  </button>
                ) : null}
                {info.capabilities.nativeFileDialogs ? (
                  <button type="button" onClick={() => exportTo(p)}>
                    {t('packs.export')}
                  </button>
                ) : null}
                <button type="button" className="danger-link" onClick={() => setToRemove(p)}>
                  {t('packs.remove')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      </section>
      <ConfirmDialog
        open={toRemove !== null}
        title={t('packs.removeTitle', { title: toRemove ? localized(toRemove.title, language) : '' })}
        confirmLabel={t('packs.removeConfirm')}
        danger
        onCancel={() => setToRemove(null)}
        onConfirm={() => {
          const p = toRemove;
          setToRemove(null);
          if (p)
            void host.removePack(p.id).then(
              () => (notify('info', t('packs.removed', { title: localized(p.title, language) })), reloadContent()),
              () => notify('error', t('packs.removeFailed')),
            );
        }}
      >
        <p>{t('packs.removeBody')}</p>
      </ConfirmDialog>
    </div>
  );
}
