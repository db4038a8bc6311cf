import { createContext, useContext } from 'react';
import type { PackContent } from '../../core/content/loader';
import type { AppInfo, PackSummary } from '../../core/host';
import type { SyncState } from '../sync/useSync';
import type { Progress } from '../../core/progress';
import type { EventEnvelope, Statement } from '../../core/xapi/statement';
import type { BarazaDb, Profile } from '../db/database';

export interface AppContextValue {
  readonly db: BarazaDb;
  readonly info: AppInfo;
  /** Null when the pack could not be opened; `packError` then says why. */
  readonly pack: PackContent | null;
  readonly packError: string | null;
  /** Every installed pack; `pack` is the one being studied. */
  readonly packs: readonly PackSummary[];
  /** Lists and reopens packs, after one was installed or removed. */
  readonly reloadContent: () => void;
  readonly sync: SyncState;
  readonly profile: Profile;
  readonly progress: Progress;
  readonly language: string;
  /** Writes learning events; reports storage problems itself and resolves false when nothing was saved. */
  readonly record: (build: (next: () => EventEnvelope) => Statement[]) => Promise<boolean>;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside AppContext');
  return value;
}
