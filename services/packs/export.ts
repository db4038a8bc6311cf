/**
 * Copies an installed pack back out as a .baraza file, usually onto a USB stick for a
 * colleague. The installed folder holds the signed manifest.json and its signature
 * byte for byte, and the manifest binds every file's hash, so zipping them again gives
 * a pack that verifies like the original. The copy is checked after writing, before
 * it gets its real name: sticks that pass through many hands often fail quietly.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MANIFEST_PATH, SIGNATURE_PATH, type PackManifest } from '../../core/pack/manifest';
import type { MinisignPublicKey } from '../../core/pack/minisign';
import { ArchiveError, DEFAULT_PACK_LIMITS, extractZip, writeZip, type ZipInput } from '../archive/zip';
import { driveProblem, errnoCode, syncDir } from '../drives/durable';
import { PackError } from './errors';
import type { PackStore } from './store';
import { verifyPackFile } from './verify';

export interface ExportOptions {
  /** Keys the written copy is verified against: the same ones the store trusts. */
  readonly trustedKeys: readonly MinisignPublicKey[];
  readonly appVersion: string;
  /** Replace a file of the same name in `destDir`; refused otherwise. */
  readonly overwrite?: boolean;
  /** Bytes done and expected in each phase: copying out, then reading the copy back. */
  readonly onProgress?: (done: number, total: number, phase: 'copying' | 'checking') => void;
}

export interface ExportedPack {
  readonly file: string;
  readonly manifest: PackManifest;
  readonly bytes: number;
}

export type ExportErrorCode = 'destination-exists' | 'destination-unwritable';

/** A problem with where the pack is going rather than with the pack (those are PackErrors). */
export class ExportError extends Error {
  constructor(
    readonly code: ExportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ExportError';
  }
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);

function unwritable(destDir: string, err: unknown): ExportError {
  return new ExportError('destination-unwritable', `The pack could not be written to ${destDir}: ${driveProblem(err)}.`);
}

/** Details come from lower layers as sentences; drop their full stop to embed them. */
const clause = (detail: string): string => detail.trim().replace(/\.$/, '');

function badCopy(destDir: string, detail: string): string {
  return `The copy written to ${destDir} is damaged (${clause(detail)}), so it was deleted. The drive may be failing: try another one.`;
}

function damagedInstall(id: string, detail: string): string {
  return `The installed copy of ${id} on this computer is damaged (${clause(detail)}), so it was not exported. Install the pack again from its original file, then export it.`;
}

/**
 * Reads manifest.json, its signature and every listed file from the installed folder,
 * checking each listed file against the manifest, so a damaged install is never spread.
 */
async function* installedFiles(dir: string, manifest: PackManifest, read: Map<string, string>, onRead: (bytes: number) => void): AsyncGenerator<ZipInput> {
  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  for (const path of [MANIFEST_PATH, SIGNATURE_PATH, ...listed.keys()]) {
    const data = await readFile(join(dir, ...path.split('/'))).catch((err: unknown) => {
      throw new PackError(errnoCode(err) === 'ENOENT' ? 'missing-file' : 'unreadable', damagedInstall(manifest.id, `${path} cannot be read`));
    });
    const hash = sha256(data);
    const expected = listed.get(path);
    if (expected && expected.size !== data.length) throw new PackError('size-mismatch', damagedInstall(manifest.id, `${path} has changed size`));
    if (expected && expected.sha256 !== hash) throw new PackError('hash-mismatch', damagedInstall(manifest.id, `${path} does not match its hash`));
    read.set(path, hash);
    if (expected) onRead(data.length);
    yield { path, data };
  }
}

/**
 * Reads the written file back: every entry must come out with the bytes that went in,
 * the signature must verify, and every file must match its hash in the signed manifest.
 */
async function checkCopy(file: string, destDir: string, expected: PackManifest, written: ReadonlyMap<string, string>, options: ExportOptions): Promise<void> {
  const scratch = await mkdtemp(join(tmpdir(), 'baraza-export-check-'));
  try {
    const onProgress = options.onProgress;
    const extracted = await extractZip(file, scratch, { limits: DEFAULT_PACK_LIMITS, ...(onProgress ? { onProgress: (done: number, total: number) => onProgress(done, total, 'checking') } : {}) }).catch((err: unknown) => {
      // We wrote a sound archive, so anything the reader refuses is bytes the drive changed.
      if (err instanceof ArchiveError) throw new PackError('hash-mismatch', badCopy(destDir, err.message));
      throw new PackError('unreadable', badCopy(destDir, err instanceof Error ? err.message : String(err)));
    });
    const readBack = new Map(extracted.map((e) => [e.path, e.sha256]));
    for (const [path, hash] of written) {
      if (readBack.get(path) !== hash) throw new PackError('hash-mismatch', badCopy(destDir, `${path} reads back differently`));
    }
    if (readBack.size !== written.size) throw new PackError('hash-mismatch', badCopy(destDir, 'it holds entries that were not written'));

    // The bytes equal what was read from the install, so a refusal here is the install's fault.
    const verified = await verifyPackFile(file, options.trustedKeys, options.appVersion).catch((err: unknown) => {
      if (err instanceof PackError) throw new PackError(err.code, damagedInstall(expected.id, err.message), err.keyId);
      throw err;
    });
    if (verified.manifest.id !== expected.id || verified.manifest.version !== expected.version) {
      throw new PackError('signature-mismatch', `${expected.id} changed while it was being exported. Try again.`);
    }
    for (const listed of verified.manifest.files) {
      if (readBack.get(listed.path) !== listed.sha256) throw new PackError('hash-mismatch', badCopy(destDir, `${listed.path} does not match its hash`));
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Writes `<destDir>/<id>-v<version>.baraza` from the installed pack and returns where it went. */
export async function exportPack(store: PackStore, id: string, destDir: string, options: ExportOptions): Promise<ExportedPack> {
  const dir = await store.packDir(id);
  const installed = await store.get(id);
  if (!dir || !installed) throw new PackError('not-installed', `No pack named ${id} is installed, so there is nothing to export.`);
  const { manifest } = installed;
  const keyId = manifest.publisher.keyId;
  if (!options.trustedKeys.some((key) => key.keyIdHex === keyId)) {
    throw new PackError('untrusted-key', `${id} is signed by key ${keyId}, which is no longer trusted here, so its copy cannot be checked.`, keyId);
  }

  const target = join(destDir, `${id}-v${manifest.version}.baraza`);
  const refuseExisting = async (): Promise<void> => {
    if (!options.overwrite && (await exists(target))) {
      throw new ExportError('destination-exists', `${target} already exists. Choose another folder, or replace the file.`);
    }
  };
  await refuseExisting();

  // A hidden name that the drive scan ignores, until the copy has passed its check.
  const temp = join(destDir, `.${id}-v${manifest.version}.${randomUUID()}.partial`);
  const written = new Map<string, string>();
  const total = manifest.files.reduce((n, f) => n + f.size, 0);
  let copied = 0;
  const onRead = (bytes: number): void => {
    copied += bytes;
    options.onProgress?.(copied, total, 'copying');
  };
  try {
    await writeZip(temp, installedFiles(dir, manifest, written, onRead)).catch((err: unknown) => {
      throw err instanceof PackError || err instanceof ArchiveError ? err : unwritable(destDir, err);
    });
    await checkCopy(temp, destDir, manifest, written, options);
    await refuseExisting();
    await rename(temp, target).catch((err: unknown) => {
      throw unwritable(destDir, err);
    });
    await syncDir(destDir);
    return { file: target, manifest, bytes: (await stat(target)).size };
  } finally {
    await rm(temp, { force: true });
  }
}
