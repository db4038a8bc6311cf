/**
 * Our minisign code against the real tool, both ways: the proof behind DESIGN.md decision 3
 * ("Debian's `minisign -V` must accept it") and behind the libsodium scrypt parameters.
 * minisign reads a password from stdin when stdin is not a terminal, so encrypted keys are tested too.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MINISIGN_SCRYPT_LIMITS,
  formatSecretKey,
  generateKeyPair,
  parsePublicKey,
  parseSecretKey,
  parseSignature,
  scryptParameters,
  signMessage,
  verifySignature,
  type MinisignPublicKey,
  type ScryptLimits,
} from '../../core/pack/minisign';
import { readPublicKeyFile, readSecretKeyFile, writeKeyPair } from './keyFiles';

const MINISIGN = '/usr/bin/minisign';
const haveMinisign = existsSync(MINISIGN);
if (!haveMinisign) {
  process.stderr.write(`minisign interop tests skipped: ${MINISIGN} is not installed here. They run in CI, where .ci/run installs Debian's minisign.\n`);
}

const PASSWORD = 'interop passphrase';
const MESSAGE = 'manifest.json stand-in\nwith two lines\n';

let dir: string;
let counter = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baraza-minisign-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `input` goes to stdin: minisign reads passwords from there when it is not a terminal. */
function minisign(args: readonly string[], input = ''): Run {
  const result = spawnSync(MINISIGN, args, { cwd: dir, input, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function expectSuccess(run: Run): Run {
  expect(run, run.stderr).toMatchObject({ status: 0 });
  return run;
}

async function messageFile(content = MESSAGE): Promise<{ path: string; bytes: Uint8Array }> {
  const path = join(dir, `message-${++counter}.json`);
  await writeFile(path, content);
  return { path, bytes: new Uint8Array(await readFile(path)) };
}

/** Signs `file` with our code and writes the signature where `minisign -V -x` will read it. */
async function ourSignatureFile(secretKeyText: string, file: string, trustedComment: string, password?: string): Promise<string> {
  const sigPath = `${file}.ours.minisig`;
  await writeFile(sigPath, signMessage(parseSecretKey(secretKeyText, password), new Uint8Array(await readFile(file)), trustedComment));
  return sigPath;
}

async function ourVerify(key: MinisignPublicKey, file: string, sigPath = `${file}.minisig`) {
  return verifySignature(key, new Uint8Array(await readFile(file)), parseSignature(await readFile(sigPath, 'utf8')));
}

describe.skipIf(!haveMinisign)('with the real minisign', () => {
  describe('keys made by minisign', () => {
    let pubPath: string;
    let keyPath: string;

    beforeAll(() => {
      pubPath = join(dir, 'theirs.pub');
      keyPath = join(dir, 'theirs.key');
      expectSuccess(minisign(['-G', '-W', '-p', pubPath, '-s', keyPath]));
    });

    it('we verify what minisign signs, prehashed and legacy', async () => {
      const { path } = await messageFile();
      expectSuccess(minisign(['-S', '-s', keyPath, '-m', path, '-t', 'pack:theirs version:4']));
      expectSuccess(minisign(['-S', '-l', '-s', keyPath, '-m', path, '-x', `${path}.legacy`, '-t', 'legacy']));
      const key = await readPublicKeyFile(pubPath);
      expect(await ourVerify(key, path)).toEqual({ ok: true, trustedComment: 'pack:theirs version:4' });
      expect(parseSignature(await readFile(`${path}.legacy`, 'utf8')).prehashed).toBe(false);
      expect(await ourVerify(key, path, `${path}.legacy`)).toEqual({ ok: true, trustedComment: 'legacy' });
    });

    it('we read minisign’s secret key, and minisign -V accepts what we sign with it', async () => {
      const secret = await readSecretKeyFile(keyPath);
      expect(secret.publicKey).toEqual(await readPublicKeyFile(pubPath));
      const { path } = await messageFile();
      const sigPath = await ourSignatureFile(await readFile(keyPath, 'utf8'), path, 'pack:ours version:5 — ok');
      const run = expectSuccess(minisign(['-V', '-H', '-p', pubPath, '-m', path, '-x', sigPath]));
      expect(run.stdout).toContain('Signature and comment signature verified\nTrusted comment: pack:ours version:5 — ok\n');
    });

    it('a password-protected minisign key with its default scrypt limits (1 GiB) opens with our code', { timeout: 180_000 }, async () => {
      const encPub = join(dir, 'theirs-enc.pub');
      const encKey = join(dir, 'theirs-enc.key');
      expectSuccess(minisign(['-G', '-p', encPub, '-s', encKey], `${PASSWORD}\n${PASSWORD}\n`));
      const body = (await readFile(encKey, 'utf8')).split('\n')[1] ?? '';
      const view = new DataView(Uint8Array.from(atob(body), (c) => c.charCodeAt(0)).buffer);
      expect({ opslimit: Number(view.getBigUint64(38, true)), memlimit: Number(view.getBigUint64(46, true)) }).toEqual(MINISIGN_SCRYPT_LIMITS);

      const secret = await readSecretKeyFile(encKey, PASSWORD);
      expect(secret.publicKey).toEqual(await readPublicKeyFile(encPub));
      const { path } = await messageFile();
      const sigPath = `${path}.ours.minisig`;
      await writeFile(sigPath, signMessage(secret, new Uint8Array(await readFile(path)), 'from a minisign default key'));
      expectSuccess(minisign(['-V', '-p', encPub, '-m', path, '-x', sigPath]));
    });
  });

  describe('keys made by us', () => {
    it('minisign signs with our unencrypted key, rebuilds our public key from it, and accepts our signatures', async () => {
      const keys = await writeKeyPair(join(dir, 'ours-plain'));
      const { path } = await messageFile();
      expectSuccess(minisign(['-S', '-s', keys.secretKeyPath, '-m', path, '-t', 'signed by minisign with our key']));
      const publicKey = await readPublicKeyFile(keys.publicKeyPath);
      expect(await ourVerify(publicKey, path)).toEqual({ ok: true, trustedComment: 'signed by minisign with our key' });

      const rebuilt = join(dir, 'ours-plain-rebuilt.pub');
      expectSuccess(minisign(['-R', '-s', keys.secretKeyPath, '-p', rebuilt]));
      expect(parsePublicKey(await readFile(rebuilt, 'utf8'))).toEqual(publicKey);

      const sigPath = await ourSignatureFile(await readFile(keys.secretKeyPath, 'utf8'), path, 'pack:plain version:1');
      const run = expectSuccess(minisign(['-V', '-H', '-p', keys.publicKeyPath, '-m', path, '-x', sigPath]));
      expect(run.stdout).toContain('Trusted comment: pack:plain version:1\n');
    });

    it('minisign opens our password-protected key (Baraza scrypt limits) and we accept its signature', { timeout: 60_000 }, async () => {
      const keys = await writeKeyPair(join(dir, 'ours-encrypted'), { password: PASSWORD });
      const { path } = await messageFile();
      expectSuccess(minisign(['-S', '-s', keys.secretKeyPath, '-m', path, '-t', 'minisign with our encrypted key'], `${PASSWORD}\n`));
      expect(await ourVerify(await readPublicKeyFile(keys.publicKeyPath), path)).toEqual({ ok: true, trustedComment: 'minisign with our encrypted key' });

      const sigPath = await ourSignatureFile(await readFile(keys.secretKeyPath, 'utf8'), path, 'ours, encrypted key', PASSWORD);
      expect(expectSuccess(minisign(['-V', '-p', keys.publicKeyPath, '-m', path, '-x', sigPath])).stdout).toContain('Trusted comment: ours, encrypted key\n');

      const wrong = minisign(['-S', '-s', keys.secretKeyPath, '-m', path, '-x', `${path}.wrong`], 'not the password\n');
      expect(wrong.status).not.toBe(0);
      expect(wrong.stderr).toContain('Wrong password for that key');
    });

    // Each libsodium pickparams() branch: minisign derives the same stream only if our N, r, p match.
    it.each<[string, ScryptLimits, { logN: number; p: number }]>([
      ['opslimit-bound', { opslimit: 2 ** 19, memlimit: 2 ** 30 }, { logN: 14, p: 1 }],
      ['memlimit-bound with p > 1', { opslimit: 2 ** 22, memlimit: 2 ** 24 }, { logN: 14, p: 8 }],
      ['memlimit-bound, not a power of two', { opslimit: 2 ** 21, memlimit: 3 * 2 ** 24 }, { logN: 15, p: 2 }],
    ])('minisign opens our key with %s scrypt limits', async (_name, limits, expected) => {
      const key = generateKeyPair();
      const keyPath = join(dir, `limits-${++counter}.key`);
      await writeFile(keyPath, formatSecretKey(key, { password: PASSWORD, scryptLimits: limits }));
      const { path } = await messageFile();
      expectSuccess(minisign(['-S', '-s', keyPath, '-m', path, '-t', 'limits'], `${PASSWORD}\n`));
      expect(await ourVerify(key.publicKey, path)).toMatchObject({ ok: true });
      expect(scryptParameters(BigInt(limits.opslimit), BigInt(limits.memlimit))).toEqual({ ...expected, r: 8 });
    });
  });

  describe('tampering', () => {
    it('minisign rejects our signature on a changed file, and we reject minisign’s', async () => {
      const keys = await writeKeyPair(join(dir, 'tamper'));
      const { path } = await messageFile();
      expectSuccess(minisign(['-S', '-s', keys.secretKeyPath, '-m', path, '-t', 'theirs']));
      const ours = await ourSignatureFile(await readFile(keys.secretKeyPath, 'utf8'), path, 'ours');
      await writeFile(path, MESSAGE.replace('two', 'too'));

      const theirVerdict = minisign(['-V', '-p', keys.publicKeyPath, '-m', path, '-x', ours]);
      expect(theirVerdict.status).toBe(1);
      expect(theirVerdict.stderr).toContain('Signature verification failed');
      expect(await ourVerify(await readPublicKeyFile(keys.publicKeyPath), path)).toEqual({ ok: false, reason: 'bad-signature' });
    });

    it('minisign rejects our signature with a changed trusted comment, and we reject minisign’s', async () => {
      const keys = await writeKeyPair(join(dir, 'tamper-comment'));
      const { path } = await messageFile();
      expectSuccess(minisign(['-S', '-s', keys.secretKeyPath, '-m', path, '-t', 'pack:a version:1']));
      const ours = await ourSignatureFile(await readFile(keys.secretKeyPath, 'utf8'), path, 'pack:a version:1');
      for (const sigPath of [`${path}.minisig`, ours]) {
        await writeFile(sigPath, (await readFile(sigPath, 'utf8')).replace('version:1', 'version:2'));
      }

      const theirVerdict = minisign(['-V', '-p', keys.publicKeyPath, '-m', path, '-x', ours]);
      expect(theirVerdict.status).toBe(1);
      expect(theirVerdict.stderr).toContain('Comment signature verification failed');
      expect(await ourVerify(await readPublicKeyFile(keys.publicKeyPath), path)).toEqual({ ok: false, reason: 'bad-trusted-comment' });
    });
  });
});
