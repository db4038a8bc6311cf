/**
 * `baraza bundle`: the app build's content step. Builds every pack under
 * content/ into dist/packs/, signed with the build's key, and puts that key's
 * public half in dist/keys/ for the app to trust. The key comes from
 * BARAZA_SIGNING_KEY; without it a development key is made once in .keys/.
 */
import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeKeyPair } from '../../services/keys/keyFiles';
import { parse } from '../args';
import { bundleAll } from './pack';

export const BUNDLE_USAGE = 'baraza bundle [--content DIR] [--out DIR]   build the bundled packs and the trusted key for the app (default content/ and dist/)';

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export async function bundle(argv: readonly string[]): Promise<number> {
  const { values } = parse(argv, { content: { type: 'string' }, out: { type: 'string' } });
  const content = values.content ?? 'content';
  const out = values.out ?? 'dist';
  let keyFile = process.env.BARAZA_SIGNING_KEY;
  if (!keyFile) {
    keyFile = join('.keys', 'baraza.key');
    if (!(await exists(keyFile))) {
      const made = await writeKeyPair('.keys');
      console.log(`made a development signing key ${made.keyIdHex} in .keys/ (set BARAZA_SIGNING_KEY to sign with a publisher key)`);
    }
  }
  const publicKey = keyFile.replace(/\.key$/, '.pub');
  await rm(join(out, 'packs'), { recursive: true, force: true });
  await mkdir(join(out, 'packs'), { recursive: true });
  await rm(join(out, 'keys'), { recursive: true, force: true });
  await mkdir(join(out, 'keys'), { recursive: true });
  await copyFile(publicKey, join(out, 'keys', 'bundled.pub'));
  return bundleAll(content, join(out, 'packs'), keyFile);
}
