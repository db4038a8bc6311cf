import { useEffect, useState } from 'react';
import type { Localized } from '../../core/content/loader';
import type { ItemByKind, ItemKind } from '../../core/content/model';
import { useApp } from './AppContext';

export type ItemState<T> = { status: 'loading' } | { status: 'ready'; item: Localized<T> } | { status: 'error'; message: string };

/** Loads one content item in the learner's language, falling back to the pack's default language. */
export function useItem<K extends ItemKind>(kind: K, id: string | undefined): ItemState<ItemByKind[K]> {
  const { pack, language } = useApp();
  const [state, setState] = useState<ItemState<ItemByKind[K]>>({ status: 'loading' });
  useEffect(() => {
    if (!pack || !id) {
      setState({ status: 'error', message: id ? 'no pack' : 'no id' });
      return;
    }
    let live = true;
    setState({ status: 'loading' });
    pack.load(kind, id, language).then(
      (item) => live && setState({ status: 'ready', item }),
      (err: unknown) => live && setState({ status: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      live = false;
    };
  }, [pack, kind, id, language]);
  return state;
}

export interface ListedItem<T> {
  readonly id: string;
  readonly state: ItemState<T>;
}

/** Every item of one kind, in reading order; one broken file spoils only its own row. */
export function useItems<K extends ItemKind>(kind: K): ListedItem<ItemByKind[K]>[] {
  const { pack, language } = useApp();
  const ids = pack ? pack.list(kind).map((i) => i.id) : [];
  const [states, setStates] = useState<Record<string, ItemState<ItemByKind[K]>>>({});
  const idKey = ids.join('\n');
  useEffect(() => {
    if (!pack) return;
    let live = true;
    for (const id of idKey.split('\n').filter(Boolean)) {
      pack.load(kind, id, language).then(
        (item) => live && setStates((s) => ({ ...s, [id]: { status: 'ready', item } })),
        (err: unknown) => live && setStates((s) => ({ ...s, [id]: { status: 'error', message: err instanceof Error ? err.message : String(err) } })),
      );
    }
    return () => {
      live = false;
    };
  }, [pack, kind, idKey, language]);
  return ids.map((id) => ({ id, state: states[id] ?? { status: 'loading' } }));
}
