import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Route, Routes, useLocation } from 'react-router';
import type { Me } from '../api/client';
import { checkSession } from '../api/queries';
import { InboxPage } from '../inbox/InboxPage';
import { ProfilePage } from '../profile/ProfilePage';
import { LiveInbox } from '../realtime/live';
import { AgentStatusToggle, NotificationBell } from '../share/TopBarLoad';
import { ToastProvider } from '../ui/toasts';
import { useAttention } from './attention';
import { LanguageToggle } from './LanguageToggle';
import { LiveContext, useLiveState } from './live-context';
import { useSession } from './session';
import { ShortcutsHelp } from './ShortcutsHelp';

/** Admin screens load only when an admin opens them (they are not in the inbox's bundle). */
const AdminPage = lazy(() => import('../admin/AdminPage'));
const KbPage = lazy(() => import('../kb/KbPage'));
/** The analysis review queue and its report (issue 16), loaded when opened. */
const ReviewPage = lazy(() => import('../review/ReviewPage'));
/** Alerts (admins and the on-call leads; rules stay the admins'): a chunk of its own. */
const AlertsPage = lazy(() => import('../alerts/AlertsPage'));
const seesAlerts = (me: Me) => me.role === 'admin' || me.isLead;
/** Reports (analysts, leads and admins): their own chunk; ECharts loads with the first chart. */
const ReportsRoutes = lazy(() => import('../reports/ReportsPage'));
const seesReports = (me: Me) => me.role === 'admin' || me.role === 'analyst' || me.isLead;

/** The signed-in frame: top bar, live stream, routes. */
export function Shell() {
  const qc = useQueryClient();
  const { me } = useSession();
  const onNewItems = useAttention();
  const [live] = useState(() => new LiveInbox({ qc, userId: me.id }));
  useEffect(() => {
    live.setCallbacks({
      onNewItems,
      // a refused stream may mean the session ended: GET /api/auth/me answering 401 signs out
      // (the API client's whenUnauthorized); anything else just retries later
      onRefused: () => void checkSession().catch(() => undefined),
    });
  }, [live, onNewItems]);
  useEffect(() => {
    live.start();
    return () => live.stop();
  }, [live]);
  const [help, setHelp] = useState(false);

  useEffect(() => {
    const onKey = (ev: KeyboardEvent) => {
      if (ev.key === '?' && !isTyping(ev) && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
        ev.preventDefault();
        setHelp(true);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <LiveContext.Provider value={live}>
      <ToastProvider>
        <div className="shell">
          <a className="skip-link" href="#main">
            <SkipText />
          </a>
          <TopBar onHelp={() => setHelp(true)} />
          <div className="shell-body" id="main">
            <Routes>
              <Route path="/inbox/:conversationId?" element={<InboxPage />} />
              <Route path="/profile" element={<ProfilePage />} />
              <Route
                path="/kb"
                element={
                  <Suspense fallback={<p className="placeholder muted">…</p>}>
                    <KbPage />
                  </Suspense>
                }
              />
              <Route
                path="/review"
                element={
                  <Suspense fallback={<p className="placeholder muted">…</p>}>
                    <ReviewPage />
                  </Suspense>
                }
              />
              <Route
                path="/admin/*"
                element={
                  me.role === 'admin' ? (
                    <Suspense fallback={<p className="placeholder muted">…</p>}>
                      <AdminPage />
                    </Suspense>
                  ) : (
                    <Navigate to="/inbox" replace />
                  )
                }
              />
              <Route
                path="/reports/*"
                element={
                  seesReports(me) ? (
                    <Suspense fallback={<p className="placeholder muted">…</p>}>
                      <ReportsRoutes />
                    </Suspense>
                  ) : (
                    <Navigate to="/inbox" replace />
                  )
                }
              />
              <Route
                path="/alerts/*"
                element={
                  seesAlerts(me) ? (
                    <Suspense fallback={<p className="placeholder muted">…</p>}>
                      <AlertsPage />
                    </Suspense>
                  ) : (
                    <Navigate to="/inbox" replace />
                  )
                }
              />
              <Route path="*" element={<LegacyRedirect />} />
            </Routes>
          </div>
        </div>
        {help ? <ShortcutsHelp onClose={() => setHelp(false)} /> : null}
      </ToastProvider>
    </LiveContext.Provider>
  );
}

function SkipText() {
  const { t } = useTranslation();
  return <>{t('app.skip')}</>;
}

/** `/` and the old UI's `#/c/<id>` links go to the inbox. */
function LegacyRedirect() {
  const { hash } = useLocation();
  const m = /^#\/c\/([0-9a-fA-F-]{36})$/.exec(hash);
  return <Navigate to={m ? `/inbox/${m[1]}` : '/inbox'} replace />;
}

function TopBar({ onHelp }: { onHelp: () => void }) {
  const { t } = useTranslation();
  const { me, signOut } = useSession();
  const state = useLiveState();
  return (
    <header className="topbar">
      <span className="logo">{t('app.title')}</span>
      <nav className="main-nav" aria-label={t('nav.main')}>
        <NavLink to="/inbox">{t('nav.inbox')}</NavLink>
        <NavLink to="/kb">{t('kb.nav')}</NavLink>
        <NavLink to="/review">{t('review.nav')}</NavLink>
        {seesAlerts(me) ? <NavLink to="/alerts">{t('alerts.nav')}</NavLink> : null}
        {seesReports(me) ? <NavLink to="/reports">{t('reports.nav')}</NavLink> : null}
        {me.role === 'admin' ? <NavLink to="/admin">{t('nav.admin')}</NavLink> : null}
        <NavLink to="/profile">{t('nav.profile')}</NavLink>
      </nav>
      <span className="grow" />
      <span
        className={`live-dot live-${state === 'live' ? 'on' : 'off'}`}
        title={t(state === 'live' ? 'live.onTitle' : 'live.offTitle')}
        role="status"
      >
        {t(state === 'live' ? 'live.on' : 'live.off')}
      </span>
      {me.role === 'admin' || me.role === 'agent' ? <AgentStatusToggle /> : null}
      <NotificationBell />
      <button type="button" className="btn btn-ghost keys-hint" onClick={onHelp} aria-keyshortcuts="?">
        {t('keys.hint')}
      </button>
      <span className="me">{me.name || me.email}</span>
      <LanguageToggle />
      <button type="button" className="btn btn-ghost" onClick={() => signOut()}>
        {t('nav.logout')}
      </button>
    </header>
  );
}

export function isTyping(ev: KeyboardEvent): boolean {
  const el = ev.target as HTMLElement | null;
  return !!el?.closest?.('input, textarea, select, [contenteditable="true"]');
}
