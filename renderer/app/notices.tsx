import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Notice {
  readonly id: number;
  readonly kind: 'error' | 'info';
  readonly text: string;
}

interface NoticeApi {
  readonly notify: (kind: Notice['kind'], text: string) => void;
}

const NoticeContext = createContext<NoticeApi>({ notify: () => undefined });

export function useNotify(): NoticeApi['notify'] {
  return useContext(NoticeContext).notify;
}

let nextId = 1;
const INFO_MS = 6000;

/** Messages that must be seen (storage full, save failed) in a live region screen readers announce. */
export function NoticeProvider({ children }: { children: ReactNode }): ReactNode {
  const { t } = useTranslation();
  const [notices, setNotices] = useState<Notice[]>([]);
  const notify = useCallback((kind: Notice['kind'], text: string) => {
    const id = nextId++;
    setNotices((list) => [...list.filter((n) => n.text !== text), { id, kind, text }]);
    // Confirmations go away by themselves; problems stay until the person dismisses them.
    if (kind === 'info') window.setTimeout(() => setNotices((list) => list.filter((n) => n.id !== id)), INFO_MS);
  }, []);
  const api = useMemo(() => ({ notify }), [notify]);
  return (
    <NoticeContext.Provider value={api}>
      {children}
      <div className="notices" role="status" aria-live="polite">
        {notices.map((n) => (
          <div key={n.id} className={`notice notice-${n.kind}`} role={n.kind === 'error' ? 'alert' : undefined}>
            <span>{n.text}</span>
            <button type="button" className="link-button" onClick={() => setNotices((list) => list.filter((x) => x.id !== n.id))}>
              {t('common.dismiss')}
            </button>
          </div>
        ))}
      </div>
    </NoticeContext.Provider>
  );
}
