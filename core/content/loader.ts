/**
 * The one way content reaches the app. It reads a compiled pack through a
 * `fetchText` function the caller supplies (pack:// under Electron, /packs/
 * over HTTP, the file system in tests), checks every file against the model,
 * and falls back to the pack's default language where a translation is missing.
 */
import type { PackSearch } from '../search/searchIndex';
import type { ItemByKind, ItemKind, PackIndex, PackIndexItem } from './model';
import { itemPath } from './model';
import { ContentError, ITEM_PARSERS, parsePackIndex } from './validate';

/** Resolves to the file's text, or null when the file does not exist. */
export type FetchText = (path: string) => Promise<string | null>;

export interface Localized<T> {
  readonly value: T;
  /** The language the text is actually in. */
  readonly language: string;
  /** True when the requested language lacked this item and the default language was used. */
  readonly isFallback: boolean;
}

async function readJson(fetchText: FetchText, path: string): Promise<unknown> {
  const raw = await fetchText(path);
  if (raw === null) throw new ContentError('missing', `${path}: file not found`);
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new ContentError('malformed', `${path}: not valid JSON`);
  }
}

export class PackContent {
  /** Parsed items by kind, id and the language actually read. */
  private readonly cache = new Map<string, Promise<unknown>>();
  /** Loaded search indexes by the language of the index file. */
  private readonly searches = new Map<string, Promise<PackSearch | null>>();

  private constructor(
    readonly index: PackIndex,
    private readonly fetchText: FetchText,
  ) {}

  static async open(fetchText: FetchText): Promise<PackContent> {
    return new PackContent(parsePackIndex(await readJson(fetchText, 'pack.json')), fetchText);
  }

  /** Items of one kind in reading order. */
  list(kind: ItemKind): PackIndexItem[] {
    return this.index.items.filter((item) => item.kind === kind).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  }

  /** The language an item will be shown in when `language` is asked for. */
  languageFor(item: PackIndexItem, language: string): string {
    return item.languages.includes(language) ? language : this.index.defaultLanguage;
  }

  load<K extends ItemKind>(kind: K, id: string, language: string): Promise<Localized<ItemByKind[K]>> {
    const item = this.index.items.find((i) => i.kind === kind && i.id === id);
    if (!item) return Promise.reject(new ContentError('missing', `${kind} "${id}" is not in this pack`));
    const actual = this.languageFor(item, language);
    const key = `${kind}/${id}/${actual}`;
    let pending = this.cache.get(key);
    if (!pending) {
      const path = itemPath(actual, kind, id);
      pending = readJson(this.fetchText, path).then((json) => {
        const value = ITEM_PARSERS[kind](json, path);
        if (value.id !== id) throw new ContentError('malformed', `${path}: id "${value.id}" does not match "${id}"`);
        return value;
      });
      // A failed read is not cached, so a repaired file is picked up on the next attempt.
      pending.catch(() => this.cache.delete(key));
      this.cache.set(key, pending);
    }
    // Whether this is a fallback depends on who asks, so it is never cached.
    return (pending as Promise<ItemByKind[K]>).then((value) => ({ value, language: actual, isFallback: actual !== language }));
  }

  /**
   * The search index for `language`, or the default language's when the pack
   * ships none for it. Hits carry text in the returned `language`.
   */
  async search(language: string): Promise<Localized<PackSearch>> {
    const { defaultLanguage } = this.index;
    const own = this.index.languages.includes(language) ? await this.readSearch(language) : null;
    if (own) return { value: own, language, isFallback: false };
    const fallback = language === defaultLanguage ? null : await this.readSearch(defaultLanguage);
    if (!fallback) throw new ContentError('missing', `${searchPath(defaultLanguage)}: file not found`);
    return { value: fallback, language: defaultLanguage, isFallback: true };
  }

  private readSearch(language: string): Promise<PackSearch | null> {
    let pending = this.searches.get(language);
    if (!pending) {
      const path = searchPath(language);
      pending = this.fetchText(path).then((raw) => (raw === null ? null : parseSearch(raw, path)));
      // Neither a failure nor a missing file is kept, so a repaired or newly added index is found on the next attempt.
      pending.then(
        (found) => found ?? this.searches.delete(language),
        () => this.searches.delete(language),
      );
      this.searches.set(language, pending);
    }
    return pending;
  }
}

function searchPath(language: string): string {
  return `${language}/search.json`;
}

async function parseSearch(raw: string, path: string): Promise<PackSearch> {
  // Loaded on first search, so the search library stays out of the first screen's bundle.
  const { PackSearch } = await import('../search/searchIndex');
  try {
    return PackSearch.load(raw);
  } catch {
    throw new ContentError('malformed', `${path}: not a valid search index`);
  }
}
