/**
 * Checks a .baraza file without extracting it: the signature over manifest.json
 * by a trusted key, the trusted comment naming this pack and version, and that
 * the archive holds exactly the files the manifest lists, at the listed sizes.
 * Hashes are checked while extracting (store.ts), so each byte is read once.
 */
import { MANIFEST_PATH, MAX_MANIFEST_BYTES, parseManifest, SIGNATURE_PATH, trustedCommentFor, ManifestError, type PackManifest } from '../../core/pack/manifest';
import { MinisignError, parseSignature, verifySignature, type MinisignPublicKey } from '../../core/pack/minisign';
import { createHash } from 'node:crypto';
import { ArchiveError, DEFAULT_PACK_LIMITS, readZipEntries, type ZipEntryInfo } from '../archive/zip';
import { PackError } from './errors';

export interface VerifiedPack {
  readonly manifest: PackManifest;
  /** SHA-256 of manifest.json: it binds every file's hash, so equal manifests mean equal packs. */
  readonly manifestSha256: string;
  readonly signedBy: MinisignPublicKey;
  readonly entries: readonly ZipEntryInfo[];
}

const MAX_SIGNATURE_BYTES = 4096;

function archiveFailure(err: unknown): never {
  if (err instanceof ArchiveError) {
    const code = err.code === 'not-a-zip' || err.code === 'truncated' || err.code === 'corrupt' ? 'not-a-pack' : err.code === 'size-mismatch' ? 'size-mismatch' : 'unsafe-archive';
    throw new PackError(code, err.message);
  }
  if (err instanceof PackError) throw err;
  throw new PackError('unreadable', `The file could not be read: ${err instanceof Error ? err.message : String(err)}`);
}

export async function verifyPackFile(file: string, trustedKeys: readonly MinisignPublicKey[], appVersion: string): Promise<VerifiedPack> {
  // One pass over the archive: the vetted listing, the manifest and its signature.
  const { entries, data } = await readZipEntries(
    file,
    [
      { path: MANIFEST_PATH, maxBytes: MAX_MANIFEST_BYTES, required: false },
      { path: SIGNATURE_PATH, maxBytes: MAX_SIGNATURE_BYTES, required: false },
    ],
    DEFAULT_PACK_LIMITS,
  ).catch(archiveFailure);
  const names = new Set(entries.map((e) => e.path));
  const manifestBytes = data.get(MANIFEST_PATH);
  const signatureBytes = data.get(SIGNATURE_PATH);
  if (!manifestBytes) throw new PackError('not-a-pack', 'The file has no manifest.json, so it is not a Baraza pack.');
  if (!signatureBytes) throw new PackError('unsigned', 'The pack is not signed (manifest.json.minisig is missing).');
  const signatureText = signatureBytes.toString('utf8');

  let signature;
  try {
    signature = parseSignature(signatureText);
  } catch (err) {
    if (err instanceof MinisignError) throw new PackError('malformed-signature', `The signature file is damaged: ${err.message}`);
    throw err;
  }
  const keyIdHex = hexKeyId(signature.keyId);
  const key = trustedKeys.find((k) => k.keyIdHex === keyIdHex);
  if (!key) throw new PackError('untrusted-key', `The pack is signed by key ${keyIdHex}, which is not trusted here.`, keyIdHex);
  const result = verifySignature(key, manifestBytes, signature);
  if (!result.ok) throw new PackError('bad-signature', `The signature does not match the pack contents (${result.reason}).`);

  let manifest: PackManifest;
  try {
    manifest = parseManifest(manifestBytes.toString('utf8'), appVersion);
  } catch (err) {
    if (err instanceof ManifestError) throw new PackError(err.code === 'malformed' ? 'malformed-manifest' : err.code, err.message);
    throw err;
  }
  if (result.trustedComment !== trustedCommentFor(manifest) || manifest.publisher.keyId !== keyIdHex) {
    throw new PackError('signature-mismatch', `The signature was made for "${result.trustedComment}", not for pack ${manifest.id} version ${manifest.version}.`);
  }

  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  for (const entry of entries) {
    if (entry.path.endsWith('/') || entry.path === MANIFEST_PATH || entry.path === SIGNATURE_PATH) continue;
    const file = listed.get(entry.path);
    if (!file) throw new PackError('unlisted-file', `The pack contains ${entry.path}, which its manifest does not list.`);
    if (file.size !== entry.size) throw new PackError('size-mismatch', `${entry.path} is ${entry.size} bytes; the manifest says ${file.size}.`);
  }
  for (const path of listed.keys()) {
    if (!names.has(path)) throw new PackError('missing-file', `The manifest lists ${path}, which is not in the pack.`);
  }
  return { manifest, manifestSha256: createHash('sha256').update(manifestBytes).digest('hex'), signedBy: key, entries };
}

function hexKeyId(keyId: Uint8Array): string {
  // minisign prints the little-endian key id most significant byte first.
  return [...keyId].reverse().map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
}
