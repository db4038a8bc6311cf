import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BUNDLE_EXTENSION, makeBundle } from '../../core/sync/bundle';
import type { SyncTarget } from '../../core/sync/protocol';
import { useApp } from '../app/AppContext';
import { useNotify } from '../app/notices';
import { host } from '../host';
import { unsentCount, unsentStatements } from '../db/statements';
import { formatDate, formatNumber } from '../i18n/format';
import { releaseHeld } from '../sync/held';
import { saveSyncTarget } from '../sync/useSync';

const DEVICE = 'deviceId';
const ENROL_PREFIX = 'baraza-enrol:';

/** A hub's enrolment code (`baraza hub add-client --endpoint …`) holds its address, key and secret. */
function readEnrolmentCode(code: string): SyncTarget | null {
  try {
    const b64 = code.slice(ENROL_PREFIX.length).replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(b64.padEnd(Math.ceil(b64.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
    const value = JSON.parse(new TextDecoder().decode(bytes)) as { endpoint?: unknown; key?: unknown; secret?: unknown };
    if (typeof value.endpoint !== 'string' || typeof value.key !== 'string' || typeof value.secret !== 'string') return null;
    const url = new URL(value.endpoint);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return { endpoint: url.href.endsWith('/') ? url.href : `${url.href}/`, auth: { username: value.key, password: value.secret } };
  } catch {
    return null;
  }
}

async function deviceId(db: ReturnType<typeof useApp>['db']): Promise<string> {
  const existing = (await db.settings.get(DEVICE))?.value;
  if (existing) return existing;
  const id = crypto.randomUUID();
  await db.settings.put({ key: DEVICE, value: id });
  return id;
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * When records were last saved to a file. A bundle is a copy, so the outbox keeps them until a hub
 * confirms them over the network; this is how a learner who only has the USB route sees it was used.
 */
const LAST_BUNDLE = 'sync.lastBundle';

function parseLastBundle(value: string | undefined): { at: string; count: number } | null {
  try {
    const v: unknown = value ? JSON.parse(value) : null;
    return typeof v === 'object' && v !== null && 'at' in v && typeof v.at === 'string' && 'count' in v && typeof v.count === 'number' ? { at: v.at, count: v.count } : null;
  } catch {
    return null;
  }
}

/** Where learning records go: the hub's address, the state of the outbox, and a file for the USB route. */
export function SyncPanel(): ReactNode {
  const { t } = useTranslation();
  const { db, sync, language, profile, info } = useApp();
  const notify = useNotify();
  const [endpoint, setEndpoint] = useState(sync.target?.endpoint ?? '');
  const [error, setError] = useState<string | null>(null);
  const pending = useLiveQuery(() => unsentCount(db), [db], 0);
  const lastBundle = useLiveQuery(async () => parseLastBundle((await db.settings.get(LAST_BUNDLE))?.value), [db]);
  const report = sync.report;

  const save = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const value = endpoint.trim();
    if (!value) {
      await saveSyncTarget(db, null);
      return;
    }
    if (value.startsWith(ENROL_PREFIX)) {
      const target = readEnrolmentCode(value);
      if (!target) {
        setError(t('sync.badCode'));
        return;
      }
      setError(null);
      setEndpoint(target.endpoint);
      await saveSyncTarget(db, target);
      notify('info', t('sync.saved'));
      return;
    }
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      setError(t('sync.badAddress'));
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      setError(t('sync.badAddress'));
      return;
    }
    setError(null);
    const normalized = url.href.endsWith('/') ? url.href : `${url.href}/`;
    setEndpoint(normalized);
    await saveSyncTarget(db, { endpoint: normalized });
    notify('info', t('sync.saved'));
  };

  /** Lets the records the hub refused go once more, for example after its administrator fixed the hub. */
  const retryHeld = async (): Promise<void> => {
    if (!sync.target) return;
    await releaseHeld(db, sync.target);
    sync.syncNow();
  };

  const exportBundle = async (everyone: boolean): Promise<void> => {
    const rows = await unsentStatements(db, everyone ? {} : { learnerId: profile.id });
    if (rows.length === 0) {
      notify('info', t('sync.nothingToExport'));
      return;
    }
    const text = makeBundle(rows.map((r) => r.statement as unknown as Record<string, unknown>), await deviceId(db), new Date());
    const name = `baraza-${new Date().toISOString().slice(0, 10)}${BUNDLE_EXTENSION}`;
    const remember = (): Promise<unknown> => db.settings.put({ key: LAST_BUNDLE, value: JSON.stringify({ at: new Date().toISOString(), count: rows.length }) });
    if (!info.capabilities.nativeFileDialogs) {
      download(name, text);
      await remember();
      notify('info', t('sync.exported', { count: rows.length }));
      return;
    }
    try {
      const result = await host.saveSyncBundle(name, text);
      if (!result.saved) return;
      await remember();
      notify('info', t('sync.savedTo', { count: rows.length, location: result.location }));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      notify('error', message.startsWith('damaged-copy:') ? t('sync.saveDamaged') : t('sync.saveFailed', { detail: message.replace(/^[a-z-]+: /, '') }));
    }
  };

  return (
    <section className="card" aria-labelledby="sync-title">
      <h2 id="sync-title">{t('sync.title')}</h2>
      <p className="muted">{t('sync.intro')}</p>
      <form className="inline-form" noValidate onSubmit={(e) => void save(e)}>
        <label htmlFor="hub-address">{t('sync.address')}</label>
        <input
          id="hub-address"
          type="text"
          dir="ltr"
          placeholder="https://hub.example.org/xapi/"
          value={endpoint}
          aria-invalid={error !== null}
          aria-describedby={error ? 'hub-address-error' : undefined}
          onChange={(e) => setEndpoint(e.target.value)}
        />
        <button type="submit">{t('sync.save')}</button>
      </form>
      {error ? (
        <p id="hub-address-error" className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <dl className="facts" aria-live="polite">
        <dt>{t('sync.pending')}</dt>
        <dd>{formatNumber(pending, language)}</dd>
        <dt>{t('sync.lastSuccess')}</dt>
        <dd>{report?.lastSuccess ? formatDate(report.lastSuccess, language) : t('sync.never')}</dd>
        {lastBundle ? (
          <>
            <dt>{t('sync.lastBundle')}</dt>
            <dd>{t('sync.lastBundleValue', { when: formatDate(lastBundle.at, language), count: lastBundle.count })}</dd>
          </>
        ) : null}
        {report?.error ? (
          <>
            <dt>{t('sync.problem')}</dt>
            <dd className="field-error">{t(`sync.error.${report.error}`)}</dd>
          </>
        ) : null}
        {report?.held?.length ? (
          <>
            <dt>{t('sync.heldTitle')}</dt>
            <dd>
              {t('sync.held', { count: report.held.length })}{' '}
              <button type="button" disabled={!sync.target || sync.busy} onClick={() => void retryHeld()}>
                {t('sync.retryHeld')}
              </button>
            </dd>
          </>
        ) : null}
      </dl>
      <div className="actions">
        <button type="button" className="primary" disabled={!sync.target || sync.busy} aria-busy={sync.busy} onClick={sync.syncNow}>
          {sync.busy ? t('sync.syncing') : t('sync.now')}
        </button>
        <button type="button" onClick={() => void exportBundle(false)}>
          {t('sync.exportMine')}
        </button>
        <button type="button" onClick={() => void exportBundle(true)}>
          {t('sync.exportAll')}
        </button>
      </div>
      <p className="hint">{t('sync.exportHint')}</p>
    </section>
  );
}
