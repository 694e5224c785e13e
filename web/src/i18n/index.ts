import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { featureLocales } from './features';
import { ru } from './ru';

export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
/** A UI preference only; no tokens are ever stored. */
const STORAGE_KEY = 'otklik.lang';

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

function saved(): Language | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLanguage(v) ? v : null;
  } catch {
    return null;
  }
}

/** The saved choice, else the browser's languages (Russian for ru/uk/be/kk), else Russian. */
export function initialLanguage(): Language {
  const s = saved();
  if (s) return s;
  const nav = typeof navigator !== 'undefined' ? (navigator.languages ?? [navigator.language]) : [];
  for (const l of nav) {
    const code = String(l ?? '')
      .slice(0, 2)
      .toLowerCase();
    if (['ru', 'uk', 'be', 'kk'].includes(code)) return 'ru';
    if (code === 'en') return 'en';
  }
  return 'ru';
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: {
    ru: { translation: Object.assign({}, ru, ...featureLocales.map((f) => f.ru)) },
    en: { translation: Object.assign({}, en, ...featureLocales.map((f) => f.en)) },
  },
  lng: initialLanguage(),
  fallbackLng: 'ru',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false }, // React renders strings as text
  initAsync: false,
});
syncDocument();

function syncDocument() {
  if (typeof document !== 'undefined') {
    document.documentElement.lang = i18n.language;
  }
}

/** Switches the UI language and remembers it on this device. */
export async function setLanguage(l: Language, remember = true): Promise<void> {
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* storage disabled */
    }
  }
  await i18n.changeLanguage(l);
  syncDocument();
}

/** After sign-in: the profile's language, unless this device has a saved choice. */
export function adoptProfileLanguage(locale: string | undefined): void {
  if (!saved() && isLanguage(locale) && locale !== i18n.language) void setLanguage(locale, false);
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'ru';
}

/** The Intl locale for dates and numbers. */
export function intlLocale(): string {
  return currentLanguage() === 'ru' ? 'ru-RU' : 'en-GB';
}
