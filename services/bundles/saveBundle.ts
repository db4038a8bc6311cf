/**
 * Saves a sync bundle the app made into a folder or onto a drive the person chose.
 * As with a pack export, the copy is read back before it gets its real name:
 * sticks that pass through many hands often fail quietly, and the bundle may be
 * the only way these records leave the laptop.
 */
import { randomUUID } from 'node:crypto';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BUNDLE_EXTENSION, BundleError, readBundle } from '../../core/sync/bundle';
import { driveProblem, syncDir } from '../drives/durable';

export type BundleSaveCode = 'bad-bundle' | 'unwritable' | 'damaged-copy';

export class BundleSaveError extends Error {
  constructor(
    readonly code: BundleSaveCode,
    message: string,
  ) {
    super(message);
    this.name = 'BundleSaveError';
  }
}

export interface SavedBundle {
  readonly file: string;
  readonly bytes: number;
}

/** A plain file name the app makes, such as `baraza-2026-11-27.baraza-sync.json`. */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,100}\.baraza-sync\.json$/;
/** Another bundle of the same day gets `-2`, `-3`…: an earlier bundle is never replaced. */
const MAX_SAME_NAME = 99;

const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);

async function freeName(destDir: string, fileName: string): Promise<string> {
  const stem = fileName.slice(0, -BUNDLE_EXTENSION.length);
  for (let n = 1; n <= MAX_SAME_NAME; n++) {
    const candidate = join(destDir, n === 1 ? fileName : `${stem}-${n}${BUNDLE_EXTENSION}`);
    if (!(await exists(candidate))) return candidate;
  }
  throw new BundleSaveError('unwritable', `${destDir} already holds ${MAX_SAME_NAME} bundles named like ${fileName}. Move some of them off the drive, or choose another folder.`);
}

async function writeDurably(path: string, data: Buffer): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export interface SaveOptions {
  /** How the copy is read back; a test puts a failing drive here. */
  readonly readBack?: (path: string) => Promise<Buffer>;
}

/** Writes `text` (a whole bundle, checked first) to `destDir`, reads it back, and names it. */
export async function saveSyncBundle(destDir: string, fileName: string, text: string, options: SaveOptions = {}): Promise<SavedBundle> {
  if (!FILE_NAME.test(fileName)) throw new BundleSaveError('bad-bundle', `${JSON.stringify(fileName)} is not a name for a sync bundle.`);
  try {
    readBundle(text);
  } catch (err) {
    if (err instanceof BundleError) throw new BundleSaveError('bad-bundle', `The records could not be packed into a bundle: ${err.message}`);
    throw err;
  }
  const data = Buffer.from(text, 'utf8');
  // A hidden name until the copy has passed its check.
  const temp = join(destDir, `.${fileName}.${randomUUID()}.partial`);
  const unwritable = (err: unknown): never => {
    if (err instanceof BundleSaveError) throw err;
    throw new BundleSaveError('unwritable', `The records could not be saved to ${destDir}: ${driveProblem(err)}. Try another drive or folder.`);
  };
  try {
    await writeDurably(temp, data).catch(unwritable);
    const back = await (options.readBack ?? readFile)(temp).catch(unwritable);
    if (!back.equals(data)) {
      throw new BundleSaveError('damaged-copy', `The copy written to ${destDir} reads back differently, so it was deleted. The drive may be failing: try another one.`);
    }
    const target = await freeName(destDir, fileName);
    await rename(temp, target).catch(unwritable);
    await syncDir(destDir);
    return { file: target, bytes: data.length };
  } finally {
    // Nothing to remove when the folder itself could not be reached.
    await rm(temp, { force: true }).catch(() => undefined);
  }
}
