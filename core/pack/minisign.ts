/**
 * minisign-compatible keys and signatures (DESIGN.md decision 3): Debian's `minisign -V`
 * must accept what we sign, and publishers may bring keys made with `minisign -G`.
 *
 * Every parser throws MinisignError and nothing else on hostile text. Files may use CRLF,
 * end with or without a newline, and start with a UTF-8 byte order mark (Windows editors).
 * Layouts follow minisign's src/minisign.h; the scrypt parameters follow libsodium.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { blake2b } from '@noble/hashes/blake2.js';
import { scrypt, scryptAsync, type ScryptOpts } from '@noble/hashes/scrypt.js';
import { randomBytes } from '@noble/hashes/utils.js';

export type MinisignErrorCode = 'malformed-key' | 'malformed-signature' | 'wrong-password' | 'unsupported';

export class MinisignError extends Error {
  constructor(
    readonly code: MinisignErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MinisignError';
  }
}

export interface MinisignPublicKey {
  readonly keyId: Uint8Array;
  readonly publicKey: Uint8Array;
  /** 16 uppercase hex digits, as minisign 0.12 prints it (0.11 drops leading zeros). */
  readonly keyIdHex: string;
}

export interface MinisignSignature {
  readonly prehashed: boolean;
  readonly keyId: Uint8Array;
  readonly signature: Uint8Array;
  readonly trustedComment: string;
  readonly globalSignature: Uint8Array;
}

export interface MinisignSecretKey {
  readonly keyId: Uint8Array;
  /** libsodium layout: 32-byte seed followed by the 32-byte public key. */
  readonly secretKey: Uint8Array;
  readonly publicKey: MinisignPublicKey;
}

export type VerifyResult =
  | { readonly ok: true; readonly trustedComment: string }
  | { readonly ok: false; readonly reason: 'key-mismatch' | 'bad-signature' | 'bad-trusted-comment' };

/** scrypt cost as stored in a secret key file; libsodium turns it into N, r, p. */
export interface ScryptLimits {
  readonly opslimit: number;
  readonly memlimit: number;
}

export interface SecretKeyFormatOptions {
  readonly password?: string;
  /** Only for keys that must open faster or slower than BARAZA_SCRYPT_LIMITS. */
  readonly scryptLimits?: ScryptLimits;
}

/** What `minisign -G` uses: N = 2^20, 1 GiB of memory, 5 to 8 s in JavaScript on a current laptop. */
export const MINISIGN_SCRYPT_LIMITS: ScryptLimits = { opslimit: 2 ** 25, memlimit: 2 ** 30 };
/** Our keys: N = 2^18, 256 MiB, about 1.3 s, so a 4 GB laptop opens them without swapping. */
export const BARAZA_SCRYPT_LIMITS: ScryptLimits = { opslimit: 2 ** 23, memlimit: 2 ** 28 };

const ALG_LEGACY = ascii('Ed');
const ALG_PREHASHED = ascii('ED');
const KDF_SCRYPT = ascii('Sc');
const KDF_NONE = new Uint8Array(2);
const CHECKSUM_BLAKE2B = ascii('B2');

const KEY_ID_BYTES = 8;
const SIGNATURE_BYTES = 64;
const SECRET_KEY_BYTES = 64;
const PUBLIC_KEY_STRUCT_BYTES = 2 + KEY_ID_BYTES + 32;
const SIGNATURE_STRUCT_BYTES = 2 + KEY_ID_BYTES + SIGNATURE_BYTES;
const KEYNUM_SK_BYTES = KEY_ID_BYTES + SECRET_KEY_BYTES + 32;
const SALT_BYTES = 32;
const SECRET_KEY_STRUCT_BYTES = 2 + 2 + 2 + SALT_BYTES + 8 + 8 + KEYNUM_SK_BYTES;

const UNTRUSTED_PREFIX = 'untrusted comment: ';
const TRUSTED_PREFIX = 'trusted comment: ';
const DEFAULT_SIGNATURE_COMMENT = 'signature from minisign secret key';
// minisign reads comment lines with fgets into 1024- and 8192-byte buffers (prefix, newline and NUL included).
const MAX_UNTRUSTED_COMMENT_BYTES = 1024 - UNTRUSTED_PREFIX.length - 2;
const MAX_TRUSTED_COMMENT_BYTES = 8192 - TRUSTED_PREFIX.length - 2;
const MAX_FILE_CHARS = 16 * 1024;
// minisign's get_line keeps at most 1022 bytes of a password, and cannot read a line break or NUL.
const MAX_PASSWORD_BYTES = 1022;
// Refuse key files that ask for more scrypt work than minisign's own default (2^20 blocks, 1 GiB).
const MAX_SCRYPT_BLOCKS = 2 ** 20;

/* ---------------------------------------------------------------- public keys */

export function parsePublicKey(text: string): MinisignPublicKey {
  const lines = splitLines(text, 'malformed-key');
  const [first, second] = lines;
  let line: string;
  if (lines.length === 1 && first !== undefined && !first.startsWith(UNTRUSTED_PREFIX)) line = first.trim();
  else if (lines.length === 2 && first !== undefined && second !== undefined) {
    commentAfter(first, UNTRUSTED_PREFIX, MAX_UNTRUSTED_COMMENT_BYTES, 'malformed-key');
    line = second;
  } else throw new MinisignError('malformed-key', 'A public key is one base64 line, optionally after an "untrusted comment:" line.');
  const bytes = decodeBase64(line, PUBLIC_KEY_STRUCT_BYTES, 'malformed-key', 'public key');
  if (!startsWith(bytes, ALG_LEGACY)) throw new MinisignError('unsupported', 'This public key is not a minisign Ed25519 key.');
  return makePublicKey(bytes.slice(2, 10), bytes.slice(10));
}

export function formatPublicKey(key: MinisignPublicKey, untrustedComment?: string): string {
  const comment = untrustedComment ?? `minisign public key ${keyIdToHex(key.keyId)}`;
  checkComment(comment, MAX_UNTRUSTED_COMMENT_BYTES, 'An untrusted comment', 'malformed-key');
  return `${UNTRUSTED_PREFIX}${comment}\n${publicKeyLine(key)}\n`;
}

/**
 * The whole base64 key line (the `-P` value minisign prints, line 2 of the .pub file) in
 * groups of four. It commits to all 256 bits of the key, unlike the random 64-bit key id,
 * and it is what publishers already post next to their minisign keys.
 */
export function publicKeyFingerprint(key: MinisignPublicKey): string {
  return (publicKeyLine(key).match(/.{1,4}/g) ?? []).join(' ');
}

function publicKeyLine(key: MinisignPublicKey): string {
  return encodeBase64(concat(ALG_LEGACY, key.keyId, key.publicKey));
}

function makePublicKey(keyId: Uint8Array, publicKey: Uint8Array): MinisignPublicKey {
  // libsodium rejects every signature by a non-canonical or small-order key; say so at import time.
  let weak: boolean;
  try {
    weak = ed25519.Point.fromBytes(publicKey, false).isSmallOrder();
  } catch {
    weak = true;
  }
  if (weak) throw new MinisignError('malformed-key', 'This is not a usable Ed25519 public key.');
  return { keyId, publicKey, keyIdHex: keyIdToHex(keyId) };
}

function keyIdToHex(keyId: Uint8Array): string {
  return Array.from(keyId, (b) => b.toString(16).padStart(2, '0'))
    .reverse()
    .join('')
    .toUpperCase();
}

/* ---------------------------------------------------------------- signatures */

export function parseSignature(text: string): MinisignSignature {
  const lines = splitLines(text, 'malformed-signature');
  const [untrusted, sigLine, trusted, globalLine] = lines;
  if (lines.length !== 4 || untrusted === undefined || sigLine === undefined || trusted === undefined || globalLine === undefined) {
    throw new MinisignError('malformed-signature', 'A minisign signature has exactly four lines.');
  }
  commentAfter(untrusted, UNTRUSTED_PREFIX, MAX_UNTRUSTED_COMMENT_BYTES, 'malformed-signature');
  const bytes = decodeBase64(sigLine, SIGNATURE_STRUCT_BYTES, 'malformed-signature', 'signature');
  const prehashed = startsWith(bytes, ALG_PREHASHED);
  if (!prehashed && !startsWith(bytes, ALG_LEGACY)) throw new MinisignError('unsupported', 'This signature uses an algorithm minisign does not define.');
  return {
    prehashed,
    keyId: bytes.slice(2, 10),
    signature: bytes.slice(10),
    trustedComment: commentAfter(trusted, TRUSTED_PREFIX, MAX_TRUSTED_COMMENT_BYTES, 'malformed-signature'),
    globalSignature: decodeBase64(globalLine, SIGNATURE_BYTES, 'malformed-signature', 'comment signature'),
  };
}

export function verifySignature(key: MinisignPublicKey, message: Uint8Array, signature: MinisignSignature): VerifyResult {
  if (!bytesEqual(key.keyId, signature.keyId)) return { ok: false, reason: 'key-mismatch' };
  const signed = signature.prehashed ? blake2b(message) : message;
  if (!ed25519Verifies(signature.signature, signed, key.publicKey)) return { ok: false, reason: 'bad-signature' };
  const comment = concat(signature.signature, utf8(signature.trustedComment));
  if (!ed25519Verifies(signature.globalSignature, comment, key.publicKey)) return { ok: false, reason: 'bad-trusted-comment' };
  return { ok: true, trustedComment: signature.trustedComment };
}

function ed25519Verifies(sig: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return ed25519.verify(sig, message, publicKey, { zip215: false });
  } catch {
    return false; // wrong lengths in a hand-made key object
  }
}

/** Always prehashed ("ED"): Ed25519 over BLAKE2b-512 of the message, as minisign 0.8+ does. */
export function signMessage(key: MinisignSecretKey, message: Uint8Array, trustedComment: string, untrustedComment = DEFAULT_SIGNATURE_COMMENT): string {
  checkComment(trustedComment, MAX_TRUSTED_COMMENT_BYTES, 'A trusted comment', 'malformed-signature');
  checkComment(untrustedComment, MAX_UNTRUSTED_COMMENT_BYTES, 'An untrusted comment', 'malformed-signature');
  const seed = checkSecretKey(key).secretKey.subarray(0, 32);
  const signature = ed25519.sign(blake2b(message), seed);
  const globalSignature = ed25519.sign(concat(signature, utf8(trustedComment)), seed);
  return [
    `${UNTRUSTED_PREFIX}${untrustedComment}`,
    encodeBase64(concat(ALG_PREHASHED, key.keyId, signature)),
    `${TRUSTED_PREFIX}${trustedComment}`,
    encodeBase64(globalSignature),
    '',
  ].join('\n');
}

/* ---------------------------------------------------------------- secret keys */

export function generateKeyPair(): MinisignSecretKey {
  const seed = randomBytes(32);
  const publicKey = ed25519.getPublicKey(seed);
  const keyId = randomBytes(KEY_ID_BYTES);
  return { keyId, secretKey: concat(seed, publicKey), publicKey: makePublicKey(keyId, publicKey) };
}

/** Synchronous: with a password this blocks for the scrypt time (see BARAZA_SCRYPT_LIMITS). */
export function formatSecretKey(key: MinisignSecretKey, options: SecretKeyFormatOptions = {}): string {
  const plan = planSecretKeyFile(key, options);
  return sealSecretKeyFile(plan, plan.kdf && scrypt(plan.kdf.password, plan.kdf.salt, plan.kdf.options));
}

/** As formatSecretKey, but scrypt yields to the event loop so a UI or server stays responsive. */
export async function formatSecretKeyAsync(key: MinisignSecretKey, options: SecretKeyFormatOptions = {}): Promise<string> {
  const plan = planSecretKeyFile(key, options);
  return sealSecretKeyFile(plan, plan.kdf && (await scryptAsync(plan.kdf.password, plan.kdf.salt, plan.kdf.options)));
}

/** A password given for an unencrypted key is ignored, as minisign does. */
export function parseSecretKey(text: string, password?: string): MinisignSecretKey {
  const file = decodeSecretKeyFile(text);
  const kdf = secretKeyKdf(file, password);
  return openSecretKeyFile(file, kdf && scrypt(kdf.password, kdf.salt, kdf.options));
}

export async function parseSecretKeyAsync(text: string, password?: string): Promise<MinisignSecretKey> {
  const file = decodeSecretKeyFile(text);
  const kdf = secretKeyKdf(file, password);
  return openSecretKeyFile(file, kdf && (await scryptAsync(kdf.password, kdf.salt, kdf.options)));
}

interface KdfJob {
  readonly password: Uint8Array;
  readonly salt: Uint8Array;
  readonly options: ScryptOpts;
}

interface SecretKeyFile {
  readonly header: Uint8Array; // sig alg, kdf alg, checksum alg, salt, opslimit, memlimit
  readonly keynum: Uint8Array; // key id, secret key, checksum; XORed with the scrypt stream when encrypted
}

interface SecretKeyPlan extends SecretKeyFile {
  readonly kdf: KdfJob | null;
}

function planSecretKeyFile(key: MinisignSecretKey, options: SecretKeyFormatOptions): SecretKeyPlan {
  const { keyId, secretKey } = checkSecretKey(key);
  // minisign -W leaves the checksum zero; we fill it in so damage to an unencrypted key shows.
  const keynum = concat(keyId, secretKey, secretKeyChecksum(keyId, secretKey));
  if (options.password === undefined) {
    return { header: concat(ALG_LEGACY, KDF_NONE, CHECKSUM_BLAKE2B, new Uint8Array(SALT_BYTES + 16)), keynum, kdf: null };
  }
  const password = checkPassword(options.password);
  const limits = options.scryptLimits ?? BARAZA_SCRYPT_LIMITS;
  if (!isU64(limits.opslimit) || !isU64(limits.memlimit)) throw new MinisignError('unsupported', 'scrypt limits must be whole numbers of bytes and operations.');
  const salt = randomBytes(SALT_BYTES);
  const opslimit = BigInt(limits.opslimit);
  const memlimit = BigInt(limits.memlimit);
  const header = concat(ALG_LEGACY, KDF_SCRYPT, CHECKSUM_BLAKE2B, salt, u64le(opslimit), u64le(memlimit));
  return { header, keynum, kdf: { password, salt, options: affordableScryptOptions(opslimit, memlimit) } };
}

function sealSecretKeyFile(file: SecretKeyPlan, stream: Uint8Array | null): string {
  const comment = stream ? 'minisign encrypted secret key' : 'minisign secret key, not encrypted';
  const body = concat(file.header, stream ? xor(file.keynum, stream) : file.keynum);
  stream?.fill(0);
  return `${UNTRUSTED_PREFIX}${comment}\n${encodeBase64(body)}\n`;
}

function decodeSecretKeyFile(text: string): SecretKeyFile {
  const lines = splitLines(text, 'malformed-key');
  const [comment, line] = lines;
  if (lines.length !== 2 || comment === undefined || line === undefined) {
    throw new MinisignError('malformed-key', 'A minisign secret key file has an "untrusted comment:" line and one base64 line.');
  }
  commentAfter(comment, UNTRUSTED_PREFIX, MAX_UNTRUSTED_COMMENT_BYTES, 'malformed-key');
  const bytes = decodeBase64(line, SECRET_KEY_STRUCT_BYTES, 'malformed-key', 'secret key');
  if (!startsWith(bytes, ALG_LEGACY) || !startsWith(bytes.subarray(4), CHECKSUM_BLAKE2B)) {
    throw new MinisignError('unsupported', 'This secret key uses an algorithm or checksum minisign does not define.');
  }
  const kdfAlg = bytes.subarray(2, 4);
  if (!startsWith(kdfAlg, KDF_SCRYPT) && !startsWith(kdfAlg, KDF_NONE)) {
    throw new MinisignError('unsupported', 'This secret key is protected with a key derivation minisign does not define.');
  }
  const split = SECRET_KEY_STRUCT_BYTES - KEYNUM_SK_BYTES;
  return { header: bytes.slice(0, split), keynum: bytes.slice(split) };
}

function secretKeyKdf(file: SecretKeyFile, password: string | undefined): KdfJob | null {
  if (!startsWith(file.header.subarray(2), KDF_SCRYPT)) return null;
  if (password === undefined) throw new MinisignError('wrong-password', 'This secret key is protected by a password. Enter the password to use it.');
  const salt = file.header.slice(6, 6 + SALT_BYTES);
  const opslimit = readU64le(file.header, 6 + SALT_BYTES);
  const memlimit = readU64le(file.header, 14 + SALT_BYTES);
  return { password: utf8(password), salt, options: affordableScryptOptions(opslimit, memlimit) };
}

function openSecretKeyFile(file: SecretKeyFile, stream: Uint8Array | null): MinisignSecretKey {
  const keynum = stream ? xor(file.keynum, stream) : file.keynum;
  stream?.fill(0);
  const keyId = keynum.slice(0, KEY_ID_BYTES);
  const secretKey = keynum.slice(KEY_ID_BYTES, KEY_ID_BYTES + SECRET_KEY_BYTES);
  const checksum = keynum.subarray(KEY_ID_BYTES + SECRET_KEY_BYTES);
  if (!bytesEqual(checksum, secretKeyChecksum(keyId, secretKey))) {
    if (stream) throw new MinisignError('wrong-password', 'The password is wrong for this secret key.');
    // minisign -W writes a zero checksum; anything else that does not match is damage.
    if (checksum.some((b) => b !== 0)) throw new MinisignError('malformed-key', 'This secret key file is damaged: its checksum does not match.');
  }
  const publicKey = secretKey.slice(32);
  if (!bytesEqual(ed25519.getPublicKey(secretKey.subarray(0, 32)), publicKey)) {
    throw new MinisignError('malformed-key', 'This secret key file is damaged: its two halves do not belong together.');
  }
  return { keyId, secretKey, publicKey: makePublicKey(keyId, publicKey) };
}

function secretKeyChecksum(keyId: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return blake2b(concat(ALG_LEGACY, keyId, secretKey), { dkLen: 32 });
}

function checkSecretKey(key: MinisignSecretKey): MinisignSecretKey {
  if (key.keyId.length !== KEY_ID_BYTES || key.secretKey.length !== SECRET_KEY_BYTES) {
    throw new MinisignError('malformed-key', 'A secret key needs an 8-byte key id and a 64-byte Ed25519 secret key.');
  }
  return key;
}

function checkPassword(password: string): Uint8Array {
  const bytes = utf8(password);
  if (password.length === 0) throw new MinisignError('unsupported', 'An empty password does not protect a key. Choose a password, or none at all.');
  if (/[\r\n\0]/.test(password) || bytes.length > MAX_PASSWORD_BYTES) {
    throw new MinisignError('unsupported', `minisign could not read this password back: keep it on one line and at most ${MAX_PASSWORD_BYTES} bytes.`);
  }
  return bytes;
}

/* ---------------------------------------------------------------- scrypt */

export interface ScryptParameters {
  readonly logN: number;
  readonly r: number;
  readonly p: number;
}

/** libsodium's pickparams() for crypto_pwhash_scryptsalsa208sha256, in 64-bit arithmetic like the C. */
export function scryptParameters(opslimit: bigint, memlimit: bigint): ScryptParameters {
  const ops = opslimit < 32768n ? 32768n : opslimit;
  const r = 8n;
  if (ops < memlimit / 32n) return { logN: smallestLogN(ops / (r * 4n)), r: 8, p: 1 };
  const logN = smallestLogN(memlimit / (r * 128n));
  const maxrp = ops / 4n / (1n << BigInt(logN));
  return { logN, r: 8, p: Number((maxrp > 0x3fffffffn ? 0x3fffffffn : maxrp) / r) };
}

function smallestLogN(maxN: bigint): number {
  let logN = 1;
  while (logN < 63 && 1n << BigInt(logN) <= maxN / 2n) logN++;
  return logN;
}

function affordableScryptOptions(opslimit: bigint, memlimit: bigint): ScryptOpts {
  const { logN, r, p } = scryptParameters(opslimit, memlimit);
  // libsodium fails on p = 0 too; a bigger cost than minisign's default could exhaust memory or time.
  if (p < 1 || logN > 20 || 2 ** logN * p > MAX_SCRYPT_BLOCKS) {
    throw new MinisignError('unsupported', `This secret key asks for more password-hashing work than minisign ever uses (N = 2^${logN}, p = ${p}).`);
  }
  const N = 2 ** logN;
  return { N, r, p, dkLen: KEYNUM_SK_BYTES, maxmem: 128 * r * (N + p + 1) };
}

/* ---------------------------------------------------------------- text and bytes */

function splitLines(text: string, code: MinisignErrorCode): string[] {
  if (text.length > MAX_FILE_CHARS) throw new MinisignError(code, 'This file is far too long to be a minisign key or signature.');
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The text after `prefix`, checked to be one line without NUL; minisign could not read it otherwise. */
function commentAfter(line: string, prefix: string, maxBytes: number, code: MinisignErrorCode): string {
  if (!line.startsWith(prefix)) throw new MinisignError(code, `Expected a line starting with "${prefix.trim()}".`);
  const comment = line.slice(prefix.length);
  if (/[\r\0]/.test(comment) || utf8(comment).length > maxBytes) throw new MinisignError(code, `The "${prefix.trim()}" line is too long or holds control characters.`);
  return comment;
}

function checkComment(comment: string, maxBytes: number, what: string, code: MinisignErrorCode): void {
  if (/[\r\n\0]/.test(comment)) throw new MinisignError(code, `${what} must be a single line.`);
  if (utf8(comment).length > maxBytes) throw new MinisignError(code, `${what} must be at most ${maxBytes} bytes.`);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += BASE64.charAt((n >> 18) & 63) + BASE64.charAt((n >> 12) & 63);
    out += (b === undefined ? '=' : BASE64.charAt((n >> 6) & 63)) + (c === undefined ? '=' : BASE64.charAt(n & 63));
  }
  return out;
}

/** Exactly `length` bytes in canonical padded base64, or MinisignError. */
function decodeBase64(text: string, length: number, code: MinisignErrorCode, what: string): Uint8Array {
  const fail = (): never => {
    throw new MinisignError(code, `The ${what} line is not valid base64 of the right length.`);
  };
  if (text.length !== Math.ceil(length / 3) * 4 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) fail();
  const out = new Uint8Array(length);
  let buffer = 0;
  let bits = 0;
  let o = 0;
  for (const char of text.replace(/=+$/, '')) {
    buffer = ((buffer << 6) | BASE64.indexOf(char)) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (o < length) out[o] = (buffer >> bits) & 0xff;
      o++;
    }
  }
  // Re-encoding rejects wrong padding and stray low bits, so each value has one spelling.
  if (o !== length || encodeBase64(out) !== text) fail();
  return out;
}

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function xor(data: Uint8Array, stream: Uint8Array): Uint8Array {
  return data.map((b, i) => b ^ (stream[i] ?? 0));
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function isU64(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function u64le(n: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, n, true);
  return out;
}

function readU64le(bytes: Uint8Array, offset: number): bigint {
  return new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(offset, true);
}
