import type { CookieOptions } from 'express';
import type { AppConfig } from '../config/config.schema';

export const SESSION_COOKIE = 'otklik_session';
export const CSRF_HEADER = 'x-csrf-token';

/** Secure when asked, or when the public URL is https (so plain-http local starts still work). */
export function cookieIsSecure(config: Pick<AppConfig, 'COOKIE_SECURE' | 'PUBLIC_URL'>): boolean {
  return config.COOKIE_SECURE ?? config.PUBLIC_URL?.startsWith('https:') ?? false;
}

export function sessionCookieOptions(
  config: Pick<AppConfig, 'COOKIE_SECURE' | 'PUBLIC_URL'>,
  expiresAt?: Date,
): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: cookieIsSecure(config),
    ...(expiresAt ? { expires: expiresAt } : {}),
  };
}
