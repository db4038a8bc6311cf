import type { ReactNode } from 'react';
import { ITEM_ROUTES } from '../../core/content/model';
import { useApp } from '../app/AppContext';
import { href } from '../app/router';
import { useItems } from '../app/useItem';
import { contentAttributes } from '../i18n/languages';

/** Links to other items of the pack by their titles, in the pack's order; ids the pack lacks are left out. */
export function ItemLinks({ heading, kind, ids }: { heading: string; kind: keyof typeof ITEM_ROUTES; ids: readonly string[] }): ReactNode {
  const { pack } = useApp();
  const wanted = new Set(ids);
  const items = useItems(kind).filter((i) => wanted.has(i.id));
  const route = ITEM_ROUTES[kind];
  if (!pack || items.length === 0) return null;
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
