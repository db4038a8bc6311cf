/**
 * What a host (the desktop app, the web host) holds of packs: the store, the
 * trusted keys, and the packs bundled with the app, installed on first start and
 * whenever the app brings a newer version.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { PackSummary } from '../../core/host';
import { PackError } from './errors';
import type { PackDirResolver } from './files';
import { PackStore } from './store';
import { TrustStore } from './trust';

export interface LibraryOptions {
  /** Where installed packs and user-trusted keys live (the app's user data folder). */
  readonly dataDir: string;
  /** The app's build output: `packs/*.baraza` and `keys/*.pub`. */
  readonly bundleDir: string;
  readonly appVersion: string;
}

export interface BundledInstall {
  readonly file: string;
  readonly outcome: 'installed' | 'up-to-date' | 'failed';
  readonly detail?: string;
}

/** What serving pack content needs: where a pack's files are, and what is installed. */
export interface PackServing {
  readonly resolve: PackDirResolver;
  summaries(): Promise<PackSummary[]>;
}

export interface Library extends PackServing {
  readonly store: PackStore;
  readonly trust: TrustStore;
}

export async function openLibrary(options: LibraryOptions): Promise<{ library: Library; bundled: BundledInstall[] }> {
  const trust = new TrustStore(join(options.bundleDir, 'keys'), join(options.dataDir, 'trusted-keys'));
  const store = await PackStore.open(join(options.dataDir, 'pack-store'), { appVersion: options.appVersion, trustedKeys: () => trust.keys() });
  const library: Library = {
    store,
    trust,
    resolve: (id) => store.packDir(id),
    summaries: async () =>
      (await store.list()).map(({ manifest, bytes, installedAt }) => ({
        id: manifest.id,
        version: manifest.version,
        title: manifest.title,
        description: manifest.description,
        languages: manifest.languages,
        publisher: manifest.publisher,
        bytes,
        installedAt,
      })),
  };
  return { library, bundled: await installBundled(store, join(options.bundleDir, 'packs')) };
}

async function installBundled(store: PackStore, dir: string): Promise<BundledInstall[]> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.baraza')).sort();
  const results: BundledInstall[] = [];
  for (const name of files) {
    const file = join(dir, name);
    try {
      const { manifest, installed } = await store.inspect(file);
      if (installed && installed.version >= manifest.version) {
        results.push({ file, outcome: 'up-to-date' });
        continue;
      }
      await store.install(file);
      results.push({ file, outcome: 'installed' });
    } catch (err) {
      // A bad bundled pack must not keep the app from starting with what is already installed.
      results.push({ file, outcome: 'failed', detail: err instanceof PackError ? `${err.code}: ${err.message}` : String(err) });
    }
  }
  return results;
}
