import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { checkPin } from '../db/profiles';
import type { Profile } from '../db/database';

export function PinDialog({ profile, onUnlocked, onCancel }: { profile: Profile; onUnlocked: () => void; onCancel: () => void }): ReactNode {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [pin, setPin] = useState('');
  const [wrong, setWrong] = useState(false);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    if (await checkPin(profile, pin)) onUnlocked();
    else {
      setWrong(true);
      setPin('');
    }
  };
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="pin-title" onCancel={(e) => (e.preventDefault(), onCancel())}>
      <form onSubmit={(e) => void submit(e)}>
        <h2 id="pin-title">{t('pin.title', { name: profile.name })}</h2>
        <label htmlFor="pin-input">{t('pin.label')}</label>
        <input
          id="pin-input"
          className="pin-input"
          inputMode="numeric"
          autoComplete="off"
          type="password"
          maxLength={4}
          pattern="\d{4}"
          value={pin}
          autoFocus
          aria-invalid={wrong}
          aria-describedby={wrong ? 'pin-error' : undefined}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
        />
        {wrong ? (
          <p id="pin-error" className="field-error" role="alert">
            {t('pin.wrong')}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={pin.length !== 4}>
            {t('pin.unlock')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
