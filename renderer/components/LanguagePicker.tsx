import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n/languages';

export function LanguagePicker({ value, onChange }: { value: string; onChange: (code: string) => void }): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor="language-picker">{t('settings.language')}</label>
      <select id="language-picker" value={value} onChange={(e) => onChange(e.target.value)}>
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.nativeName}
          </option>
        ))}
      </select>
    </div>
  );
}
