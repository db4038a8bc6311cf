import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { GlossaryTerm } from '../../core/content/model';
import { useApp } from './AppContext';

export interface GlossaryEntry extends GlossaryTerm {
  /** The language the entry is shown in (the pack's default when it has no translation). */
  readonly language: string;
}

const GlossaryContext = createContext<ReadonlyMap<string, GlossaryEntry>>(new Map());

/** Loads the pack's glossaries once per pack and language, for the terms linked from any text. */
export function GlossaryProvider({ children }: { children: ReactNode }): ReactNode {
  const { pack, language } = useApp();
  const [terms, setTerms] = useState<ReadonlyMap<string, GlossaryEntry>>(new Map());
  useEffect(() => {
    if (!pack) return;
    let live = true;
    const ids = pack.list('glossary').map((i) => i.id);
    void Promise.allSettled(ids.map((id) => pack.load('glossary', id, language))).then((results) => {
      if (!live) return;
      const map = new Map<string, GlossaryEntry>();
      for (const r of results) {
        if (r.status !== 'fulfilled') continue;
        for (const term of r.value.value.terms) map.set(term.id, { ...term, language: r.value.language });
      }
      setTerms(map);
    });
    return () => {
      live = false;
    };
  }, [pack, language]);
  return <GlossaryContext.Provider value={terms}>{children}</GlossaryContext.Provider>;
}

export function useGlossary(): ReadonlyMap<string, GlossaryEntry> {
  return useContext(GlossaryContext);
}
