import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BarazaDb, Profile } from '../db/database';
import { createProfile, switchProfile } from '../db/profiles';
import { PinDialog } from '../components/PinDialog';
import { LanguagePicker } from '../components/LanguagePicker';
import { setLanguage } from '../i18n';
import { navigate } from '../app/router';

/** First start, or nobody signed in: pick your profile or create one. */
export function ProfileGate({ db }: { db: BarazaDb }): ReactNode {
  const { t, i18n } = useTranslation();
  const profiles = useLiveQuery(() => db.profiles.orderBy('createdAt').toArray(), [db]);
  const [name, setName] = useState('');
  const [pinFor, setPinFor] = useState<Profile | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!profiles) return <div className="boot" aria-busy="true" />;

  const create = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    if (!name.trim()) {
      setError(t('profiles.nameRequired'));
      return;
    }
    await createProfile(db, { name, language: i18n.language });
    navigate();
  };
  const open = async (p: Profile): Promise<void> => {
    await switchProfile(db, p.id);
    navigate();
  };

  return (
    <main className="gate">
      <div className="gate-card">
        <h1 tabIndex={-1}>{profiles.length === 0 ? t('gate.welcome') : t('gate.whoIsLearning')}</h1>
        <p className="lead">{t('gate.intro')}</p>
        <LanguagePicker value={i18n.language} onChange={(code) => void setLanguage(code)} />
        {profiles.length > 0 ? (
          <ul className="profile-list" aria-label={t('gate.existingProfiles')}>
            {profiles.map((p) => (
              <li key={p.id}>
                <button type="button" className="profile-choice" onClick={() => (p.pinHash ? setPinFor(p) : void open(p))}>
                  <span className="avatar" aria-hidden="true">
                    {p.name.slice(0, 1).toUpperCase()}
                  </span>
                  {p.name}
                  {p.pinHash ? <span className="visually-hidden">{t('profiles.hasPin')}</span> : null}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <form onSubmit={(e) => void create(e)} className="create-profile">
          <h2>{profiles.length === 0 ? t('gate.createFirst') : t('gate.createAnother')}</h2>
          <label htmlFor="profile-name">{t('profiles.nameLabel')}</label>
          <input
            id="profile-name"
            value={name}
            maxLength={60}
            autoComplete="off"
            aria-invalid={error !== null}
            aria-describedby={error ? 'profile-name-error' : 'profile-name-hint'}
            onChange={(e) => (setName(e.target.value), setError(null))}
          />
          <p id="profile-name-hint" className="hint">
            {t('profiles.nameHint')}
          </p>
          {error ? (
            <p id="profile-name-error" className="field-error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="submit" className="primary">
            {t('profiles.create')}
          </button>
        </form>
      </div>
      {pinFor ? <PinDialog profile={pinFor} onCancel={() => setPinFor(null)} onUnlocked={() => void open(pinFor)} /> : null}
    </main>
  );
}
