/**
 * A publisher's signing key pair on disk: `baraza.pub`, handed to every laptop that installs
 * their packs, and `baraza.key`, which never leaves the publisher. Both are minisign files, so
 * `minisign -S -s baraza.key` and `minisign -V -p baraza.pub` work on them too.
 *
 * Every error is a KeyFileError whose message a publisher can act on.
 */
import { open, mkdir, rename, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import {
  MinisignError,
  formatPublicKey,
  formatSecretKeyAsync,
  generateKeyPair,
  parsePublicKey,
  parseSecretKeyAsync,
  type MinisignErrorCode,
  type MinisignPublicKey,
  type MinisignSecretKey,
} from '../../core/pack/minisign';

export const PUBLIC_KEY_FILE = 'baraza.pub';
export const SECRET_KEY_FILE = 'baraza.key';

// Real key files are under 500 bytes; anything far bigger is the wrong file.
const MAX_KEY_FILE_BYTES = 64 * 1024;

export type KeyFileErrorCode = 'exists' | 'not-found' | 'unreadable' | 'unwritable' | MinisignErrorCode;

export class KeyFileError extends Error {
  constructor(
    readonly code: KeyFileErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'KeyFileError';
  }
}

export interface WrittenKeyPair {
  readonly publicKeyPath: string;
  readonly secretKeyPath: string;
  readonly keyIdHex: string;
}

/** Writes outDir/baraza.pub and outDir/baraza.key (mode 0600), creating outDir if needed. */
export async function writeKeyPair(outDir: string, options: { password?: string; overwrite?: boolean } = {}): Promise<WrittenKeyPair> {
  const publicKeyPath = join(outDir, PUBLIC_KEY_FILE);
  const secretKeyPath = join(outDir, SECRET_KEY_FILE);
  try {
    await mkdir(outDir, { recursive: true });
  } catch (err) {
    throw writeError(err, outDir);
  }
  // Check both names before the slow password hashing, and so a refusal never leaves half a pair.
  if (options.overwrite !== true) await refuseExistingKeys(outDir);
  const key = generateKeyPair();
  let secretText: string;
  try {
    secretText = await formatSecretKeyAsync(key, options.password === undefined ? {} : { password: options.password });
  } catch (err) {
    throw err instanceof MinisignError ? new KeyFileError(err.code, err.message, { cause: err }) : err;
  }
  const files: KeyFileContent[] = [
    { path: secretKeyPath, text: secretText, mode: 0o600 },
    { path: publicKeyPath, text: formatPublicKey(key.publicKey), mode: 0o644 },
  ];
  await (options.overwrite === true ? replaceFiles(files) : createFiles(files));
  return { publicKeyPath, secretKeyPath, keyIdHex: key.publicKey.keyIdHex };
}

export async function readPublicKeyFile(path: string): Promise<MinisignPublicKey> {
  const text = await readKeyText(path);
  try {
    return parsePublicKey(text);
  } catch (err) {
    if (!(err instanceof MinisignError)) throw err;
    throw new KeyFileError(err.code, `${path} is not a minisign public key: ${err.message} Ask the publisher for a fresh copy of their ${PUBLIC_KEY_FILE}.`, { cause: err });
  }
}

/** Decrypting a password-protected key takes a second or more; scrypt yields to the event loop meanwhile. */
export async function readSecretKeyFile(path: string, password?: string): Promise<MinisignSecretKey> {
  const text = await readKeyText(path);
  try {
    return await parseSecretKeyAsync(text, password);
  } catch (err) {
    if (!(err instanceof MinisignError)) throw err;
    throw new KeyFileError(err.code, secretKeyMessage(err, path, password !== undefined), { cause: err });
  }
}

function secretKeyMessage(err: MinisignError, path: string, passwordGiven: boolean): string {
  switch (err.code) {
    case 'wrong-password':
      return passwordGiven
        ? `The password for ${path} is wrong. Try again; a forgotten password cannot be recovered, and then only a new key pair helps.`
        : `${path} is protected by a password. Give its password to use it.`;
    case 'unsupported':
      return `${path} cannot be used: ${err.message}`;
    default:
      return `${path} is not a usable minisign secret key: ${err.message} Use the ${SECRET_KEY_FILE} written by "baraza keygen" or "minisign -G".`;
  }
}

async function refuseExistingKeys(outDir: string): Promise<void> {
  for (const name of [SECRET_KEY_FILE, PUBLIC_KEY_FILE]) {
    let handle: FileHandle;
    try {
      handle = await open(join(outDir, name), 'r');
    } catch {
      continue; // missing; anything stranger shows up in the exclusive write
    }
    await handle.close();
    throw new KeyFileError('exists', existsMessage(name, outDir));
  }
}

function existsMessage(name: string, outDir: string): string {
  return name === SECRET_KEY_FILE
    ? `${SECRET_KEY_FILE} already exists in ${outDir}. Use another folder, or delete the old key only if you are sure no pack still needs it.`
    : `${PUBLIC_KEY_FILE} already exists in ${outDir}. Use another folder, or delete it only if it belongs to a key no pack still needs.`;
}

interface KeyFileContent {
  readonly path: string;
  readonly text: string;
  readonly mode: number;
}

/** Exclusive creation: a file that appeared meanwhile is never clobbered, and a failure removes what was made. */
async function createFiles(files: readonly KeyFileContent[]): Promise<void> {
  const made: string[] = [];
  try {
    for (const file of files) {
      await writeNewFile(file.path, file.text, file.mode);
      made.push(file.path);
    }
  } catch (err) {
    await Promise.all(made.map((path) => rm(path, { force: true })));
    throw err;
  }
}

/** Both files are written in full under temporary names first, so an old pair is replaced only by a complete new one. */
async function replaceFiles(files: readonly KeyFileContent[]): Promise<void> {
  const staged = files.map((file) => ({ ...file, temp: `${file.path}.tmp-${process.pid}-${Date.now()}` }));
  try {
    for (const file of staged) await writeNewFile(file.temp, file.text, file.mode);
    for (const file of staged) {
      try {
        await rename(file.temp, file.path);
      } catch (err) {
        throw writeError(err, file.path);
      }
    }
  } finally {
    await Promise.all(staged.map((file) => rm(file.temp, { force: true })));
  }
}

async function writeNewFile(path: string, text: string, mode: number): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'wx', mode);
  } catch (err) {
    throw writeError(err, path);
  }
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(path, { force: true });
    throw writeError(err, path);
  }
  await handle.close();
}

async function readKeyText(path: string): Promise<string> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw readError(err, path);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new KeyFileError('unreadable', `${path} is not a file. Give the path of the key file itself.`);
    if (info.size > MAX_KEY_FILE_BYTES) {
      throw new KeyFileError('malformed-key', `${path} is ${info.size} bytes, far too big for a key file. Check that you chose the right file.`);
    }
    return (await handle.readFile()).toString('utf8');
  } catch (err) {
    throw err instanceof KeyFileError ? err : readError(err, path);
  } finally {
    await handle.close();
  }
}

function errnoOf(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

function readError(err: unknown, path: string): KeyFileError {
  switch (errnoOf(err)) {
    case 'ENOENT':
      return new KeyFileError('not-found', `There is no file at ${path}. Check the path and try again.`, { cause: err });
    case 'EISDIR':
      return new KeyFileError('unreadable', `${path} is a folder. Give the path of the key file itself.`, { cause: err });
    case 'EACCES':
    case 'EPERM':
      return new KeyFileError('unreadable', `Baraza may not read ${path}. Check the file's permissions.`, { cause: err });
    default:
      return new KeyFileError('unreadable', `${path} could not be read (${errnoOf(err) ?? String(err)}). Check the file and try again.`, { cause: err });
  }
}

function writeError(err: unknown, path: string): KeyFileError {
  const code = errnoOf(err);
  if (code === 'EEXIST') return new KeyFileError('exists', `${path} appeared while the key was being written. Check who else is using this folder, then try again.`, { cause: err });
  const reason =
    code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'it is not writable' : code === 'ENOTDIR' ? 'part of the path is a file, not a folder' : (code ?? String(err));
  return new KeyFileError('unwritable', `Could not write ${path} (${reason}). Choose a folder you can write to.`, { cause: err });
}
