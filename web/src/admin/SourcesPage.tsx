import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { patch, post, type Schemas, type Source } from '../api/client';
import { keys, useSources } from '../api/queries';
import { formatFull } from '../lib/time';
import { PlatformChip } from '../ui/badges';
import { errorText, sourceErrorText } from '../ui/errors';
import { useToast } from '../ui/toasts';
import { SystemMessage } from '../inbox/Timeline';

export function SourcesPage() {
  return (
    <Routes>
      <Route index element={<SourceList />} />
      <Route path="new/:platform" element={<ConnectSource />} />
    </Routes>
  );
}

/** Every source with its health in words, verify and enable/disable. */
function SourceList() {
  const { t } = useTranslation();
  const sources = useSources();
  return (
    <>
      <h1>{t('admin.sources')}</h1>
      <section className="card" aria-labelledby="connect-title">
        <h2 id="connect-title">{t('sources.connect')}</h2>
        <div className="button-row">
          <Link className="btn" to="/admin/sources/new/vk">
            <PlatformChip platform="vk" /> {t('sources.connectVk')}
          </Link>
          <Link className="btn" to="/admin/sources/new/telegram">
            <PlatformChip platform="telegram" /> {t('sources.connectTelegram')}
          </Link>
          <Link className="btn" to="/admin/sources/new/webhook">
            <PlatformChip platform="webhook" /> {t('sources.connectWebhook')}
          </Link>
        </div>
      </section>
      {sources.error ? <p className="form-error">{errorText(sources.error)}</p> : null}
      <ul className="source-list">
        {(sources.data ?? []).map((s) => (
          <SourceCard key={s.id} s={s} />
        ))}
      </ul>
      {sources.data?.length === 0 ? <p className="muted">{t('admin.none')}</p> : null}
    </>
  );
}

function SourceCard({ s }: { s: Source }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const act = async (fn: () => Promise<unknown>, done?: (r: unknown) => string) => {
    setBusy(true);
    try {
      const r = await fn();
      if (done) toast(done(r));
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setBusy(false);
      void qc.invalidateQueries({ queryKey: keys.sources });
    }
  };
  return (
    <li className="card source-card" data-source={s.id} data-status={s.status}>
      <div className="source-title">
        <PlatformChip platform={s.platform} />
        <h3>{s.name}</h3>
        <span className={`health health-${s.status}`}>{t(`sources.health.${s.status}`)}</span>
      </div>
      <p className="muted small">
        {t('sources.lastSync')}: {s.lastSyncedAt ? formatFull(s.lastSyncedAt) : t('sources.never')}
        {s.consecutiveFailures > 0 ? ` · ${t('sources.failures', { count: s.consecutiveFailures })}` : ''}
        {s.throttledUntil ? ` · ${t('sources.throttledUntil', { time: formatFull(s.throttledUntil) })}` : ''}
      </p>
      {s.lastErrorCode ? <p className="source-error">{sourceErrorText(s.lastErrorCode)}</p> : null}
      {s.statusReason ? <SystemMessage text={s.statusReason} /> : null}
      {s.platform === 'webhook' ? (
        <p className="small">
          {t('sources.endpoint')}: <code>{`${location.origin}/api/ingest/${s.id}`}</code>
        </p>
      ) : null}
      <div className="button-row">
        <button
          type="button"
          className="btn btn-small"
          disabled={busy}
          onClick={() =>
            void act(
              () => post<Schemas['SourceVerifiedView']>(`/api/sources/${s.id}/verify`),
              (r) => t('sources.verified', { name: (r as Schemas['SourceVerifiedView']).accountName }),
            )
          }
        >
          {t('sources.verify')}
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={busy}
          onClick={() => void act(() => patch(`/api/sources/${s.id}`, { enabled: !s.enabled }))}
        >
          {s.enabled ? t('sources.disable') : t('sources.enable')}
        </button>
      </div>
    </li>
  );
}

function randomSecret(): string {
  const b = crypto.getRandomValues(new Uint8Array(24));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** Guided connection: where to find each token, then the server verifies before saving. */
function ConnectSource() {
  const { t } = useTranslation();
  const { platform = 'vk' } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [secret, setSecret] = useState('');
  if (!['vk', 'telegram', 'webhook'].includes(platform)) return <p>{t('error.notFound')}</p>;
  const steps = [1, 2, 3, 4].map((n) => `sources.${platform}.step${n}`).filter((k) => t(k) !== k);

  async function submit(ev: FormEvent<HTMLFormElement>) {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget);
    const v = (k: string) => String(f.get(k) ?? '').trim();
    const settings: Record<string, unknown> = {};
    const credentials: Record<string, unknown> = {};
    if (platform === 'vk') {
      settings.groupId = Number(v('groupId'));
      credentials.groupToken = v('groupToken');
      credentials.serviceToken = v('serviceToken');
      if (v('apiUrl')) settings.apiBaseUrl = v('apiUrl');
    } else if (platform === 'telegram') {
      credentials.botToken = v('botToken');
      if (v('apiUrl')) settings.apiRoot = v('apiUrl');
    } else {
      credentials.secret = v('secret');
    }
    setBusy(true);
    setError(undefined);
    try {
      const created = await post<Schemas['CreatedSourceView']>('/api/sources', {
        platform,
        name: v('name'),
        settings,
        credentials,
      });
      toast(t('sources.connected', { name: created.accountName }));
      void qc.invalidateQueries({ queryKey: keys.sources });
      navigate('/admin/sources');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const titleKey =
    platform === 'vk'
      ? 'sources.connectVk'
      : platform === 'telegram'
        ? 'sources.connectTelegram'
        : 'sources.connectWebhook';
  return (
    <>
      <p>
        <Link to="/admin/sources">← {t('admin.sources')}</Link>
      </p>
      <h1>
        <PlatformChip platform={platform} /> {t(titleKey)}
      </h1>
      <ol className="steps">
        {steps.map((k) => (
          <li key={k}>{t(k)}</li>
        ))}
      </ol>
      <form className="card form" onSubmit={(e) => void submit(e)}>
        <label>
          <span>{t('sources.name')}</span>
          <input name="name" required maxLength={200} placeholder={t('sources.namePlaceholder')} />
        </label>
        {platform === 'vk' ? (
          <>
            <label>
              <span>{t('sources.vk.groupId')}</span>
              <input name="groupId" required inputMode="numeric" pattern="[0-9]{1,12}" />
            </label>
            <label>
              <span>{t('sources.vk.groupToken')}</span>
              <input name="groupToken" required autoComplete="off" spellCheck={false} />
            </label>
            <label>
              <span>{t('sources.vk.serviceToken')}</span>
              <input name="serviceToken" required autoComplete="off" spellCheck={false} />
            </label>
          </>
        ) : platform === 'telegram' ? (
          <label>
            <span>{t('sources.telegram.botToken')}</span>
            <input
              name="botToken"
              required
              autoComplete="off"
              spellCheck={false}
              pattern="[0-9]+:[A-Za-z0-9_-]+"
            />
          </label>
        ) : (
          <label>
            <span>{t('sources.webhook.secret')}</span>
            <span className="input-row">
              <input
                name="secret"
                required
                minLength={16}
                value={secret}
                onChange={(e) => setSecret(e.target.value)}
                autoComplete="off"
                spellCheck={false}
              />
              <button type="button" className="btn" onClick={() => setSecret(randomSecret())}>
                {t('sources.webhook.generate')}
              </button>
            </span>
          </label>
        )}
        {platform !== 'webhook' ? (
          <details>
            <summary>{t('sources.advanced')}</summary>
            <label>
              <span>{t('sources.apiUrl')}</span>
              <input name="apiUrl" type="url" placeholder="http://127.0.0.1:…" />
            </label>
          </details>
        ) : null}
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <div>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('sources.connecting') : t('sources.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
