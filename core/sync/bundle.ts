/**
 * Sync by USB: where no network ever comes, a device's xAPI statements travel to
 * the hub as one file, `*.baraza-sync.json` (UTF-8 JSON):
 *
 *   {
 *     "format": "baraza-sync-bundle",
 *     "version": 1,
 *     "created": "2026-11-27T08:00:00.000Z",    // device clock, informational only
 *     "device": "<uuid of the device>",
 *     "count": 2,                                // statements.length
 *     "sha256": "<hex>",                         // SHA-256 of canonicalJson(statements), UTF-8
 *     "statements": [ { "id": "…", … }, … ]      // xAPI statements, each with its id
 *   }
 *
 * canonicalJson (core/xapi/validate.ts) sorts object keys and has no whitespace, so
 * the checksum survives re-indenting but not any change to a statement. The hub
 * refuses a bundle whole if anything is wrong with it; every statement carries
 * its own id, so importing a bundle twice, or two bundles that overlap, stores
 * each statement once. Files larger than MAX_BUNDLE_BYTES are refused unread.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson, StatementError, validateStatement } from '../xapi/validate';

type Json = Record<string, unknown>;

export const BUNDLE_FORMAT = 'baraza-sync-bundle';
export const BUNDLE_VERSION = 1;
export const BUNDLE_EXTENSION = '.baraza-sync.json';
/** Well below the longest string a JavaScript engine will hold (about 512 Mi characters). */
export const MAX_BUNDLE_BYTES = 256 * 1024 * 1024;

export type BundleProblem = 'not-a-bundle' | 'unknown-version' | 'checksum' | 'count' | 'invalid-statement' | 'too-large';

export class BundleError extends Error {
  constructor(
    readonly reason: BundleProblem,
    message: string,
    /** For 'invalid-statement': the statement's position in the bundle. */
    readonly index?: number,
  ) {
    super(message);
    this.name = 'BundleError';
  }
}

export interface Bundle {
  readonly statements: Json[];
  readonly device: string;
  readonly created: string;
}

export function bundleChecksum(statements: readonly unknown[]): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(statements))));
}

function checkStatements(statements: readonly unknown[]): Json[] {
  return statements.map((value, i) => {
    const path = `statements[${i}]`;
    try {
      const statement = validateStatement(value, path);
      // Without an id the hub would make a new one on every import and store the statement twice.
      if (statement.id === undefined) throw new StatementError(`${path}.id`, 'is required in a sync bundle');
      return statement;
    } catch (err) {
      if (!(err instanceof StatementError)) throw err;
      throw new BundleError('invalid-statement', `Statement ${i + 1} of ${statements.length} is not a valid xAPI statement (${err.message}), so none of the bundle was taken. Make the bundle again on the device after updating Baraza there.`, i);
    }
  });
}

/** The bundle file's text. Refuses (with BundleError) to package a statement the hub would refuse. */
export function makeBundle(statements: readonly Json[], device: string, now: Date): string {
  const checked = checkStatements(statements);
  const bundle = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    created: now.toISOString(),
    device,
    count: checked.length,
    sha256: bundleChecksum(checked),
    statements: checked,
  };
  return `${JSON.stringify(bundle)}\n`;
}

/** Also for callers that check a file's size before reading it. */
export function tooLarge(maxBytes = MAX_BUNDLE_BYTES): BundleError {
  const size = maxBytes >= 1024 * 1024 ? `${Math.floor(maxBytes / (1024 * 1024))} MiB` : `${maxBytes} bytes`;
  return new BundleError('too-large', `This file is larger than a sync bundle can be (${size}). Make several smaller bundles on the device.`);
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The bundle's statements, all of them checked, or a BundleError saying what is wrong. */
export function readBundle(text: string, maxBytes = MAX_BUNDLE_BYTES): Bundle {
  // A string has at most as many UTF-16 units as its UTF-8 encoding has bytes.
  if (text.length > maxBytes) throw tooLarge(maxBytes);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new BundleError('not-a-bundle', 'This file is not complete JSON: it may have been cut short while copying. Copy the bundle from the device again.');
  }
  if (!isObject(parsed) || parsed.format !== BUNDLE_FORMAT) {
    throw new BundleError('not-a-bundle', 'This file is not a Baraza sync bundle. Choose the .baraza-sync.json file a device exported.');
  }
  if (parsed.version !== BUNDLE_VERSION) {
    throw new BundleError('unknown-version', `This bundle is format version ${JSON.stringify(parsed.version)}, and this hub reads only version ${BUNDLE_VERSION}. Update Baraza on the hub.`);
  }
  const { statements, count, sha256: checksum, device, created } = parsed;
  if (!Array.isArray(statements) || typeof count !== 'number' || typeof checksum !== 'string' || typeof device !== 'string' || typeof created !== 'string') {
    throw new BundleError('not-a-bundle', 'This bundle is missing part of its header (statements, count, sha256, device or created). Copy the bundle from the device again.');
  }
  if (count !== statements.length) {
    throw new BundleError('count', `This bundle says it holds ${count} statements but holds ${statements.length}: it was damaged or edited. Copy the bundle from the device again.`);
  }
  if (bundleChecksum(statements) !== checksum.toLowerCase()) {
    throw new BundleError('checksum', 'This bundle\'s statements do not match its checksum: the file was damaged or edited. Copy the bundle from the device again.');
  }
  return { statements: checkStatements(statements), device, created };
}
