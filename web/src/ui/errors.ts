import { ApiError } from '../api/client';
import { currentLanguage, i18n } from '../i18n';

/**
 * An error in the user's language. Never a raw "Failed to fetch", and never an English server
 * sentence inside Russian text: in Russian the status decides the words; in English a
 * validation message from the server is shown as it is (it names the field).
 */
export function errorText(err: unknown, overrides: Partial<Record<number, string>> = {}): string {
  if (!(err instanceof ApiError)) return i18n.t('error.generic');
  const own = overrides[err.status];
  if (own) return own;
  switch (err.status) {
    case 0:
      return i18n.t('error.offline');
    case 401:
      return i18n.t('error.session');
    case 403:
      return i18n.t('error.forbidden');
    case 404:
      return i18n.t('error.notFound');
    case 409:
      return i18n.t('error.conflict');
    case 413:
      return i18n.t('error.tooLarge');
    case 429:
      return i18n.t('error.rateLimited');
    case 400:
    case 422:
      if (err.code) return sourceErrorText(err.code);
      return currentLanguage() === 'en' && !/^HTTP \d+$/.test(err.message)
        ? `${i18n.t('error.invalid')}: ${err.message}`
        : i18n.t('error.invalid');
    default:
      return err.status >= 500 ? i18n.t('error.server') : i18n.t('error.generic');
  }
}

/** A connector's error code in words (source health, a refused connection). */
export function sourceErrorText(code: string, platform?: string): string {
  // a platform's own words for the same outcome (what to check differs: a channel, a URL)
  const own = platform ? `sourceSetup.errors.${platform}.${code}` : undefined;
  if (own && i18n.exists(own)) return i18n.t(own);
  const key = `sources.error.${code}`;
  return i18n.exists(key) ? i18n.t(key) : i18n.t('sources.error.other', { code });
}
