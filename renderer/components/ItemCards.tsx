import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ITEM_ROUTES, type ItemByKind } from '../../core/content/model';
import { useApp } from '../app/AppContext';
import { href } from '../app/router';
import { useItems } from '../app/useItem';
import { contentAttributes } from '../i18n/languages';
import { ContentUnavailable, FallbackNote } from './ContentNotice';

type Kind = keyof typeof ITEM_ROUTES;

interface Props<K extends Kind> {
  readonly kind: K;
  readonly level?: 'h2' | 'h3';
  /** What the card shows under its title. */
  readonly details: (item: ItemByKind[K], contentLanguage: string) => ReactNode;
}

/** Every item of one kind as a card with its title linked; one broken file spoils only its own card. */
export function ItemCards<K extends Kind>({ kind, level = 'h2', details }: Props<K>): ReactNode {
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
                <a href={href(ITEM_ROUTES[kind], id)}>{state.item.value.title}</a>
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
