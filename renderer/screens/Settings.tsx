import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/AppContext';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { LanguagePicker } from '../components/LanguagePicker';
import { TEXT_SIZES, type Profile } from '../db/database';
import { deleteProfile, isValidPin, setPin, signOut, updateProfile } from '../db/profiles';
import { formatDate } from '../i18n/format';
import { useNotify } from '../app/notices';
import { SyncPanel } from '../components/SyncPanel';

export function Settings(): ReactNode {
  const { t } = useTranslation();
  const { db, profile, info } = useApp();
  // Shown at once; the stored profile catches up a moment later through the live query.
  const [textSize, setTextSize] = useState(profile.textSize);
  useEffect(() => setTextSize(profile.textSize), [profile.textSize]);
  return (
    <div className="screen settings">
      <h1 tabIndex={-1}>{t('settings.title')}</h1>
      <section className="card">
        <h2>{t('settings.display')}</h2>
        <LanguagePicker value={profile.language} onChange={(code) => void updateProfile(db, profile.id, { language: code })} />
        <fieldset className="field text-size">
          <legend>{t('settings.textSize')}</legend>
          {TEXT_SIZES.map((size) => (
            <label key={size} className={`size-option size-${size}`}>
              <input
                type="radio"
                name="text-size"
                value={size}
                checked={textSize === size}
                onChange={() => {
                  setTextSize(size);
                  void updateProfile(db, profile.id, { textSize: size });
                }}
              />
              {t(`settings.size.${size}`)}
            </label>
          ))}
        </fieldset>
      </section>
      <ProfileSettings profile={profile} />
      <SyncPanel />
      <ManageProfiles />
      <section className="card">
        <h2>{t('settings.about')}</h2>
        <p className="muted">
          Baraza {info.version} · {t(`settings.host.${info.host}`)}
        </p>
        <button type="button" onClick={() => void signOut(db)}>
          {t('profiles.newOrOther')}
        </button>
      </section>
    </div>
  );
}

function ProfileSettings({ profile }: { profile: Profile }): ReactNode {
  const { t } = useTranslation();
  const { db } = useApp();
  const notify = useNotify();
  const [name, setName] = useState(profile.name);
  const [pin, setPinValue] = useState('');
  return (
    <section className="card">
      <h2>{t('settings.yourProfile')}</h2>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void updateProfile(db, profile.id, { name }).then(() => notify('info', t('profiles.renamed')));
        }}
      >
        <label htmlFor="rename">{t('profiles.nameLabel')}</label>
        <input id="rename" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
        <button type="submit" disabled={!name.trim() || name.trim() === profile.name}>
          {t('profiles.rename')}
        </button>
      </form>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (isValidPin(pin)) void setPin(db, profile.id, pin).then(() => (setPinValue(''), notify('info', t('pin.set'))));
        }}
      >
        <label htmlFor="new-pin">{profile.pinHash ? t('pin.change') : t('pin.add')}</label>
        <input
          id="new-pin"
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          maxLength={4}
          value={pin}
          aria-describedby="pin-hint"
          onChange={(e) => setPinValue(e.target.value.replace(/\D/g, ''))}
        />
        <button type="submit" disabled={!isValidPin(pin)}>
          {t('pin.save')}
        </button>
        {profile.pinHash ? (
          <button type="button" onClick={() => void setPin(db, profile.id, null).then(() => notify('info', t('pin.removed')))}>
            {t('pin.remove')}
          </button>
        ) : null}
      </form>
      <p id="pin-hint" className="hint">
        {t('pin.hint')}
      </p>
    </section>
  );
}

function ManageProfiles(): ReactNode {
  const { t } = useTranslation();
  const { db, language } = useApp();
  const profiles = useLiveQuery(() => db.profiles.orderBy('createdAt').toArray(), [db], []);
  const counts = useLiveQuery(
    async (): Promise<Record<string, number>> => Object.fromEntries(await Promise.all(profiles.map(async (p) => [p.id, await db.statements.where('learnerId').equals(p.id).count()] as const))),
    [db, profiles],
  );
  const [toDelete, setToDelete] = useState<Profile | null>(null);
  return (
    <section className="card">
      <h2>{t('profiles.all')}</h2>
      <ul className="profile-rows">
        {profiles.map((p) => (
          <li key={p.id}>
            <span>
              <strong>{p.name}</strong>
              <span className="muted"> · {t('profiles.lastActive', { when: formatDate(p.lastActiveAt, language) })}</span>
            </span>
            <button type="button" className="danger-link" onClick={() => setToDelete(p)}>
              {t('profiles.delete')}
              <span className="visually-hidden"> {p.name}</span>
            </button>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={toDelete !== null}
        title={t('profiles.deleteTitle', { name: toDelete?.name ?? '' })}
        confirmLabel={t('profiles.deleteConfirm')}
        danger
        onCancel={() => setToDelete(null)}
        onConfirm={() => {
          const p = toDelete;
          setToDelete(null);
          if (p) void deleteProfile(db, p.id);
        }}
      >
        <p>{t('profiles.deleteBody', { count: toDelete ? (counts?.[toDelete.id] ?? 0) : 0 })}</p>
      </ConfirmDialog>
    </section>
  );
}
