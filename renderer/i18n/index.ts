import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../locales/en.json';
import { languageInfo, SOURCE_LANGUAGE } from './languages';

// English ships in the first bundle; every other language is its own chunk, loaded on first use.
const loaders = import.meta.glob<{ default: Record<string, unknown> }>(['../../locales/*.json', '!../../locales/en.json', '!../../locales/*.notes.json']);

export async function initI18n(language: string): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    lng: SOURCE_LANGUAGE,
    fallbackLng: SOURCE_LANGUAGE,
    resources: { en: { translation: en } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  await setLanguage(language);
  return i18next;
}

export async function setLanguage(language: string): Promise<void> {
  const code = languageInfo(language).code;
  if (!i18next.hasResourceBundle(code, 'translation')) {
    const load = loaders[`../../locales/${code}.json`];
    if (load) i18next.addResourceBundle(code, 'translation', (await load()).default);
  }
  await i18next.changeLanguage(code);
  const root = document.documentElement;
  root.lang = code;
  root.dir = languageInfo(code).dir;
}
