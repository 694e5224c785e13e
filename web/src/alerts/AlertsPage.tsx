import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Route, Routes, useNavigate, useParams, useSearchParams } from 'react-router';
import { post } from '../api/client';
import { useSession } from '../app/session';
import { formatFull, formatTime } from '../lib/time';
import { errorText } from '../ui/errors';
import { useToast } from '../ui/toasts';
import { ALERT_KINDS, ALERT_STATES, alertKeys, useAlert, useAlerts, type AlertView } from './api';
import { BlockKitMessage, type SlackMessage } from './BlockKit';
import { RulesPage } from './RulesPage';
import { SourceHealth } from './SourceHealth';
import './alerts.css';

/**
 * Alerts: every alert with its state and attempts, the message as Slack got it, a person's
 * decision on an unknown one; the rules (admins) and the sources' health. Links from Slack land
 * here: /alerts?alert=<id> and /alerts/<id>.
 */
export default function AlertsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const admin = me.role === 'admin';
  return (
    <div className="admin alerts-screen">
      <nav className="admin-nav" aria-label={t('alerts.title')}>
        <NavLink to="/alerts" end>
          {t('alerts.list')}
        </NavLink>
        {admin ? <NavLink to="/alerts/rules">{t('alerts.rules')}</NavLink> : null}
        {admin ? <NavLink to="/alerts/sources">{t('alerts.sources')}</NavLink> : null}
      </nav>
      <main className="page alerts-page">
        <Routes>
          <Route index element={<AlertList />} />
          {admin ? <Route path="rules" element={<RulesPage />} /> : null}
          {admin ? <Route path="sources" element={<SourceHealth />} /> : null}
          <Route path=":alertId" element={<AlertList />} />
        </Routes>
      </main>
    </div>
  );
}

const PAGE = 50;

function AlertList() {
  const { t } = useTranslation();
  const { alertId } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const state = params.get('state') ?? '';
  const kind = params.get('kind') ?? '';
  const selected = alertId ?? params.get('alert') ?? undefined;
  const [limit, setLimit] = useState(PAGE);
  const list = useAlerts(state, kind, limit);
  const setFilter = (key: string, value: string) => {
    const p = new URLSearchParams(params);
    if (value) p.set(key, value);
    else p.delete(key);
    p.delete('alert');
    setParams(p);
  };
  const alerts = list.data?.alerts ?? [];
  return (
    <>
      <h1>{t('alerts.title')}</h1>
      <div className="field-row alerts-filters">
        <label>
          <span>{t('alerts.filterState')}</span>
          <select value={state} onChange={(e) => setFilter('state', e.target.value)}>
            <option value="">{t('alerts.allStates')}</option>
            {ALERT_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`alerts.state.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('alerts.filterKind')}</span>
          <select value={kind} onChange={(e) => setFilter('kind', e.target.value)}>
            <option value="">{t('alerts.allKinds')}</option>
            {ALERT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`alerts.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {list.error ? <p className="form-error">{errorText(list.error)}</p> : null}
      <div className="alerts-split">
        <ul className="alert-list" aria-label={t('alerts.list')}>
          {alerts.map((a) => (
            <AlertRow
              key={a.id}
              a={a}
              active={a.id === selected}
              onOpen={() => navigate({ pathname: `/alerts/${a.id}`, search: filtersOnly(params) })}
            />
          ))}
          {list.data && alerts.length === 0 ? <li className="muted">{t('alerts.none')}</li> : null}
          {list.data?.next && limit < 200 ? (
            <li>
              <button type="button" className="btn btn-small" onClick={() => setLimit(limit + PAGE)}>
                {t('alerts.more')}
              </button>
            </li>
          ) : null}
        </ul>
        <section className="alert-detail" aria-live="polite">
          {selected ? <AlertDetailView id={selected} /> : <p className="muted">{t('alerts.pick')}</p>}
        </section>
      </div>
    </>
  );
}

function filtersOnly(params: URLSearchParams): string {
  const p = new URLSearchParams(params);
  p.delete('alert');
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function StateChip({ state }: { state: string }) {
  const { t } = useTranslation();
  const known = (ALERT_STATES as readonly string[]).includes(state);
  return (
    <span className={`alert-state alert-state-${known ? state : 'other'}`} data-state={state}>
      {known ? t(`alerts.state.${state}`) : state}
    </span>
  );
}

function AlertRow({ a, active, onOpen }: { a: AlertView; active: boolean; onOpen(): void }) {
  const { t } = useTranslation();
  return (
    <li>
      <button
        type="button"
        className={`alert-row${active ? ' active' : ''}`}
        data-id={a.id}
        data-kind={a.kind}
        aria-current={active ? 'true' : undefined}
        onClick={onOpen}
      >
        <span className="alert-row-top">
          <StateChip state={a.state} />
          <span className="muted small">
            {t(`alerts.kind.${a.kind}`, { defaultValue: a.kind })}
            {a.type === 'all_clear' ? ` · ${t('alerts.allClear')}` : ''}
          </span>
          <span className="grow" />
          <time className="muted small" dateTime={String(a.firedAt)}>
            {formatTime(String(a.firedAt))}
          </time>
        </span>
        <span className="alert-row-title">{a.title}</span>
        <span className="muted small">
          {t('alerts.attempts', { count: a.attempts })}
          {a.ruleName ? ` · ${a.ruleName}` : ''}
        </span>
      </button>
    </li>
  );
}

function AlertDetailView({ id }: { id: string }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const detail = useAlert(id);
  const qc = useQueryClient();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  if (detail.error) return <p className="form-error">{errorText(detail.error)}</p>;
  const a = detail.data;
  if (!a) return <p className="muted">…</p>;
  const act = async (path: string, done: string) => {
    setBusy(true);
    try {
      await post(`/api/alerts/${a.id}/${path}`);
      toast(done);
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setBusy(false);
      void qc.invalidateQueries({ queryKey: alertKeys.all });
    }
  };
  const admin = me.role === 'admin';
  const open = inApp(a.link);
  return (
    <article className="card alert-card" data-alert={a.id} data-state={a.state}>
      <div className="alert-row-top">
        <StateChip state={a.state} />
        <span className="muted small">{t(`alerts.kind.${a.kind}`, { defaultValue: a.kind })}</span>
      </div>
      <h2>{a.title}</h2>
      <dl className="facts alert-facts">
        <div>
          <dt>{t('alerts.firedAt')}</dt>
          <dd>{formatFull(String(a.firedAt))}</dd>
        </div>
        {a.ruleName ? (
          <div>
            <dt>{t('alerts.rule')}</dt>
            <dd>{a.ruleName}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('alerts.channel')}</dt>
          <dd>{t(`alerts.channelName.${a.channel}`, { defaultValue: a.channel })}</dd>
        </div>
        {a.state === 'fired' ? (
          <div>
            <dt>{t('alerts.nextAt')}</dt>
            <dd>{formatFull(String(a.nextAttemptAt))}</dd>
          </div>
        ) : null}
        {a.sentAt ? (
          <div>
            <dt>{t('alerts.sentAt')}</dt>
            <dd>{formatFull(String(a.sentAt))}</dd>
          </div>
        ) : null}
        {a.resolvedAt ? (
          <div>
            <dt>{t('alerts.resolvedAt')}</dt>
            <dd>{formatFull(String(a.resolvedAt))}</dd>
          </div>
        ) : null}
        {a.parentId ? (
          <div>
            <dt>{t('alerts.allClearOf')}</dt>
            <dd>
              <Link to={`/alerts/${a.parentId}`}>{a.parentId.slice(0, 8)}</Link>
            </dd>
          </div>
        ) : null}
        {a.allClear ? (
          <div>
            <dt>{t('alerts.allClear')}</dt>
            <dd>
              <Link to={`/alerts/${a.allClear.id}`}>
                <StateChip state={a.allClear.state} />
              </Link>
            </dd>
          </div>
        ) : null}
      </dl>
      {a.state === 'unknown' ? (
        <div className="alert-decision" role="group" aria-label={t('alerts.unknownTitle')}>
          <strong>{t('alerts.unknownTitle')}</strong>
          <p className="small">{t('alerts.unknownHelp')}</p>
          {a.lastError ? <p className="muted small">{a.lastError}</p> : null}
          {admin ? (
            <div className="button-row">
              <button
                type="button"
                className="btn"
                disabled={busy}
                onClick={() => void act('mark-sent', t('alerts.marked'))}
              >
                {t('alerts.markSent')}
              </button>
              <button
                type="button"
                className="btn"
                disabled={busy}
                onClick={() => void act('resend', t('alerts.resent'))}
              >
                {t('alerts.resend')}
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
      {a.state === 'failed' ? (
        <div className="alert-decision">
          <p className="small">{t('alerts.failedHelp')}</p>
          {a.lastError ? <p className="muted small">{a.lastError}</p> : null}
          {admin ? (
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => void act('resend', t('alerts.resent'))}
            >
              {t('alerts.resend')}
            </button>
          ) : null}
        </div>
      ) : null}
      {open ? (
        <p>
          <Link to={open}>{t('alerts.openView')}</Link>
        </p>
      ) : null}
      <h3>{t('alerts.message')}</h3>
      <BlockKitMessage
        message={a.message as SlackMessage}
        label={t('alerts.messageFor', { title: a.title })}
      />
      <h3>{t('alerts.deliveries')}</h3>
      {a.deliveries.length ? (
        <div className="table-wrap">
          <table className="table deliveries">
            <thead>
              <tr>
                <th scope="col">{t('alerts.attempt')}</th>
                <th scope="col">{t('alerts.channel')}</th>
                <th scope="col">{t('alerts.started')}</th>
                <th scope="col">{t('alerts.outcome')}</th>
                <th scope="col">{t('alerts.status')}</th>
                <th scope="col">{t('alerts.error')}</th>
              </tr>
            </thead>
            <tbody>
              {a.deliveries.map((d) => (
                <tr key={d.attempt} data-outcome={d.outcome ?? ''}>
                  <td>{d.attempt}</td>
                  <td>{t(`alerts.channelName.${d.channel}`, { defaultValue: d.channel })}</td>
                  <td>{formatFull(String(d.startedAt))}</td>
                  <td>
                    {d.outcome
                      ? t(`alerts.outcomes.${d.outcome}`, { defaultValue: d.outcome })
                      : t('alerts.notFinished')}
                  </td>
                  <td>{d.httpStatus ?? '—'}</td>
                  <td className="small">{d.error ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted small">{t('alerts.attempts', { count: 0 })}</p>
      )}
    </article>
  );
}

/** The alert's link (PUBLIC_URL + path) as a path inside this app. */
export function inApp(link: string | undefined): string | null {
  if (!link) return null;
  try {
    const u = new URL(link);
    return `${u.pathname}${u.search}`;
  } catch {
    return null;
  }
}
