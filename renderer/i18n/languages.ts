export interface LanguageInfo {
  readonly code: string;
  /** The language's own name, shown in the picker so everyone can find theirs. */
  readonly nativeName: string;
  readonly dir: 'ltr' | 'rtl';
}

export const LANGUAGES: readonly LanguageInfo[] = [
  { code: 'en', nativeName: 'English', dir: 'ltr' },
  { code: 'fr', nativeName: 'Français', dir: 'ltr' },
  { code: 'es', nativeName: 'Español', dir: 'ltr' },
  { code: 'ar', nativeName: 'العربية', dir: 'rtl' },
  { code: 'pt', nativeName: 'Português', dir: 'ltr' },
  { code: 'sw', nativeName: 'Kiswahili', dir: 'ltr' },
];

export const SOURCE_LANGUAGE = 'en';

export function languageInfo(code: string): LanguageInfo {
  return LANGUAGES.find((l) => l.code === code) ?? (LANGUAGES[0] as LanguageInfo);
}

/** The best supported language for a browser's preference list, English when none matches. */
export function pickLanguage(preferred: readonly string[]): string {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (LANGUAGES.some((l) => l.code === base)) return base as string;
  }
  return SOURCE_LANGUAGE;
}

/** `lang` and `dir` for text written in `code`, which may differ from the interface language. */
export function contentAttributes(code: string): { lang: string; dir: 'ltr' | 'rtl' } {
  return { lang: code, dir: languageInfo(code).dir };
}
