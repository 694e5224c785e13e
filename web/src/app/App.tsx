import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, post, setCsrfToken, whenUnauthorized, type Me, type SessionInfo } from '../api/client';
import { fetchMe, keys } from '../api/queries';
import { adoptProfileLanguage } from '../i18n';
import { Login } from './Login';
import { SessionContext, type Session } from './session';
import { Shell } from './Shell';

type State = { kind: 'booting' } | { kind: 'signedOut'; notice?: string } | { kind: 'signedIn'; me: Me };

/** Boot (GET /api/auth/me: the cookie is HttpOnly, asking is the only way to know), sign-in, sign-out. */
export function App() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [state, setState] = useState<State>({ kind: 'booting' });

  const signedIn = useCallback(
    (s: SessionInfo) => {
      setCsrfToken(s.csrfToken);
      adoptProfileLanguage(s.user.locale);
      qc.setQueryData(keys.me, s);
      setState({ kind: 'signedIn', me: s.user });
    },
    [qc],
  );

  const signedOut = useCallback(
    (notice?: string) => {
      setCsrfToken(null);
      qc.clear();
      setState({ kind: 'signedOut', notice });
    },
    [qc],
  );

  useEffect(() => {
    let cancelled = false;
    fetchMe()
      .then((s) => !cancelled && signedIn(s))
      .catch((err) => {
        if (cancelled) return;
        signedOut(err instanceof ApiError && err.status !== 401 ? t('error.offline') : undefined);
      });
    return () => {
      cancelled = true;
    };
    // boot once
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    whenUnauthorized(() => {
      setState((s) => {
        if (s.kind !== 'signedIn') return s;
        setCsrfToken(null);
        qc.clear();
        return { kind: 'signedOut', notice: t('error.session') };
      });
    });
  }, [qc, t]);

  if (state.kind === 'booting') return <p className="boot">{t('app.loading')}</p>;
  if (state.kind === 'signedOut') return <Login onSignedIn={signedIn} notice={state.notice} />;

  const session: Session = {
    me: state.me,
    signOut: (notice) => {
      void post('/api/auth/logout')
        .catch(() => undefined) // the session may be gone already
        .finally(() => signedOut(notice));
    },
    update: (me) => setState({ kind: 'signedIn', me }),
  };
  return (
    <SessionContext.Provider value={session}>
      <Shell />
    </SessionContext.Provider>
  );
}
