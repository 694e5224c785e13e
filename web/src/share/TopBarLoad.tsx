import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, get, post, type Schemas } from '../api/client';
import { formatTime } from '../lib/time';
import { errorText } from '../ui/errors';
import { useToast } from '../ui/toasts';

type AgentStatus = Schemas['AgentStatusView'];
type NotificationsPage = Schemas['NotificationsPageView'];

export const shareKeys = {
  me: ['agent-status'] as const,
  notifications: ['notifications'] as const,
};

/** The agent's own state (online / away / offline) and load against capacity, in the top bar. */
export function AgentStatusToggle() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toast = useToast();
  const q = useQuery({
    queryKey: shareKeys.me,
    queryFn: () => get<AgentStatus>('/api/agents/me'),
    refetchInterval: 30_000,
  });
  if (!q.data) return null;
  const s = q.data;
  return (
    <span className="agent-status">
      <select
        aria-label={t('share.status')}
        className={`agent-state agent-${s.state}`}
        value={s.state}
        onChange={async (e) => {
          try {
            qc.setQueryData(
              shareKeys.me,
              await api<AgentStatus>('PUT', '/api/agents/me/status', { state: e.target.value }),
            );
          } catch (err) {
            toast(errorText(err), 'error');
          }
        }}
      >
        {(['online', 'away', 'offline'] as const).map((k) => (
          <option key={k} value={k}>
            {t(`share.${k}`)}
          </option>
        ))}
      </select>
      <span className="muted small agent-load" data-testid="agent-load">
        {t('share.load', { load: s.load, capacity: s.capacity })}
      </span>
    </span>
  );
}

/** The bell: unread count, the newest notifications, live (the stream invalidates it). */
export function NotificationBell() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const q = useQuery({
    queryKey: shareKeys.notifications,
    queryFn: () => get<NotificationsPage>('/api/notifications?limit=20'),
    refetchInterval: 60_000,
  });
  const unread = q.data?.unread ?? 0;
  const markAll = async () => {
    await post('/api/notifications/read', { all: true }).catch(() => undefined);
    void qc.invalidateQueries({ queryKey: shareKeys.notifications });
  };
  return (
    <span className="bell-wrap">
      <button
        type="button"
        className="btn btn-ghost bell"
        aria-label={`${t('share.bell')}: ${t('share.unread', { count: unread })}`}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        🔔
        {unread > 0 ? (
          <span className="bell-count" data-testid="bell-count">
            {unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div className="bell-panel" role="dialog" aria-label={t('share.bell')}>
          {q.data?.notifications.length ? (
            <ul className="bell-list">
              {q.data.notifications.map((n) => (
                <li key={n.id} className={n.readAt ? 'read' : 'unread'}>
                  <Link
                    to={n.conversationId ? `/inbox/${n.conversationId}` : '/inbox'}
                    onClick={() => {
                      setOpen(false);
                      void post('/api/notifications/read', { ids: [n.id] })
                        .then(() => qc.invalidateQueries({ queryKey: shareKeys.notifications }))
                        .catch(() => undefined);
                    }}
                  >
                    <span>{t(`share.kind.${n.kind}`)}</span>
                    {n.data.reassignedTo !== undefined ? (
                      <span className="muted small"> · {t('share.reassigned')}</span>
                    ) : null}
                    <span className="muted small"> · {formatTime(n.createdAt)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted small">{t('share.none')}</p>
          )}
          {unread > 0 ? (
            <button type="button" className="btn btn-small" onClick={() => void markAll()}>
              {t('share.markAll')}
            </button>
          ) : null}
        </div>
      ) : null}
    </span>
  );
}
