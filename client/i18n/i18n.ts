/**
 * The i18n layer: Dutch by default, English on request. The choice is kept in
 * localStorage and mirrored on <html lang> so screen readers pronounce it right.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { nl } from './nl.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    // Makes t('some.key') a compile error when the key is not in nl.ts.
    resources: { translation: typeof nl };
  }
}

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'samenspel.language';

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'nl';
  } catch {
    // Storage can be blocked (private mode, strict settings): Dutch is the default anyway.
    return 'nl';
  }
}

export function currentLanguage(): Language {
  return i18next.language === 'en' ? 'en' : 'nl';
}

export async function setLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered across visits; the switch still works for this page.
  }
  await i18next.changeLanguage(language);
}

export async function initI18n(): Promise<void> {
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  await i18next.use(initReactI18next).init({
    resources: { nl: { translation: nl }, en: { translation: en } },
    lng: storedLanguage(),
    fallbackLng: 'nl',
    interpolation: { escapeValue: false }, // React escapes already
  });
}
