import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, formatPublicKey, formatSecretKey, parseSignature, signMessage, verifySignature } from '../../core/pack/minisign';
import { KeyFileError, readPublicKeyFile, readSecretKeyFile, writeKeyPair } from './keyFiles';

let root: string;
let counter = 0;
const freshDir = (): string => join(root, `case-${++counter}`);
const onPosix = process.platform !== 'win32';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'baraza-keys-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<KeyFileError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(KeyFileError);
  return err as KeyFileError;
}

describe('writeKeyPair', () => {
  it('writes a usable pair into a new folder', async () => {
    const dir = join(freshDir(), 'nested');
    const written = await writeKeyPair(dir);
    expect(written).toEqual({ publicKeyPath: join(dir, 'baraza.pub'), secretKeyPath: join(dir, 'baraza.key'), keyIdHex: expect.stringMatching(/^[0-9A-F]{16}$/) });
    const publicKey = await readPublicKeyFile(written.publicKeyPath);
    const secretKey = await readSecretKeyFile(written.secretKeyPath);
    expect(publicKey.keyIdHex).toBe(written.keyIdHex);
    expect(secretKey.publicKey).toEqual(publicKey);
    const message = new TextEncoder().encode('manifest');
    expect(verifySignature(publicKey, message, parseSignature(signMessage(secretKey, message, 'pack:x version:1')))).toMatchObject({ ok: true });
    expect((await readdir(dir)).sort()).toEqual(['baraza.key', 'baraza.pub']);
  });

  it.skipIf(!onPosix)('keeps the secret key private to its owner', async () => {
    const written = await writeKeyPair(freshDir());
    expect((await stat(written.secretKeyPath)).mode & 0o777).toBe(0o600);
  });

  it('refuses to overwrite a secret key, with a sentence that says what to do', async () => {
    const dir = freshDir();
    await writeKeyPair(dir);
    const before = await readFile(join(dir, 'baraza.key'), 'utf8');
    const err = await rejection(writeKeyPair(dir));
    expect(err.code).toBe('exists');
    expect(err.message).toBe(`baraza.key already exists in ${dir}. Use another folder, or delete the old key only if you are sure no pack still needs it.`);
    expect(await readFile(join(dir, 'baraza.key'), 'utf8')).toBe(before);
  });

  it('refuses when only baraza.pub exists, and writes nothing', async () => {
    const dir = freshDir();
    await mkdir(dir);
    await writeFile(join(dir, 'baraza.pub'), 'keep me');
    const err = await rejection(writeKeyPair(dir));
    expect(err.message).toMatch(/^baraza\.pub already exists in /);
    expect(await readdir(dir)).toEqual(['baraza.pub']);
  });

  it('replaces both files when asked, still private, leaving no temporary files', async () => {
    const dir = freshDir();
    const first = await writeKeyPair(dir);
    await chmod(first.secretKeyPath, 0o644);
    const second = await writeKeyPair(dir, { overwrite: true });
    expect(second.keyIdHex).not.toBe(first.keyIdHex);
    expect((await readPublicKeyFile(second.publicKeyPath)).keyIdHex).toBe(second.keyIdHex);
    expect((await readSecretKeyFile(second.secretKeyPath)).publicKey.keyIdHex).toBe(second.keyIdHex);
    if (onPosix) expect((await stat(second.secretKeyPath)).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).sort()).toEqual(['baraza.key', 'baraza.pub']);
  });

  it('protects the secret key with a password when given one', async () => {
    const dir = freshDir();
    const written = await writeKeyPair(dir, { password: 'a long passphrase' });
    expect(await readFile(written.secretKeyPath, 'utf8')).toMatch(/^untrusted comment: minisign encrypted secret key\n/);
    expect((await readSecretKeyFile(written.secretKeyPath, 'a long passphrase')).publicKey.keyIdHex).toBe(written.keyIdHex);

    const wrong = await rejection(readSecretKeyFile(written.secretKeyPath, 'not it'));
    expect(wrong.code).toBe('wrong-password');
    expect(wrong.message).toBe(`The password for ${written.secretKeyPath} is wrong. Try again; a forgotten password cannot be recovered, and then only a new key pair helps.`);
    const missing = await rejection(readSecretKeyFile(written.secretKeyPath));
    expect(missing.message).toBe(`${written.secretKeyPath} is protected by a password. Give its password to use it.`);
  });

  it('refuses an empty password before writing anything', async () => {
    const dir = freshDir();
    const err = await rejection(writeKeyPair(dir, { password: '' }));
    expect(err.code).toBe('unsupported');
    expect(await readdir(dir)).toEqual([]);
  });

  it('says when the folder cannot be made', async () => {
    const file = freshDir();
    await writeFile(file, 'a file, not a folder');
    const err = await rejection(writeKeyPair(join(file, 'keys')));
    expect(err.code).toBe('unwritable');
    expect(err.message).toBe(`Could not write ${join(file, 'keys')} (part of the path is a file, not a folder). Choose a folder you can write to.`);
  });

  // root may write anywhere, so the permission case needs an ordinary user.
  it.skipIf(!onPosix || process.getuid?.() === 0)('says when the folder is not writable', async () => {
    const dir = freshDir();
    await mkdir(dir, { mode: 0o500 });
    const err = await rejection(writeKeyPair(dir));
    expect(err.code).toBe('unwritable');
    expect(err.message).toMatch(/Choose a folder you can write to\.$/);
  });
});

describe('reading key files', () => {
  it('reads minisign files with CRLF line endings', async () => {
    const dir = freshDir();
    await mkdir(dir);
    const key = generateKeyPair();
    await writeFile(join(dir, 'k.pub'), formatPublicKey(key.publicKey).replace(/\n/g, '\r\n'));
    await writeFile(join(dir, 'k.key'), formatSecretKey(key).replace(/\n/g, '\r\n'));
    expect(await readPublicKeyFile(join(dir, 'k.pub'))).toEqual(key.publicKey);
    expect(await readSecretKeyFile(join(dir, 'k.key'))).toEqual(key);
  });

  it('explains a missing file, a folder, a huge file and the wrong kind of file', async () => {
    const dir = freshDir();
    await mkdir(dir);
    const missing = await rejection(readPublicKeyFile(join(dir, 'nope.pub')));
    expect(missing.code).toBe('not-found');
    expect(missing.message).toBe(`There is no file at ${join(dir, 'nope.pub')}. Check the path and try again.`);

    expect((await rejection(readSecretKeyFile(dir))).code).toBe('unreadable');

    await writeFile(join(dir, 'huge.pub'), Buffer.alloc(1024 * 1024, 0x41));
    const huge = await rejection(readPublicKeyFile(join(dir, 'huge.pub')));
    expect(huge.message).toMatch(/far too big for a key file/);

    const key = generateKeyPair();
    await writeFile(join(dir, 'swapped.pub'), formatSecretKey(key));
    const swapped = await rejection(readPublicKeyFile(join(dir, 'swapped.pub')));
    expect(swapped.code).toBe('malformed-key');
    expect(swapped.message).toMatch(/is not a minisign public key: .* Ask the publisher for a fresh copy of their baraza\.pub\.$/);
    await writeFile(join(dir, 'swapped.key'), formatPublicKey(key.publicKey));
    expect((await rejection(readSecretKeyFile(join(dir, 'swapped.key')))).message).toMatch(/is not a usable minisign secret key: /);
  });
});
