import { ed25519 } from '@noble/curves/ed25519.js';
import { blake2b } from '@noble/hashes/blake2.js';
import { describe, expect, it } from 'vitest';
import {
  BARAZA_SCRYPT_LIMITS,
  MINISIGN_SCRYPT_LIMITS,
  MinisignError,
  formatPublicKey,
  formatSecretKey,
  formatSecretKeyAsync,
  generateKeyPair,
  parsePublicKey,
  parseSecretKey,
  parseSecretKeyAsync,
  parseSignature,
  publicKeyFingerprint,
  scryptParameters,
  signMessage,
  verifySignature,
  type MinisignErrorCode,
  type MinisignSecretKey,
} from './minisign';

// Made by Debian's minisign 0.11: `minisign -G -W`, then `-S -c 'kat fixture' -t 'pack:kat version:1'` and `-S -l -t 'legacy kat'`.
const KAT_PUB = 'untrusted comment: minisign public key 243C6EBC1B21B495\nRWSVtCEbvG48JEDa5qBHE7N+MCUwSnsQUuzvJIeJX8IhrrTLU7ekyFHr\n';
const KAT_KEY =
  'untrusted comment: minisign encrypted secret key\n' +
  'RWQAAEIyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlbQhG7xuPCTvTTGZEilUz43k6FZYL//U7tis3bwKK/Q1qSFkkMhUxEDa5qBHE7N+MCUwSnsQUuzvJIeJX8IhrrTLU7ekyFHrAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n';
const KAT_SIG =
  'untrusted comment: kat fixture\n' +
  'RUSVtCEbvG48JMX53jb3BievOGUWiy5Zh/mIUD+vPsx0F4eyOhu+z17w2lTRPaAhssq8VYtZDEVUJQ2KAcAuwhCTHY1SGYNftw8=\n' +
  'trusted comment: pack:kat version:1\n' +
  '9uRhRN/HSQmaFDUdF5A6tLf7zYlGUkOECbeDpoNQNAYwHmyoP0tlR957rwL1m9+is2Afd1gzqZUuQeG/MnUxCQ==\n';
const KAT_LEGACY_SIG =
  'untrusted comment: signature from minisign secret key\n' +
  'RWSVtCEbvG48JF04fxiUJ3JSUHvsYNpPiYCoAZHFFFqrfi55bUa3W0fwCgQ5fq2ExCC+p0twd3l1nfNnSHpiogWZi1olrGEPaQA=\n' +
  'trusted comment: legacy kat\n' +
  'Q8veimjmCKDOiYV969kUm+Ln7PdmIXYIE9gvx2LnpevA7cfKELsdEJ1fVJHMFWV7tOvJULDecd9Ki0nHhg1sDQ==\n';
const KAT_MESSAGE = new TextEncoder().encode('Baraza known-answer message\n');

/** N = 2^14: fast enough for unit tests; the real limits are proven against minisign in services/keys. */
const FAST_LIMITS = { opslimit: 2 ** 19, memlimit: 2 ** 24 };

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const fromBase64 = (line: string): Uint8Array => Uint8Array.from(atob(line), (c) => c.charCodeAt(0));

function fixedKey(): MinisignSecretKey {
  const seed = Uint8Array.from({ length: 32 }, (_, i) => i);
  const publicKey = ed25519.getPublicKey(seed);
  const keyId = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
  const secretKey = new Uint8Array([...seed, ...publicKey]);
  return { keyId, secretKey, publicKey: parsePublicKey(toBase64(new Uint8Array([0x45, 0x64, ...keyId, ...publicKey]))) };
}

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

function expectMinisignError(fn: () => unknown, code?: MinisignErrorCode): void {
  const err = errorOf(fn);
  expect(err).toBeInstanceOf(MinisignError);
  if (code) expect((err as MinisignError).code).toBe(code);
}

/** Line `index` of `file` replaced by base64 of its bytes after `edit`. */
function editLine(file: string, index: number, edit: (bytes: Uint8Array) => void): string {
  const lines = file.split('\n');
  const bytes = fromBase64(lines[index] ?? '');
  edit(bytes);
  lines[index] = toBase64(bytes);
  return lines.join('\n');
}

describe('known answers from minisign 0.11', () => {
  it('reads the public key and prints its id as minisign does', () => {
    const key = parsePublicKey(KAT_PUB);
    expect(key.keyIdHex).toBe('243C6EBC1B21B495');
    expect(formatPublicKey(key)).toBe(KAT_PUB);
  });

  it('reads an unencrypted minisign secret key, whose checksum minisign leaves zero', () => {
    const key = parseSecretKey(KAT_KEY);
    expect(key.publicKey).toEqual(parsePublicKey(KAT_PUB));
  });

  it('signs byte for byte as minisign does (Ed25519 is deterministic)', () => {
    expect(signMessage(parseSecretKey(KAT_KEY), KAT_MESSAGE, 'pack:kat version:1', 'kat fixture')).toBe(KAT_SIG);
  });

  it('verifies minisign prehashed and legacy signatures', () => {
    const key = parsePublicKey(KAT_PUB);
    const prehashed = parseSignature(KAT_SIG);
    const legacy = parseSignature(KAT_LEGACY_SIG);
    expect(prehashed.prehashed).toBe(true);
    expect(legacy.prehashed).toBe(false);
    expect(verifySignature(key, KAT_MESSAGE, prehashed)).toEqual({ ok: true, trustedComment: 'pack:kat version:1' });
    expect(verifySignature(key, KAT_MESSAGE, legacy)).toEqual({ ok: true, trustedComment: 'legacy kat' });
    expect(verifySignature(key, text('other'), legacy)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('produces what @noble checks directly: Ed25519 over BLAKE2b-512, then over signature and comment', () => {
    const key = fixedKey();
    const message = text('a fixed message');
    const lines = signMessage(key, message, 'pack:fixed version:7').split('\n');
    const body = fromBase64(lines[1] ?? '');
    expect([...body.subarray(0, 2)]).toEqual([0x45, 0x44]); // "ED"
    expect([...body.subarray(2, 10)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const signature = body.subarray(10);
    expect(ed25519.verify(signature, blake2b(message), key.publicKey.publicKey)).toBe(true);
    expect(lines[2]).toBe('trusted comment: pack:fixed version:7');
    const global = fromBase64(lines[3] ?? '');
    expect(ed25519.verify(global, new Uint8Array([...signature, ...text('pack:fixed version:7')]), key.publicKey.publicKey)).toBe(true);
    expect(key.publicKey.keyIdHex).toBe('0807060504030201');
  });
});

describe('round trips', () => {
  it('public keys survive format and parse, from the file or the bare line', () => {
    const { publicKey } = generateKeyPair();
    const file = formatPublicKey(publicKey, 'a comment');
    expect(file.startsWith('untrusted comment: a comment\n')).toBe(true);
    expect(parsePublicKey(file)).toEqual(publicKey);
    expect(parsePublicKey(` ${file.split('\n')[1]} `)).toEqual(publicKey);
    expect(publicKey.keyIdHex).toMatch(/^[0-9A-F]{16}$/);
  });

  it('fingerprints are the base64 key line in groups of four', () => {
    const key = parsePublicKey(KAT_PUB);
    expect(publicKeyFingerprint(key)).toBe('RWSV tCEb vG48 JEDa 5qBH E7N+ MCUw SnsQ Uuzv JIeJ X8Ih rrTL U7ek yFHr');
  });

  it('signs and verifies with a new key, keeping unicode in the trusted comment', () => {
    const key = generateKeyPair();
    const message = text('manifest');
    const comment = 'pack:santé-ia version:3 — كتاب';
    const sig = parseSignature(signMessage(key, message, comment));
    expect(verifySignature(key.publicKey, message, sig)).toEqual({ ok: true, trustedComment: comment });
  });

  it('secret keys survive format and parse, unencrypted and with a password', async () => {
    const key = generateKeyPair();
    expect(parseSecretKey(formatSecretKey(key))).toEqual(key);
    const encrypted = formatSecretKey(key, { password: 'correct horse', scryptLimits: FAST_LIMITS });
    expect(encrypted).toMatch(/^untrusted comment: minisign encrypted secret key\n/);
    expect(parseSecretKey(encrypted, 'correct horse')).toEqual(key);
    expect(await parseSecretKeyAsync(encrypted, 'correct horse')).toEqual(key);
    expect(parseSecretKey(await formatSecretKeyAsync(key, { password: 'ü', scryptLimits: FAST_LIMITS }), 'ü')).toEqual(key);
    expect(parseSecretKey(formatSecretKey(key), 'ignored for unencrypted keys')).toEqual(key);
  });

  it('each encryption uses a fresh salt', () => {
    const key = generateKeyPair();
    const options = { password: 'pw', scryptLimits: FAST_LIMITS };
    expect(formatSecretKey(key, options)).not.toBe(formatSecretKey(key, options));
  });
});

describe('verification failures', () => {
  const key = generateKeyPair();
  const message = text('the manifest');
  const signed = signMessage(key, message, 'pack:a version:1');

  it('rejects a tampered message', () => {
    expect(verifySignature(key.publicKey, text('the manifesT'), parseSignature(signed))).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('rejects a tampered trusted comment', () => {
    const tampered = signed.replace('version:1', 'version:9');
    expect(verifySignature(key.publicKey, message, parseSignature(tampered))).toEqual({ ok: false, reason: 'bad-trusted-comment' });
  });

  it('rejects a signature by another key id', () => {
    expect(verifySignature(generateKeyPair().publicKey, message, parseSignature(signed))).toEqual({ ok: false, reason: 'key-mismatch' });
  });

  it('rejects a signature by another key that claims the same id', () => {
    const impostor = { ...generateKeyPair(), keyId: key.keyId };
    const forged = parseSignature(signMessage(impostor, message, 'pack:a version:1'));
    expect(verifySignature(key.publicKey, message, forged)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('rejects a prehashed signature relabelled as legacy, and a flipped signature bit', () => {
    const relabelled = editLine(signed, 1, (b) => (b[1] = 0x64));
    expect(verifySignature(key.publicKey, message, parseSignature(relabelled))).toEqual({ ok: false, reason: 'bad-signature' });
    const flipped = editLine(signed, 1, (b) => (b[20] = (b[20] ?? 0) ^ 1));
    expect(verifySignature(key.publicKey, message, parseSignature(flipped))).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('returns a failure, not an exception, for a hand-made key with wrong lengths', () => {
    const broken = { ...key.publicKey, publicKey: new Uint8Array(5) };
    expect(verifySignature(broken, message, parseSignature(signed))).toEqual({ ok: false, reason: 'bad-signature' });
  });
});

describe('signing refuses what minisign could not read back', () => {
  const key = generateKeyPair();
  it.each(['two\nlines', 'carriage\rreturn', 'nul\0byte', 'x'.repeat(8174)])('trusted comment %#', (comment) => {
    expectMinisignError(() => signMessage(key, text('m'), comment), 'malformed-signature');
  });

  it('accepts the longest trusted comment minisign reads', () => {
    const comment = 'x'.repeat(8173);
    expect(verifySignature(key.publicKey, text('m'), parseSignature(signMessage(key, text('m'), comment)))).toMatchObject({ ok: true });
  });

  it('refuses multi-line untrusted comments and unusable passwords', () => {
    expectMinisignError(() => signMessage(key, text('m'), 'ok', 'a\nb'), 'malformed-signature');
    expectMinisignError(() => formatPublicKey(key.publicKey, 'a\r\nb'), 'malformed-key');
    for (const password of ['', 'line\nbreak', 'x'.repeat(1023)]) {
      expectMinisignError(() => formatSecretKey(key, { password, scryptLimits: FAST_LIMITS }), 'unsupported');
    }
  });
});

describe('secret key errors', () => {
  const key = generateKeyPair();
  const encrypted = formatSecretKey(key, { password: 'right', scryptLimits: FAST_LIMITS });

  it('says wrong-password for a wrong or missing password', () => {
    expectMinisignError(() => parseSecretKey(encrypted, 'wrong'), 'wrong-password');
    expectMinisignError(() => parseSecretKey(encrypted), 'wrong-password');
  });

  it('notices damage to an unencrypted key', () => {
    const plain = formatSecretKey(key);
    expectMinisignError(() => parseSecretKey(editLine(plain, 1, (b) => (b[60] = (b[60] ?? 0) ^ 1))), 'malformed-key');
    expectMinisignError(() => parseSecretKey(editLine(plain, 1, (b) => (b[157] = (b[157] ?? 0) ^ 1))), 'malformed-key');
  });

  it('notices a secret key whose halves do not match even with a zero checksum', () => {
    const plain = formatSecretKey(key);
    const mismatched = editLine(plain, 1, (b) => {
      b.fill(0, 126, 158); // zero checksum, as minisign -W writes
      b[100] = (b[100] ?? 0) ^ 1; // inside the public half
    });
    expectMinisignError(() => parseSecretKey(mismatched), 'malformed-key');
  });

  it('refuses scrypt costs above minisign’s default before spending them', () => {
    const heavy = editLine(encrypted, 1, (b) => {
      const view = new DataView(b.buffer);
      view.setBigUint64(38, 2n ** 40n, true);
      view.setBigUint64(46, 2n ** 40n, true);
    });
    const started = Date.now();
    expectMinisignError(() => parseSecretKey(heavy, 'right'), 'unsupported');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses unknown kdf, checksum and signature algorithms', () => {
    expectMinisignError(() => parseSecretKey(editLine(encrypted, 1, (b) => (b[2] = 0x41))), 'unsupported');
    expectMinisignError(() => parseSecretKey(editLine(encrypted, 1, (b) => (b[5] = 0x33))), 'unsupported');
    expectMinisignError(() => parseSecretKey(editLine(encrypted, 1, (b) => (b[1] = 0x44))), 'unsupported');
  });
});

// Expected values read back from Debian's libsodium 1.0.18 (crypto_pwhash_scryptsalsa208sha256_str and _needs_rehash).
describe('scrypt parameters match libsodium pickparams()', () => {
  it.each([
    ['minisign default', BigInt(MINISIGN_SCRYPT_LIMITS.opslimit), BigInt(MINISIGN_SCRYPT_LIMITS.memlimit), { logN: 20, r: 8, p: 1 }],
    ['Baraza default', BigInt(BARAZA_SCRYPT_LIMITS.opslimit), BigInt(BARAZA_SCRYPT_LIMITS.memlimit), { logN: 18, r: 8, p: 1 }],
    ['libsodium interactive', 524288n, 16777216n, { logN: 14, r: 8, p: 1 }],
    ['ops-bound branch', 2n ** 19n, 2n ** 30n, { logN: 14, r: 8, p: 1 }],
    ['memory-bound with p > 1', 2n ** 22n, 2n ** 24n, { logN: 14, r: 8, p: 8 }],
    ['opslimit floor', 0n, 0n, { logN: 1, r: 8, p: 512 }],
    ['non-power-of-two memory', 2n ** 25n, 3n * 2n ** 28n, { logN: 19, r: 8, p: 2 }],
    ['u64 extremes', 2n ** 64n - 1n, 2n ** 64n - 1n, { logN: 53, r: 8, p: 63 }],
  ])('%s', (_name, ops, mem, expected) => {
    expect(scryptParameters(ops, mem)).toEqual(expected);
  });
});

describe('hostile text', () => {
  const key = generateKeyPair();
  const pub = formatPublicKey(key.publicKey);
  const sig = signMessage(key, text('m'), 'pack:a version:1');
  const sec = formatSecretKey(key);
  const parsers: [string, string, (t: string) => unknown][] = [
    ['public key', pub, parsePublicKey],
    ['signature', sig, parseSignature],
    ['secret key', sec, (t) => parseSecretKey(t)],
  ];

  it.each(parsers)('%s: accepts CRLF, a missing final newline, trailing blank lines and a BOM', (_name, good, parse) => {
    const expected = parse(good);
    expect(parse(good.replace(/\n/g, '\r\n'))).toEqual(expected);
    expect(parse(good.trimEnd())).toEqual(expected);
    expect(parse(`${good}\n\r\n`)).toEqual(expected);
    expect(parse(`\uFEFF${good}`)).toEqual(expected);
  });

  it.each(parsers)('%s: throws only MinisignError for every truncation and single-character change', (_name, good, parse) => {
    for (let end = 0; end < good.length; end++) {
      const cut = good.slice(0, end);
      // Cutting only the final newline(s) leaves a valid file.
      if (cut.trimEnd() !== good.trimEnd()) expectMinisignError(() => parse(cut));
    }
    for (let i = 0; i < good.length; i += 3) {
      for (const replacement of ['A', '=', ' ', '\n', '\0', 'é']) {
        const changed = good.slice(0, i) + replacement + good.slice(i + 1);
        const err = errorOf(() => parse(changed));
        if (err !== undefined) expect(err).toBeInstanceOf(MinisignError);
      }
    }
  });

  it.each(parsers)('%s: refuses junk lines, swapped lines, huge input and empty input', (_name, good, parse) => {
    expectMinisignError(() => parse(`${good}junk\n`));
    expectMinisignError(() => parse(good.split('\n').reverse().join('\n')));
    expectMinisignError(() => parse(good + '\n'.repeat(20_000)));
    expectMinisignError(() => parse(`untrusted comment: ${'x'.repeat(5000)}\n${good.split('\n').slice(1).join('\n')}`));
    expectMinisignError(() => parse(''));
    expectMinisignError(() => parse('\n\n'));
  });

  it('refuses base64 that is padded wrongly, has stray bits, spaces or the URL alphabet', () => {
    const line = pub.split('\n')[1] ?? '';
    for (const bad of [`${line}=`, `${line.slice(0, -1)}`, `${line.slice(0, 10)} ${line.slice(11)}`, line.replace(/[+/]/g, '-') + (/[+/]/.test(line) ? '' : '!')]) {
      expectMinisignError(() => parsePublicKey(bad), 'malformed-key');
    }
    const sigLine = sig.split('\n')[1] ?? '';
    // 74 bytes end in a 3-character group whose last character carries 2 unused bits.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const lastBits = sigLine.slice(0, -2) + alphabet.charAt(alphabet.indexOf(sigLine.at(-2) ?? 'A') ^ 1) + '=';
    expectMinisignError(() => parseSignature(sig.replace(sigLine, lastBits)), 'malformed-signature');
  });

  it('refuses unknown algorithms with unsupported', () => {
    expectMinisignError(() => parsePublicKey(editLine(pub, 1, (b) => (b[1] = 0x44))), 'unsupported'); // "ED" is not a key type
    expectMinisignError(() => parseSignature(editLine(sig, 1, (b) => (b[0] = 0x58))), 'unsupported');
  });

  it('refuses public keys that are not usable Ed25519 points', () => {
    const identity = new Uint8Array(32);
    identity[0] = 1; // the neutral element: small order, libsodium rejects it
    const notOnCurve = new Uint8Array(32).fill(0xff);
    for (const point of [identity, notOnCurve]) {
      expectMinisignError(() => parsePublicKey(toBase64(new Uint8Array([0x45, 0x64, ...key.keyId, ...point]))), 'malformed-key');
    }
  });

  it('refuses signature files without the comment prefixes or with control characters in the trusted comment', () => {
    expectMinisignError(() => parseSignature(sig.replace('untrusted comment: ', 'comment: ')), 'malformed-signature');
    expectMinisignError(() => parseSignature(sig.replace('trusted comment: pack', 'trusted comment pack')), 'malformed-signature');
    expectMinisignError(() => parseSignature(sig.replace('pack:a', 'pack\r:a')), 'malformed-signature');
    expectMinisignError(() => parseSignature(sig.replace('pack:a', 'pack\0:a')), 'malformed-signature');
  });
});
