import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, patch, post, type SessionInfo } from '../api/client';
import { setSound, soundOn } from '../app/attention';
import { useSession } from '../app/session';
import { isLanguage, setLanguage, type Language } from '../i18n';
import { userTimeZone } from '../lib/time';
import { errorText } from '../ui/errors';
import { useToast } from '../ui/toasts';

/** Your name, language, sound and password (the first admin is asked to change theirs). */
export function ProfilePage() {
  const { t } = useTranslation();
  const { me, update } = useSession();
  const toast = useToast();
  const [name, setName] = useState(me.name);
  const [locale, setLocale] = useState<Language>(me.locale);
  const [sound, setSoundState] = useState(soundOn());
  const [pwError, setPwError] = useState<string>();

  async function saveProfile(ev: FormEvent) {
    ev.preventDefault();
    try {
      const s = await patch<SessionInfo>('/api/auth/me', { name: name.trim(), locale });
      update(s.user);
      await setLanguage(s.user.locale);
      toast(t('profile.saved'));
    } catch (err) {
      toast(errorText(err), 'error');
    }
  }

  async function changePassword(ev: FormEvent<HTMLFormElement>) {
    ev.preventDefault();
    const form = ev.currentTarget;
    const f = new FormData(form);
    const current = String(f.get('current') ?? '');
    const next = String(f.get('next') ?? '');
    if (next !== String(f.get('repeat') ?? '')) return setPwError(t('profile.mismatch'));
    if (next.length < 12) return setPwError(t('profile.tooShort'));
    setPwError(undefined);
    try {
      await post('/api/auth/password', { currentPassword: current, newPassword: next });
      form.reset();
      toast(t('profile.changed'));
    } catch (err) {
      const msg =
        err instanceof ApiError && err.status === 400
          ? /current password/i.test(err.message)
            ? t('profile.wrongCurrent')
            : t('profile.weak')
          : errorText(err);
      setPwError(msg);
    }
  }

  return (
    <main className="page">
      <h1>{t('profile.title')}</h1>
      <form className="card form" onSubmit={(e) => void saveProfile(e)}>
        <label>
          <span>{t('profile.name')}</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={200}
            autoComplete="name"
          />
        </label>
        <p className="field-static">
          <span>{t('profile.email')}</span> {me.email} · {t(`role.${me.role}`)}
        </p>
        <label>
          <span>{t('profile.language')}</span>
          <select value={locale} onChange={(e) => isLanguage(e.target.value) && setLocale(e.target.value)}>
            <option value="ru">{t('lang.ru')}</option>
            <option value="en">{t('lang.en')}</option>
          </select>
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={sound}
            onChange={(e) => {
              setSound(e.target.checked);
              setSoundState(e.target.checked);
            }}
          />
          <span>{t('profile.sound')}</span>
        </label>
        <p className="muted small">{t('profile.timeZone', { tz: userTimeZone() })}</p>
        <div>
          <button type="submit" className="btn btn-primary">
            {t('profile.save')}
          </button>
        </div>
      </form>

      <form className="card form" onSubmit={(e) => void changePassword(e)} aria-labelledby="pw-title">
        <h2 id="pw-title">{t('profile.password')}</h2>
        <input type="text" name="username" autoComplete="username" value={me.email} readOnly hidden />
        <label>
          <span>{t('profile.current')}</span>
          <input type="password" name="current" autoComplete="current-password" required maxLength={1024} />
        </label>
        <label>
          <span>{t('profile.newPassword')}</span>
          <input
            type="password"
            name="next"
            autoComplete="new-password"
            required
            minLength={12}
            maxLength={1024}
          />
        </label>
        <label>
          <span>{t('profile.repeat')}</span>
          <input
            type="password"
            name="repeat"
            autoComplete="new-password"
            required
            minLength={12}
            maxLength={1024}
          />
        </label>
        {pwError ? (
          <p className="form-error" role="alert">
            {pwError}
          </p>
        ) : null}
        <div>
          <button type="submit" className="btn btn-primary">
            {t('profile.change')}
          </button>
        </div>
      </form>
    </main>
  );
}
