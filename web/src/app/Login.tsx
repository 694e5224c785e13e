import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, post, setCsrfToken, type SessionInfo } from '../api/client';
import { formatDuration } from '../lib/time';
import { i18n } from '../i18n';
import { LanguageToggle } from './LanguageToggle';

/** What to tell the person for each way sign-in can fail (always in their language). */
export function loginErrorText(err: unknown): string {
  if (!(err instanceof ApiError) || err.status === 0) return i18n.t('error.offline');
  const wait = formatDuration((err.retryAfter ?? 60) * 1000);
  switch (err.status) {
    case 400:
    case 401:
      return i18n.t('login.invalid');
    case 423:
      return i18n.t('login.locked', { wait });
    case 429:
      return i18n.t('login.rateLimited', { wait });
    case 403:
      return i18n.t('login.forbidden');
    default:
      return i18n.t('login.failed');
  }
}

export function Login({ onSignedIn, notice }: { onSignedIn: (s: SessionInfo) => void; notice?: string }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | undefined>(notice);
  const [busy, setBusy] = useState(false);
  const password = useRef<HTMLInputElement>(null);

  async function submit(ev: FormEvent<HTMLFormElement>) {
    ev.preventDefault();
    const form = new FormData(ev.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      const res = await post<SessionInfo>(
        '/api/auth/login',
        { email: String(form.get('email') ?? '').trim(), password: String(form.get('password') ?? '') },
        { quiet401: true },
      );
      setCsrfToken(res.csrfToken);
      onSignedIn(res);
    } catch (err) {
      setError(loginErrorText(err));
      if (password.current) {
        password.current.value = '';
        password.current.focus();
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login-page">
      <form className="login-card" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <div className="login-head">
          <span className="logo">{t('app.title')}</span>
          <LanguageToggle />
        </div>
        <h1 id="login-title">{t('login.title')}</h1>
        <label>
          <span>{t('login.email')}</span>
          <input type="email" name="email" autoComplete="username" required autoFocus maxLength={320} />
        </label>
        <label>
          <span>{t('login.password')}</span>
          <input
            ref={password}
            type="password"
            name="password"
            autoComplete="current-password"
            required
            maxLength={1024}
          />
        </label>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="btn btn-primary btn-wide" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
        <p className="muted small">{t('login.demoHint')}</p>
      </form>
    </main>
  );
}
