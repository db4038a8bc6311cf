import type { ReactNode } from 'react';
import type { ItemKind } from '../../core/content/model';
import { useApp } from '../app/AppContext';
import { href } from '../app/router';
import { useItems } from '../app/useItem';
import { contentAttributes } from '../i18n/languages';

const ROUTES: Partial<Record<ItemKind, string>> = {
  module: 'modules',
  guideline: 'guidelines',
  quiz: 'assessments',
  template: 'templates',
  case: 'cases',
  guide: 'guides',
};

/** Links to other items of the pack by their titles, in the pack's order; ids the pack lacks are left out. */
export function ItemLinks({ heading, kind, ids }: { heading: string; kind: ItemKind; ids: readonly string[] }): ReactNode {
  const { pack } = useApp();
  const wanted = new Set(ids);
  const items = useItems(kind).filter((i) => wanted.has(i.id));
  const route = ROUTES[kind];
  if (!pack || !route || items.length === 0) return null;
  return (
    <section className="item-links" aria-label={heading}>
      <h3>{heading}</h3>
      <ul>
        {items.map(({ id, state }) => (
          <li key={id}>
            <a href={href(route, id)} {...(state.status === 'ready' ? contentAttributes(state.item.language) : {})}>
              {state.status === 'ready' ? state.item.value.title : id}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
