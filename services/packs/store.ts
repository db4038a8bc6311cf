/**
 * The pack store: installed packs, each in its own version folder, and a
 * `current` file naming the version in use. An install extracts into staging on
 * the same volume, checks every hash, renames the folder into place and then
 * replaces `current` with a rename — the one step that switches versions. A crash
 * at any point leaves `current` naming a complete old or new version; `open`
 * clears what an interrupted install left behind.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { PackManifest } from '../../core/pack/manifest';
import type { MinisignPublicKey } from '../../core/pack/minisign';
import { extractZip, DEFAULT_PACK_LIMITS, ArchiveError } from '../archive/zip';
import { PackError } from './errors';
import { verifyPackFile } from './verify';

export interface InstalledPack {
  readonly manifest: PackManifest;
  /** SHA-256 of its signed manifest.json, which binds every file: the same value means the same pack. */
  readonly manifestSha256: string;
  readonly installedAt: string;
  readonly bytes: number;
}

export interface InstallResult {
  readonly pack: InstalledPack;
  readonly previous: PackManifest | null;
  /** False when the same bytes were installed again (a repair). */
  readonly changed: boolean;
}

export interface StoreOptions {
  readonly appVersion: string;
  /** Keys whose signatures are accepted: bundled ones plus those the user trusted. */
  readonly trustedKeys: () => Promise<readonly MinisignPublicKey[]>;
}

const RECORD = 'installed.json';
const CURRENT = 'current';
const VERSION_DIR = /^v(\d+)-[0-9a-f-]+$/;

/** Writes a small file so that readers see the old or the new content, never a mix. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const temp = `${path}.${randomUUID()}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}

async function syncDir(dir: string): Promise<void> {
  // Makes the renames inside `dir` durable; not every platform allows opening a directory.
  const handle = await open(dir, 'r').catch(() => null);
  await handle?.sync().catch(() => undefined);
  await handle?.close();
}

export class PackStore {
  private constructor(
    readonly root: string,
    private readonly options: StoreOptions,
  ) {}

  private get packsDir(): string {
    return join(this.root, 'packs');
  }

  private get stagingDir(): string {
    return join(this.root, 'staging');
  }

  /** Opens (creating if needed) the store and clears what an interrupted install left. */
  static async open(root: string, options: StoreOptions): Promise<PackStore> {
    const store = new PackStore(root, options);
    await mkdir(store.packsDir, { recursive: true });
    await rm(store.stagingDir, { recursive: true, force: true });
    await mkdir(store.stagingDir, { recursive: true });
    for (const id of await readdir(store.packsDir)) await store.recover(id);
    return store;
  }

  /** Keeps the version `current` names; removes every other folder and stray temporary file. */
  private async recover(id: string): Promise<void> {
    const dir = join(this.packsDir, id);
    const current = await this.currentVersionDir(id);
    for (const name of await readdir(dir).catch(() => [])) {
      if (name === CURRENT || name === current) continue;
      await rm(join(dir, name), { recursive: true, force: true });
    }
    if (!current) await rm(dir, { recursive: true, force: true });
  }

  private async currentVersionDir(id: string): Promise<string | null> {
    const name = (await readFile(join(this.packsDir, id, CURRENT), 'utf8').catch(() => '')).trim();
    if (!VERSION_DIR.test(name)) return null;
    const complete = await stat(join(this.packsDir, id, name, RECORD)).then(
      () => true,
      () => false,
    );
    return complete ? name : null;
  }

  /** The folder holding the files of an installed pack, or null. */
  async packDir(id: string): Promise<string | null> {
    if (!/^[a-z0-9][a-z0-9._-]{0,99}$/.test(id)) return null;
    const name = await this.currentVersionDir(id);
    return name ? join(this.packsDir, id, name) : null;
  }

  async get(id: string): Promise<InstalledPack | null> {
    const dir = await this.packDir(id);
    if (!dir) return null;
    return JSON.parse(await readFile(join(dir, RECORD), 'utf8')) as InstalledPack;
  }

  async list(): Promise<InstalledPack[]> {
    const packs: InstalledPack[] = [];
    for (const id of (await readdir(this.packsDir)).sort()) {
      const pack = await this.get(id);
      if (pack) packs.push(pack);
    }
    return packs;
  }

  /** Verifies without installing: what the UI shows before the learner decides. */
  async inspect(file: string): Promise<{ manifest: PackManifest; installed: PackManifest | null }> {
    const verified = await verifyPackFile(file, await this.options.trustedKeys(), this.options.appVersion);
    return { manifest: verified.manifest, installed: (await this.get(verified.manifest.id))?.manifest ?? null };
  }

  async install(file: string, onProgress?: (done: number, total: number) => void): Promise<InstallResult> {
    const verified = await verifyPackFile(file, await this.options.trustedKeys(), this.options.appVersion);
    const { manifest, manifestSha256 } = verified;
    const previous = await this.get(manifest.id);
    if (previous) {
      const was = previous.manifest.version;
      if (manifest.version < was) {
        throw new PackError('older-version', `Version ${was} of ${manifest.id} is installed; this file is the older version ${manifest.version}.`);
      }
      if (manifest.version === was && previous.manifestSha256 !== manifestSha256) {
        throw new PackError('same-version-different-content', `Version ${was} of ${manifest.id} is installed, and this file claims the same version with different content.`);
      }
    }

    const staging = join(this.stagingDir, randomUUID());
    await mkdir(staging);
    try {
      const written = await extractZip(file, staging, { limits: DEFAULT_PACK_LIMITS, ...(onProgress ? { onProgress } : {}) }).catch((err: unknown) => {
        if (err instanceof ArchiveError) throw new PackError(err.code === 'size-mismatch' ? 'size-mismatch' : 'unsafe-archive', err.message);
        throw err;
      });
      const listed = new Map(manifest.files.map((f) => [f.path, f]));
      for (const entry of written) {
        const expected = listed.get(entry.path);
        if (!expected) continue; // manifest.json and its signature
        if (entry.size !== expected.size) throw new PackError('size-mismatch', `${entry.path} is ${entry.size} bytes; the manifest says ${expected.size}.`);
        if (entry.sha256 !== expected.sha256) throw new PackError('hash-mismatch', `${entry.path} does not match its SHA-256 in the manifest: the pack was altered or damaged.`);
      }
      const pack: InstalledPack = { manifest, manifestSha256, installedAt: new Date().toISOString(), bytes: written.reduce((n, e) => n + e.size, 0) };
      await writeAtomically(join(staging, RECORD), JSON.stringify(pack));
      await syncDir(staging);

      const packDir = join(this.packsDir, manifest.id);
      await mkdir(packDir, { recursive: true });
      const versionName = `v${manifest.version}-${randomUUID()}`;
      await rename(staging, join(packDir, versionName));
      await syncDir(packDir);
      await writeAtomically(join(packDir, CURRENT), versionName);
      await syncDir(packDir);
      await this.recover(manifest.id);
      return { pack, previous: previous?.manifest ?? null, changed: previous?.manifestSha256 !== manifestSha256 };
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  async remove(id: string): Promise<void> {
    const dir = join(this.packsDir, id);
    if (!(await this.packDir(id))) throw new PackError('not-installed', `No pack named ${id} is installed.`);
    // Removing `current` first makes the pack disappear at once; the folder follows.
    await rm(join(dir, CURRENT), { force: true });
    await rm(dir, { recursive: true, force: true });
  }
}
