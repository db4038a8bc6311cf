/**
 * The pack methods of HostApi, shared by the desktop host and the web host. Each
 * host says only how a PackSource becomes a file on disk (a path the person
 * chose, or an upload) and how to choose files.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { HostHandlers, PackCandidate, PackSource, TrustedKeyInfo } from '../../core/host';
import { HostCallError } from '../../core/host';
import { MinisignError } from '../../core/pack/minisign';
import { scanForPacks } from '../drives/scan';
import type { RemovableVolume } from '../drives/volumes';
import { PackError } from './errors';
import { ExportError, exportPack } from './export';
import { ImportJobs, toProblem } from './imports';
import type { Library } from './library';
import { TrustStore } from './trust';

export interface SourceFile {
  readonly path: string;
  /** The name to show, e.g. the original name of an uploaded file. */
  readonly name: string;
  /** Called once the file is no longer needed (an upload is then deleted). */
  readonly release?: () => Promise<void>;
}

export interface HostPackDeps {
  readonly library: Library;
  readonly appVersion: string;
  /** Turns a source from the renderer into a readable file; throws HostCallError('bad-arguments') for anything else. */
  readonly resolveSource: (source: PackSource) => Promise<SourceFile>;
  readonly choosePackFiles: () => Promise<PackSource[]>;
  /** The drives to scan; absent where the host cannot see the computer's drives. */
  readonly removableVolumes?: () => Promise<RemovableVolume[]>;
  /** Asks where to export to; null when the person cancelled. Absent where the host cannot write to the computer. */
  readonly chooseExportFolder?: () => Promise<string | null>;
}

export type PackHandlers = Omit<HostHandlers, 'appInfo' | 'saveSyncBundle'>;

export function isPackSource(value: unknown): value is PackSource {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.kind === 'file') return typeof v.path === 'string' && v.path.length > 0 && v.path.length < 4096 && !v.path.includes('\0');
  if (v.kind === 'upload') return typeof v.uploadId === 'string' && /^[0-9a-f-]{36}$/.test(v.uploadId);
  return false;
}

function needSource(value: unknown): PackSource {
  if (!isPackSource(value)) throw new HostCallError('bad-arguments', 'Expected a pack source');
  return value;
}

function needText(value: unknown, max: number): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > max) throw new HostCallError('bad-arguments', 'Expected text');
  return value;
}

function keyInfo(t: { key: { keyIdHex: string }; fingerprint: string }, source: 'bundled' | 'user'): TrustedKeyInfo {
  return { keyId: t.key.keyIdHex, fingerprint: t.fingerprint, source };
}

export function createPackHandlers(deps: HostPackDeps): PackHandlers {
  const { library } = deps;
  const jobs = new ImportJobs();
  const inspect = async (source: PackSource, file: SourceFile): Promise<PackCandidate> => {
    const bytes = (await stat(file.path).catch(() => null))?.size ?? 0;
    const base = { source, name: file.name, bytes };
    try {
      const { manifest, installed } = await library.store.inspect(file.path);
      return {
        ...base,
        pack: { id: manifest.id, version: manifest.version, title: manifest.title, publisher: manifest.publisher },
        installedVersion: installed?.version ?? null,
      };
    } catch (err) {
      return { ...base, installedVersion: null, problem: toProblem(err) };
    }
  };
  return {
    listPacks: () => library.summaries(),
    choosePackFiles: () => deps.choosePackFiles(),
    inspectPack: async (raw) => {
      const source = needSource(raw);
      return inspect(source, await deps.resolveSource(source));
    },
    scanDrives: async () => {
      if (!deps.removableVolumes) throw new HostCallError('unsupported', 'This host cannot see removable drives');
      const volumes = await deps.removableVolumes();
      const { packs, stopped } = await scanForPacks(volumes);
      const candidates: PackCandidate[] = [];
      for (const found of packs) {
        const source: PackSource = { kind: 'file', path: found.path };
        candidates.push(await inspect(source, { path: found.path, name: `${found.volumeLabel}: ${basename(found.path)}` }));
      }
      return { drives: volumes.length, candidates, stopped };
    },
    exportPack: async (raw) => {
      const id = needText(raw, 100);
      if (!deps.chooseExportFolder) throw new HostCallError('unsupported', 'This host cannot write to the computer');
      const folder = await deps.chooseExportFolder();
      if (!folder) return { saved: false };
      try {
        const exported = await exportPack(library.store, id, folder, { trustedKeys: await library.trust.keys(), appVersion: deps.appVersion });
        return { saved: true, location: exported.file, bytes: exported.bytes };
      } catch (err) {
        if (err instanceof PackError || err instanceof ExportError) throw new HostCallError('failed', `${err.code}: ${err.message}`);
        throw err;
      }
    },
    startImport: async (raw) => {
      const file = await deps.resolveSource(needSource(raw));
      return jobs.start(library.store, file.path, file.release);
    },
    importJob: async (raw) => {
      const job = typeof raw === 'string' ? jobs.get(raw) : null;
      if (!job) throw new HostCallError('not-found', 'No such import');
      return job;
    },
    removePack: async (raw) => {
      await library.store.remove(needText(raw, 100));
    },
    listTrustedKeys: async () => (await library.trust.list()).map((t) => keyInfo(t, t.source)),
    describeKey: async (raw) => {
      try {
        return keyInfo(TrustStore.describe(needText(raw, 16_384)), 'user');
      } catch (err) {
        if (err instanceof MinisignError) throw new HostCallError('bad-arguments', `Not a public key: ${err.message}`);
        throw err;
      }
    },
    trustKey: async (raw) => {
      try {
        return keyInfo(await library.trust.trust(needText(raw, 16_384)), 'user');
      } catch (err) {
        if (err instanceof MinisignError) throw new HostCallError('bad-arguments', `Not a public key: ${err.message}`);
        throw err;
      }
    },
  };
}

/** A desktop source: any readable file the person picked, dropped, or that a drive scan found. */
export async function fileSource(source: PackSource): Promise<SourceFile> {
  if (source.kind !== 'file') throw new HostCallError('bad-arguments', 'This host reads packs from files');
  const info = await stat(source.path).catch(() => null);
  if (!info?.isFile()) throw new HostCallError('not-found', `${source.path} is not a file`);
  return { path: source.path, name: basename(source.path) };
}
