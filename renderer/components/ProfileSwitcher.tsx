import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/AppContext';
import { navigate } from '../app/router';
import { signOut, switchProfile } from '../db/profiles';
import type { Profile } from '../db/database';
import { PinDialog } from './PinDialog';

/** The current learner's name; opens a menu to switch to a colleague in one click. */
export function ProfileSwitcher(): ReactNode {
  const { t } = useTranslation();
  const { db, profile } = useApp();
  const profiles = useLiveQuery(() => db.profiles.orderBy('createdAt').toArray(), [db], []);
  const [open, setOpen] = useState(false);
  const [pinFor, setPinFor] = useState<Profile | null>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onDown = (e: MouseEvent): void => {
      if (!menu.current?.parentElement?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const choose = async (p: Profile): Promise<void> => {
    setOpen(false);
    if (p.pinHash) setPinFor(p);
    else {
      await switchProfile(db, p.id);
      navigate();
    }
  };

  const onMenuKey = (e: React.KeyboardEvent): void => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape') setOpen(false);
    else if (e.key === 'ArrowDown') items[(at + 1) % items.length]?.focus();
    else if (e.key === 'ArrowUp') items[(at - 1 + items.length) % items.length]?.focus();
    else return;
    e.preventDefault();
  };

  const others = profiles.filter((p) => p.id !== profile.id);
  return (
    <div className="profile-switcher">
      {others.slice(0, 3).map((p) => (
        <button key={p.id} type="button" className="avatar-button" title={t('profiles.switchToName', { name: p.name })} onClick={() => void choose(p)}>
          <span className="avatar avatar-other" aria-hidden="true">
            {p.name.slice(0, 1).toUpperCase()}
          </span>
          <span className="visually-hidden">{t('profiles.switchToName', { name: p.name })}</span>
        </button>
      ))}
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} className="profile-button">
        <span className="avatar" aria-hidden="true">
          {profile.name.slice(0, 1).toUpperCase()}
        </span>
        <span>{profile.name}</span>
      </button>
      {open ? (
        <div className="menu" role="menu" ref={menu} aria-label={t('profiles.switchTo')} onKeyDown={onMenuKey}>
          {others.map((p) => (
            <button key={p.id} type="button" role="menuitem" onClick={() => void choose(p)}>
              {t('profiles.switchToName', { name: p.name })}
              {p.pinHash ? <span className="pin-mark"> 🔒</span> : null}
            </button>
          ))}
          <button type="button" role="menuitem" onClick={() => (setOpen(false), navigate('settings'))}>
            {t('profiles.manage')}
          </button>
          <button type="button" role="menuitem" onClick={() => void signOut(db)}>
            {t('profiles.newOrOther')}
          </button>
        </div>
      ) : null}
      {pinFor ? (
        <PinDialog
          profile={pinFor}
          onCancel={() => setPinFor(null)}
          onUnlocked={async () => {
            await switchProfile(db, pinFor.id);
            setPinFor(null);
            navigate();
          }}
        />
      ) : null}
    </div>
  );
}
