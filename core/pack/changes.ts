/** What an update changes, read from the two manifests: no file needs opening. */
import type { ItemChanges } from '../host';
import type { PackManifest } from './manifest';

/**
 * Items of one kind (`modules`, `guidelines`, `quizzes`) added, changed or removed,
 * counting an item as changed when any of its language files has a new hash.
 */
export function itemChanges(before: PackManifest | null, after: PackManifest, folder = 'modules'): ItemChanges {
  const files = (m: PackManifest | null): Map<string, string[]> => {
    const byItem = new Map<string, string[]>();
    for (const f of m?.files ?? []) {
      const match = /^[^/]+\/([^/]+)\/([^/]+)\.json$/.exec(f.path);
      if (!match || match[1] !== folder || !match[2]) continue;
      byItem.set(match[2], [...(byItem.get(match[2]) ?? []), `${f.path}:${f.sha256}`]);
    }
    return byItem;
  };
  const old = files(before);
  const next = files(after);
  const same = (a: string[] | undefined, b: string[] | undefined): boolean => JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...(b ?? [])].sort());
  return {
    added: [...next.keys()].filter((id) => !old.has(id)).sort(),
    changed: [...next.keys()].filter((id) => old.has(id) && !same(old.get(id), next.get(id))).sort(),
    removed: [...old.keys()].filter((id) => !next.has(id)).sort(),
  };
}
