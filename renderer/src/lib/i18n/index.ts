import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { FEATURE_TEXT } from './features';
import { zhCN } from './zh-CN';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** zh-CN when the system asks for any Chinese, English otherwise. */
export function defaultLanguage(preferred: readonly string[]): Language {
  return preferred.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

function featureText(lang: 'en' | 'zhCN'): Record<string, unknown> {
  return Object.fromEntries(Object.entries(FEATURE_TEXT).map(([key, text]) => [key, text[lang]]));
}

export async function initI18n(language: Language) {
  await i18next.use(initReactI18next).init({
    resources: {
      en: { translation: { ...en, ...featureText('en') } },
      'zh-CN': { translation: { ...zhCN, ...featureText('zhCN') } },
    },
    lng: language,
    fallbackLng: 'en',
    // React escapes what it renders; customer text is never markup.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  return i18next;
}

export async function changeLanguage(language: Language) {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
