/**
 * manifest.json of a .baraza pack: what the pack is, who signed it, and the size
 * and SHA-256 of every other file in it. The signature covers this file only, so
 * every byte of the pack is bound to the publisher through these hashes.
 */

export const PACK_FORMAT = 1;
export const MANIFEST_PATH = 'manifest.json';
export const SIGNATURE_PATH = 'manifest.json.minisig';
export const MAX_MANIFEST_BYTES = 8 * 1024 * 1024;

export interface ManifestFile {
  readonly path: string;
  readonly size: number;
  /** Lower-case hex. */
  readonly sha256: string;
}

export interface PackManifest {
  readonly format: number;
  readonly id: string;
  /** Only ever goes up; the store refuses to install a lower or equal one over it. */
  readonly version: number;
  readonly title: Readonly<Record<string, string>>;
  readonly description: Readonly<Record<string, string>>;
  readonly languages: readonly string[];
  readonly publisher: { readonly name: string; readonly keyId: string };
  /** Oldest app release that can read this pack, as MAJOR.MINOR.PATCH. */
  readonly minAppVersion: string;
  readonly files: readonly ManifestFile[];
}

export class ManifestError extends Error {
  constructor(
    readonly code: 'malformed' | 'unknown-format' | 'needs-newer-app',
    message: string,
  ) {
    super(message);
    this.name = 'ManifestError';
  }
}

const PACK_ID = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const PATH_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const SEMVER = /^(\d{1,6})\.(\d{1,6})\.(\d{1,6})$/;
const KEY_ID = /^[0-9A-F]{16}$/;

/**
 * Paths inside a pack are plain: segments of letters, digits, `_ . -`, joined by `/`,
 * none starting with a dot. Anything else (`..`, backslashes, drive letters, NUL,
 * absolute paths) cannot be written by the builder and is refused by the reader.
 */
export function isSafePackPath(path: string): boolean {
  if (path.length === 0 || path.length > 512) return false;
  return path.split('/').every((segment) => PATH_SEGMENT.test(segment) && !segment.includes('..'));
}

function fail(message: string): never {
  throw new ManifestError('malformed', `manifest.json: ${message}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function textMap(v: unknown, field: string): Record<string, string> {
  if (!isRecord(v)) fail(`${field} must map languages to text`);
  const out: Record<string, string> = {};
  for (const [lang, text] of Object.entries(v)) {
    if (typeof text !== 'string' || text.length > 10_000) fail(`${field}.${lang} must be text`);
    out[lang] = text;
  }
  return out;
}

export function compareVersions(a: string, b: string): number {
  const pa = SEMVER.exec(a);
  const pb = SEMVER.exec(b);
  if (!pa || !pb) return Number.NaN;
  for (let i = 1; i <= 3; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d !== 0) return d;
  }
  return 0;
}

/** Parses and checks a manifest; `appVersion` is this app's version, to refuse packs that need a newer one. */
export function parseManifest(text: string, appVersion: string): PackManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    fail('not valid JSON');
  }
  if (!isRecord(json)) fail('expected an object');
  if (json.format !== PACK_FORMAT) {
    throw new ManifestError('unknown-format', `manifest.json: pack format ${String(json.format)} is not one this app reads (it reads format ${PACK_FORMAT})`);
  }
  const { id, version, languages, publisher, minAppVersion, files } = json;
  if (typeof id !== 'string' || !PACK_ID.test(id)) fail('id must be lower-case letters, digits, dots, dashes or underscores');
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) fail('version must be a whole number from 1 up');
  if (!Array.isArray(languages) || languages.length === 0 || !languages.every((l) => typeof l === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(l))) {
    fail('languages must be a list of language codes');
  }
  if (!isRecord(publisher) || typeof publisher.name !== 'string' || publisher.name.length === 0 || typeof publisher.keyId !== 'string' || !KEY_ID.test(publisher.keyId)) {
    fail('publisher must have a name and a 16-digit upper-case hex keyId');
  }
  if (typeof minAppVersion !== 'string' || !SEMVER.test(minAppVersion)) fail('minAppVersion must look like 1.2.3');
  if (!Array.isArray(files) || files.length === 0 || files.length > 100_000) fail('files must list the pack contents');
  const seen = new Set<string>();
  const checked: ManifestFile[] = files.map((f, i) => {
    if (!isRecord(f) || typeof f.path !== 'string' || typeof f.size !== 'number' || typeof f.sha256 !== 'string') fail(`files[${i}] must have path, size and sha256`);
    if (!isSafePackPath(f.path) || f.path === MANIFEST_PATH || f.path === SIGNATURE_PATH) fail(`files[${i}].path "${f.path}" is not allowed`);
    const folded = f.path.normalize('NFC').toLowerCase();
    if (seen.has(folded)) fail(`files[${i}].path "${f.path}" is listed twice`);
    seen.add(folded);
    if (!Number.isSafeInteger(f.size) || f.size < 0) fail(`files[${i}].size must be a whole number of bytes`);
    if (!SHA256.test(f.sha256)) fail(`files[${i}].sha256 must be 64 lower-case hex digits`);
    return { path: f.path, size: f.size, sha256: f.sha256 };
  });
  const manifest: PackManifest = {
    format: PACK_FORMAT,
    id,
    version,
    title: textMap(json.title, 'title'),
    description: textMap(json.description ?? {}, 'description'),
    languages: languages as string[],
    publisher: { name: publisher.name, keyId: publisher.keyId },
    minAppVersion,
    files: checked,
  };
  if (compareVersions(minAppVersion, appVersion) > 0) {
    throw new ManifestError('needs-newer-app', `this pack needs Baraza ${minAppVersion} or newer; this is ${appVersion}`);
  }
  return manifest;
}

/** The trusted comment that binds a signature to one pack id and version. */
export function trustedCommentFor(manifest: Pick<PackManifest, 'id' | 'version'>): string {
  return `baraza-pack id=${manifest.id} version=${manifest.version}`;
}

/** Deterministic text: the same pack always gives the same manifest bytes, hence the same signature input. */
export function formatManifest(manifest: PackManifest): string {
  const files = [...manifest.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return `${JSON.stringify({ ...manifest, files }, null, 1)}\n`;
}
