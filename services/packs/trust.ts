/**
 * Keys whose packs this installation accepts: those bundled with the app (the
 * default publisher) and those a user added after comparing the fingerprint
 * with the one the publisher gave them.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatPublicKey, MinisignError, parsePublicKey, publicKeyFingerprint, type MinisignPublicKey } from '../../core/pack/minisign';

export interface TrustedKey {
  readonly key: MinisignPublicKey;
  readonly fingerprint: string;
  readonly source: 'bundled' | 'user';
}

async function readKeys(dir: string): Promise<MinisignPublicKey[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const keys: MinisignPublicKey[] = [];
  for (const name of names.filter((n) => n.endsWith('.pub')).sort()) {
    try {
      keys.push(parsePublicKey(await readFile(join(dir, name), 'utf8')));
    } catch (err) {
      // One damaged key file must not lock out every other publisher.
      if (!(err instanceof MinisignError)) throw err;
    }
  }
  return keys;
}

export class TrustStore {
  constructor(
    private readonly bundledDir: string,
    private readonly userDir: string,
  ) {}

  async list(): Promise<TrustedKey[]> {
    const bundled = (await readKeys(this.bundledDir)).map((key) => ({ key, fingerprint: publicKeyFingerprint(key), source: 'bundled' as const }));
    const user = (await readKeys(this.userDir))
      .filter((k) => !bundled.some((b) => b.key.keyIdHex === k.keyIdHex))
      .map((key) => ({ key, fingerprint: publicKeyFingerprint(key), source: 'user' as const }));
    return [...bundled, ...user];
  }

  async keys(): Promise<MinisignPublicKey[]> {
    return (await this.list()).map((t) => t.key);
  }

  /** Parses a public key (the text of a .pub file) without trusting it, so its fingerprint can be shown first. */
  static describe(publicKeyText: string): { key: MinisignPublicKey; fingerprint: string } {
    const key = parsePublicKey(publicKeyText);
    return { key, fingerprint: publicKeyFingerprint(key) };
  }

  async trust(publicKeyText: string): Promise<TrustedKey> {
    const { key, fingerprint } = TrustStore.describe(publicKeyText);
    await mkdir(this.userDir, { recursive: true });
    await writeFile(join(this.userDir, `${key.keyIdHex}.pub`), formatPublicKey(key, 'trusted by a Baraza user'));
    return { key, fingerprint, source: 'user' };
  }

  async untrust(keyIdHex: string): Promise<void> {
    if (!/^[0-9A-F]{16}$/.test(keyIdHex)) return;
    await rm(join(this.userDir, `${keyIdHex}.pub`), { force: true });
  }
}
