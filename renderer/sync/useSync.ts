import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import type { SyncReport, SyncTarget } from '../../core/sync/protocol';
import type { BarazaDb } from '../db/database';
import { queueEverything } from '../db/statements';
import { SyncLoop } from './syncLoop';

const TARGET = 'syncTarget';

export interface SyncState {
  readonly target: SyncTarget | null;
  readonly report: SyncReport | null;
  readonly busy: boolean;
  readonly syncNow: () => void;
}

/** The hub whose confirmations emptied the outbox so far. */
const CONFIRMED_BY = 'syncConfirmedBy';

/**
 * Saves the hub to send to. A statement leaves the outbox when "this hub has it", so moving
 * to another hub queues every statement again and the device sends all it holds; hubs keep
 * one copy per statement id, so nothing is doubled. A new key for the same hub changes nothing.
 */
export async function saveSyncTarget(db: BarazaDb, target: SyncTarget | null): Promise<void> {
  await db.transaction('rw', db.settings, db.statements, db.outbox, async () => {
    if (!target) {
      await db.settings.delete(TARGET);
      return;
    }
    // Devices from before this record was kept: their outbox refers to the hub saved then.
    const confirmedBy = (await db.settings.get(CONFIRMED_BY))?.value ?? parseTarget((await db.settings.get(TARGET))?.value)?.endpoint;
    if (confirmedBy !== undefined && confirmedBy !== target.endpoint) await queueEverything(db);
    await db.settings.put({ key: CONFIRMED_BY, value: target.endpoint });
    await db.settings.put({ key: TARGET, value: JSON.stringify(target) });
  });
}

function parseTarget(value: string | undefined): SyncTarget | null {
  if (!value) return null;
  try {
    const t = JSON.parse(value) as SyncTarget;
    return typeof t.endpoint === 'string' ? t : null;
  } catch {
    return null;
  }
}

/** Keeps one sync loop running for the configured hub, for as long as the app is open. */
export function useSync(db: BarazaDb): SyncState {
  const raw = useLiveQuery(async () => (await db.settings.get(TARGET))?.value, [db]);
  const [loop, setLoop] = useState<SyncLoop | null>(null);
  const [report, setReport] = useState<SyncReport | null>(null);
  const [busy, setBusy] = useState(false);
  const target = parseTarget(raw);

  useEffect(() => {
    const t = parseTarget(raw);
    if (!t) {
      setLoop(null);
      setReport(null);
      return;
    }
    const next = new SyncLoop({ db, target: t });
    const unsubscribe = next.subscribe(setReport);
    next.start();
    setLoop(next);
    return () => {
      unsubscribe();
      next.stop();
    };
  }, [db, raw]);

  const syncNow = useCallback(() => {
    if (!loop) return;
    setBusy(true);
    void loop.syncNow().finally(() => setBusy(false));
  }, [loop]);

  return { target, report, busy, syncNow };
}
