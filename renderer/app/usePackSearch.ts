import { useEffect, useState } from 'react';
import type { Localized } from '../../core/content/loader';
import type { PackSearch } from '../../core/search/searchIndex';
import { useApp } from './AppContext';

export type PackSearchState = { status: 'loading' } | { status: 'ready'; index: Localized<PackSearch> } | { status: 'error'; message: string };

/** The pack's search index in the learner's language, or in the pack's default language when it ships none. */
export function usePackSearch(): PackSearchState {
  const { pack, language } = useApp();
  const [state, setState] = useState<PackSearchState>({ status: 'loading' });
  useEffect(() => {
    if (!pack) {
      setState({ status: 'error', message: 'no pack' });
      return;
    }
    let live = true;
    setState({ status: 'loading' });
    pack.search(language).then(
      (index) => live && setState({ status: 'ready', index }),
      (err: unknown) => live && setState({ status: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      live = false;
    };
  }, [pack, language]);
  return state;
}
