import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemByKind, ItemKind } from '../../core/content/model';
import { useApp } from '../app/AppContext';
import { href } from '../app/router';
import { useItems } from '../app/useItem';
import { contentAttributes } from '../i18n/languages';
import { ContentUnavailable, FallbackNote } from './ContentNotice';

interface Props<K extends ItemKind> {
  readonly kind: K;
  /** The route the title links to: `#/<route>/<id>`. */
  readonly route: string;
  readonly level?: 'h2' | 'h3';
  /** What the card shows under its title. */
  readonly details: (item: ItemByKind[K], contentLanguage: string) => ReactNode;
}

/** Every item of one kind as a card with its title linked; one broken file spoils only its own card. */
export function ItemCards<K extends ItemKind>({ kind, route, level = 'h2', details }: Props<K>): ReactNode {
  const { t } = useTranslation();
  const { language } = useApp();
  const Heading = level;
  return (
    <ul className="item-list">
      {useItems(kind).map(({ id, state }) => (
        <li key={id} className="card item-card">
          {state.status === 'error' ? <ContentUnavailable detail={state.message} /> : null}
          {state.status === 'loading' ? <p aria-busy="true">{t('common.loading')}</p> : null}
          {state.status === 'ready' ? (
            <>
              <Heading {...contentAttributes(state.item.language)}>
                <a href={href(route, id)}>{state.item.value.title}</a>
              </Heading>
              {state.item.isFallback ? <FallbackNote shownIn={state.item.language} wanted={language} /> : null}
              {details(state.item.value, state.item.language)}
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
