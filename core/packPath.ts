/**
 * Turns the path part of a `pack://` or `/packs/` URL into checked segments.
 *
 * Returns null for anything that could step outside the pack folder: `..` in any
 * spelling, absolute paths, drive letters, backslashes, NUL and other control
 * characters, empty segments. Callers still confirm containment on disk (symlinks),
 * but nothing that fails here ever reaches the file system.
 */
export interface PackFileRef {
  readonly packId: string;
  /** Relative path inside the pack, segments joined with '/'. */
  readonly path: string;
}

const PACK_ID = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const SEGMENT = /^[\p{L}\p{N}_.\- ]{1,255}$/u;

export function isValidPackId(id: string): boolean {
  return PACK_ID.test(id) && !id.includes('..');
}

/** `rawPath` is the still percent-encoded path after the scheme: `packId/dir/file.json`. */
export function parsePackPath(rawPath: string): PackFileRef | null {
  if (rawPath.length === 0 || rawPath.length > 2048) return null;
  // Decode exactly once; a second layer of encoding (%252e) stays literal and fails the segment check.
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (decoded.includes('\\') || decoded.startsWith('/') || hasControlCharacter(decoded)) return null;
  if (/^[a-zA-Z]:/.test(decoded)) return null;
  const segments = decoded.split('/');
  const [packId, ...rest] = segments;
  if (packId === undefined || !isValidPackId(packId) || rest.length === 0) return null;
  for (const segment of rest) {
    if (!SEGMENT.test(segment) || segment === '.' || segment === '..' || segment.startsWith('.')) return null;
    if (segment.includes('%')) return null;
  }
  return { packId, path: rest.join('/') };
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  svg: 'image/svg+xml',
  webp: 'image/webp',
};

export function packFileMimeType(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return MIME_TYPES[ext] ?? 'application/octet-stream';
}
