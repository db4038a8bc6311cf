import { writeKeyPair } from '../../services/keys/keyFiles';
import { parse, required } from '../args';

export const KEYGEN_USAGE = 'baraza keygen --out DIR [--force]     write a signing key pair: DIR/baraza.pub and DIR/baraza.key';

/** The password, when wanted, comes from BARAZA_KEY_PASSWORD so it never shows in a process list. */
export async function keygen(argv: readonly string[]): Promise<number> {
  const { values } = parse(argv, { out: { type: 'string' }, force: { type: 'boolean' } });
  const out = required(values.out, '--out DIR');
  const password = process.env.BARAZA_KEY_PASSWORD;
  const result = await writeKeyPair(out, { ...(password ? { password } : {}), overwrite: values.force === true });
  console.log(`public key: ${result.publicKeyPath}`);
  console.log(`secret key: ${result.secretKeyPath}${password ? ' (protected by BARAZA_KEY_PASSWORD)' : ' (no password: keep this file private)'}`);
  console.log(`key id:     ${result.keyIdHex}`);
  return 0;
}
