import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackContent } from '../../core/content/loader';
import type { AppInfo, PackSummary } from '../../core/host';
import { foldProgress } from '../../core/progress';
import type { EventEnvelope, Statement } from '../../core/xapi/statement';
import { openDatabase, type BarazaDb } from '../db/database';
import { classifyStorageError } from '../db/errors';
import { currentProfileId } from '../db/profiles';
import { recordStatements } from '../db/statements';
import { host } from '../host';
import { initI18n, setLanguage } from '../i18n';
import { pickLanguage } from '../i18n/languages';
import { AppContext, type AppContextValue } from './AppContext';
import { openPack } from './content';
import { NoticeProvider, useNotify } from './notices';
import { Shell } from './Shell';
import { useSync } from '../sync/useSync';
import { ProfileGate } from '../screens/ProfileGate';
import { StorageFailure } from '../screens/StorageFailure';

interface Boot {
  readonly db: BarazaDb;
  readonly info: AppInfo;
}

async function boot(): Promise<Boot> {
  const db = openDatabase();
  await db.open();
  const profileId = await currentProfileId(db);
  const profile = profileId ? await db.profiles.get(profileId) : undefined;
  await initI18n(profile?.language ?? pickLanguage(navigator.languages));
  return { db, info: await host.appInfo() };
}

const ACTIVE_PACK = 'activePackId';

interface ContentState {
  readonly packs: PackSummary[];
  readonly pack: PackContent | null;
  readonly packError: string | null;
}

/** The installed packs and the one being studied; `reload` after an install or removal. */
function useContent(db: BarazaDb, info: AppInfo): { content: ContentState | null; reload: () => void } {
  const [state, setState] = useState<ContentState | null>(null);
  const [generation, setGeneration] = useState(0);
  const activeId = useLiveQuery(async () => (await db.settings.get(ACTIVE_PACK))?.value ?? null, [db], undefined);
  useEffect(() => {
    if (activeId === undefined) return;
    let live = true;
    void (async (): Promise<ContentState> => {
      const packs = await host.listPacks();
      const chosen = packs.find((p) => p.id === activeId) ?? packs[0];
      if (!chosen) return { packs, pack: null, packError: 'no-pack' };
      try {
        return { packs, pack: await openPack(info, chosen.id), packError: null };
      } catch (err) {
        return { packs, pack: null, packError: err instanceof Error ? err.message : String(err) };
      }
    })().then((next) => live && setState(next));
    return () => {
      live = false;
    };
  }, [info, activeId, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { content: state, reload };
}

export async function setActivePack(db: BarazaDb, packId: string): Promise<void> {
  await db.settings.put({ key: ACTIVE_PACK, value: packId });
}

export function Root(): ReactNode {
  const [state, setState] = useState<{ boot?: Boot; error?: unknown }>({});
  useEffect(() => {
    boot().then(
      (b) => setState({ boot: b }),
      async (error: unknown) => {
        await initI18n(pickLanguage(navigator.languages)).catch(() => undefined);
        setState({ error });
      },
    );
  }, []);
  if (state.error !== undefined) return <StorageFailure problem={classifyStorageError(state.error)} detail={String(state.error)} />;
  if (!state.boot) return <div className="boot" aria-busy="true" />;
  return (
    <NoticeProvider>
      <Session boot={state.boot} />
    </NoticeProvider>
  );
}

function Session({ boot }: { boot: Boot }): ReactNode {
  const { db } = boot;
  const profileId = useLiveQuery(() => currentProfileId(db), [db], null);
  const profile = useLiveQuery(async () => (profileId ? ((await db.profiles.get(profileId)) ?? false) : false), [db, profileId], null);
  if (profileId === null || profile === null) return <div className="boot" aria-busy="true" />;
  if (profile === false) return <ProfileGate db={db} />;
  return <LearnerSession boot={boot} profileId={profile.id} />;
}

function LearnerSession({ boot, profileId }: { boot: Boot; profileId: string }): ReactNode {
  const { db, info } = boot;
  const { content, reload } = useContent(db, info);
  const sync = useSync(db);
  const pack = content?.pack ?? null;
  const { t } = useTranslation();
  const notify = useNotify();
  const profile = useLiveQuery(() => db.profiles.get(profileId), [db, profileId]);
  const statements = useLiveQuery(async () => (await db.statements.where('learnerId').equals(profileId).toArray()).map((r) => r.statement), [db, profileId]);
  const language = profile?.language ?? 'en';
  const [shownLanguage, setShownLanguage] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setLanguage(language).then(() => live && setShownLanguage(language));
    return () => {
      live = false;
    };
  }, [language]);

  useEffect(() => {
    if (profile) document.documentElement.dataset.textSize = profile.textSize;
  }, [profile]);

  const progress = useMemo(() => foldProgress(statements ?? [], profileId, pack?.index.id ?? ''), [statements, profileId, pack]);

  const record = useCallback(
    async (build: (next: () => EventEnvelope) => Statement[]): Promise<boolean> => {
      if (!profile) return false;
      const next = (): EventEnvelope => ({ id: crypto.randomUUID(), timestamp: new Date().toISOString(), learner: { id: profile.id, name: profile.name }, language });
      try {
        await recordStatements(db, build(next));
        return true;
      } catch (err) {
        const problem = classifyStorageError(err);
        notify('error', t(problem === 'full' ? 'storage.fullOnSave' : 'storage.saveFailed'));
        return false;
      }
    },
    [db, profile, language, notify, t],
  );

  if (!profile || !statements || shownLanguage === null || !content) return <div className="boot" aria-busy="true" />;
  const value: AppContextValue = { db, info, pack, packError: content.packError, packs: content.packs, reloadContent: reload, sync, profile, progress, language: shownLanguage, record };
  return (
    <AppContext.Provider value={value}>
      <Shell />
    </AppContext.Provider>
  );
}
