/** Sorts storage failures into the few kinds a person can act on. */
export type StorageProblem = 'full' | 'unavailable' | 'corrupt' | 'other';

export function classifyStorageError(err: unknown): StorageProblem {
  const names: string[] = [];
  let e: unknown = err;
  // Dexie wraps the browser's DOMException in `inner`.
  for (let depth = 0; e && depth < 5; depth++) {
    const obj = e as { name?: unknown; inner?: unknown };
    if (typeof obj.name === 'string') names.push(obj.name);
    e = obj.inner;
  }
  if (names.some((n) => n === 'QuotaExceededError')) return 'full';
  if (names.some((n) => n === 'MissingAPIError' || n === 'InvalidStateError' || n === 'SecurityError')) return 'unavailable';
  if (names.some((n) => n === 'DataError' || n === 'UnknownError' || n === 'VersionError' || n === 'UpgradeError' || n === 'DatabaseClosedError' || n === 'OpenFailedError')) return 'corrupt';
  return 'other';
}
