import { PackContent } from '../../core/content/loader';
import type { AppInfo } from '../../core/host';

/** Opens the pack through the host's pack URL (pack:// or /packs/). */
export async function openPack(info: AppInfo, packId: string): Promise<PackContent> {
  return PackContent.open(async (path) => {
    const response = await fetch(`${info.packBaseUrl}${packId}/${path}`);
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response.text();
  });
}
