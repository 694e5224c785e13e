import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { ApiError, patch, post, type Schemas, type Source } from '../api/client';
import { keys, useSources } from '../api/queries';
import { intlLocale } from '../i18n';
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
          <Link className="btn" to="/admin/sources/new/youtube">
            <PlatformChip platform="youtube" /> {t('sourceSetup.connectYoutube')}
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
  const [replacing, setReplacing] = useState(false);
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
      </p>
      {s.status === 'throttled' && s.throttledUntil && !s.quota ? (
        <p className="source-throttled">
          {t('sourceSetup.throttled', { time: formatFull(s.throttledUntil) })}
        </p>
      ) : null}
      {s.quota ? <QuotaHealth s={s} /> : null}
      {s.lastErrorCode ? (
        <p className="source-error">{sourceErrorText(s.lastErrorCode, s.platform)}</p>
      ) : null}
      {s.statusReason ? <SystemMessage text={s.statusReason} /> : null}
      {s.platform === 'webhook' ? (
        <>
          <p className="small">
            {t('sources.endpoint')}: <code>{`${location.origin}/api/ingest/${s.id}`}</code>
          </p>
          <WebhookReplies s={s} />
        </>
      ) : null}
      {s.platform === 'vk' ? <VkSurfaces /> : null}
      {replacing ? <ReplaceKeys s={s} onDone={() => setReplacing(false)} /> : null}
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
        {CREDENTIALS[s.platform] ? (
          <button
            type="button"
            className="btn btn-small"
            aria-expanded={replacing}
            onClick={() => setReplacing((v) => !v)}
          >
            {t('sourceSetup.replaceKeys')}
          </button>
        ) : null}
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
  const [error, setError] = useState<unknown>();
  if (!['vk', 'telegram', 'youtube', 'webhook'].includes(platform)) return <p>{t('error.notFound')}</p>;
  const stepsOf = platform === 'youtube' ? 'sourceSetup.youtube' : `sources.${platform}`;
  const steps = [1, 2, 3, 4].map((n) => `${stepsOf}.step${n}`).filter((k) => t(k) !== k);

  async function submit(ev: FormEvent<HTMLFormElement>) {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget);
    const v = (k: string) => String(f.get(k) ?? '').trim();
    const settings: Record<string, unknown> = {};
    const credentials = credentialsFrom(platform, f);
    if (platform === 'vk') {
      settings.groupId = Number(v('groupId'));
      if (v('apiUrl')) settings.apiBaseUrl = v('apiUrl');
    } else if (platform === 'telegram') {
      if (v('apiUrl')) settings.apiRoot = v('apiUrl');
    } else if (platform === 'youtube') {
      settings.channelId = v('channelId');
      if (v('dailyQuota')) settings.dailyQuota = Number(v('dailyQuota'));
      if (v('readShare')) settings.readShare = Number(v('readShare')) / 100;
      if (v('apiUrl')) settings.apiBaseUrl = v('apiUrl');
      if (v('tokenUrl')) settings.tokenUrl = v('tokenUrl');
    } else if (v('outboundUrl')) {
      settings.outboundUrl = v('outboundUrl');
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
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const titleKey =
    platform === 'vk'
      ? 'sources.connectVk'
      : platform === 'telegram'
        ? 'sources.connectTelegram'
        : platform === 'youtube'
          ? 'sourceSetup.connectYoutube'
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
          <label>
            <span>{t('sources.vk.groupId')}</span>
            <input name="groupId" required inputMode="numeric" pattern="[0-9]{1,12}" />
          </label>
        ) : null}
        {platform === 'youtube' ? (
          <label>
            <span>{t('sourceSetup.youtube.channelId')}</span>
            <input
              name="channelId"
              required
              pattern="UC[\w\-]{10,40}"
              autoComplete="off"
              spellCheck={false}
            />
          </label>
        ) : null}
        <CredentialFields platform={platform} />
        {platform === 'vk' ? <VkSurfaces /> : null}
        {platform === 'youtube' ? (
          <>
            <label>
              <span>{t('sourceSetup.youtube.dailyQuota')}</span>
              <input name="dailyQuota" type="number" min={1} step={1} placeholder="10000" />
            </label>
            <label>
              <span>{t('sourceSetup.youtube.readShare')}</span>
              <input name="readShare" type="number" min={1} max={100} step={1} placeholder="80" />
            </label>
          </>
        ) : null}
        {platform === 'webhook' ? (
          <fieldset className="fieldset">
            <legend>{t('sourceSetup.outbound.title')}</legend>
            <label>
              <span>{t('sourceSetup.outbound.url')}</span>
              <input name="outboundUrl" type="url" placeholder="https://…" />
            </label>
            <p className="small muted">{t('sourceSetup.outbound.urlHint')}</p>
          </fieldset>
        ) : null}
        {platform !== 'webhook' ? (
          <details>
            <summary>{t('sources.advanced')}</summary>
            <label>
              <span>{t('sources.apiUrl')}</span>
              <input name="apiUrl" type="url" placeholder="http://127.0.0.1:…" />
            </label>
            {platform === 'youtube' ? (
              <label>
                <span>{t('sourceSetup.youtube.tokenUrl')}</span>
                <input name="tokenUrl" type="url" placeholder="http://127.0.0.1:…" />
              </label>
            ) : null}
          </details>
        ) : null}
        {error ? <Refusal err={error} /> : null}
        <div>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('sources.connecting') : t('sources.submit')}
          </button>
        </div>
      </form>
    </>
  );
}

interface CredentialField {
  name: string;
  label: string;
  required: boolean;
  /** a secret Otklik may generate (webhook signing secrets) */
  generate?: boolean;
  pattern?: string;
  hint?: string;
}

/** The credentials each platform's connector takes (write-only: sealed, never shown again). */
const CREDENTIALS: Record<string, CredentialField[]> = {
  vk: [
    { name: 'groupToken', label: 'sources.vk.groupToken', required: true },
    { name: 'serviceToken', label: 'sources.vk.serviceToken', required: true },
    {
      name: 'userToken',
      label: 'sourceSetup.vk.userToken',
      required: false,
      hint: 'sourceSetup.vk.userTokenHint',
    },
  ],
  telegram: [
    {
      name: 'botToken',
      label: 'sources.telegram.botToken',
      required: true,
      // browsers compile `pattern` with the v flag: a literal `-` in a class must be escaped
      pattern: '[0-9]+:[\\w\\-]+',
    },
  ],
  youtube: [
    { name: 'clientId', label: 'sourceSetup.youtube.clientId', required: true },
    { name: 'clientSecret', label: 'sourceSetup.youtube.clientSecret', required: true },
    { name: 'refreshToken', label: 'sourceSetup.youtube.refreshToken', required: true },
  ],
  webhook: [
    { name: 'secret', label: 'sources.webhook.secret', required: true, generate: true },
    {
      name: 'outboundSecret',
      label: 'sourceSetup.outbound.secret',
      required: false,
      generate: true,
      hint: 'sourceSetup.outbound.secretHint',
    },
  ],
};

/** The credentials object of a connect or replace-keys form: optional fields left empty are left out. */
export function credentialsFrom(platform: string, f: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of CREDENTIALS[platform] ?? []) {
    const v = String(f.get(c.name) ?? '').trim();
    if (v || c.required) out[c.name] = v;
  }
  return out;
}

function CredentialFields({ platform, labels }: { platform: string; labels?: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <>
      {(CREDENTIALS[platform] ?? []).map((c) =>
        c.generate ? (
          <SecretInput key={c.name} field={c} label={t(labels?.[c.name] ?? c.label)} />
        ) : (
          <label key={c.name}>
            <span>{t(c.label)}</span>
            <input
              name={c.name}
              required={c.required}
              autoComplete="off"
              spellCheck={false}
              pattern={c.pattern}
            />
            {c.hint ? <span className="small muted">{t(c.hint)}</span> : null}
          </label>
        ),
      )}
    </>
  );
}

/** A signing secret: typed, or generated here and shown once to be copied to the other side. */
function SecretInput({ field, label }: { field: CredentialField; label: string }) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  return (
    <label>
      <span>{label}</span>
      <span className="input-row">
        <input
          name={field.name}
          required={field.required}
          minLength={16}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="button" className="btn" onClick={() => setValue(randomSecret())}>
          {t('sources.webhook.generate')}
        </button>
      </span>
      {field.hint ? <span className="small muted">{t(field.hint)}</span> : null}
    </label>
  );
}

/** YouTube's daily quota in the source's health: spent, left, the polling share, the reset. */
function QuotaHealth({ s }: { s: Source }) {
  const { t } = useTranslation();
  const q = s.quota!;
  const n = new Intl.NumberFormat(intlLocale());
  const spent = q.remaining <= 0 || (s.status === 'throttled' && s.lastErrorCode === 'rate_limited');
  return (
    <div className="source-quota" data-quota-remaining={q.remaining}>
      <p className="small">
        <strong>{t('sourceSetup.quota.title')}:</strong>{' '}
        {t('sourceSetup.quota.used', {
          used: n.format(q.used),
          limit: n.format(q.limit),
          remaining: n.format(q.remaining),
        })}{' '}
        <meter
          min={0}
          max={q.limit}
          low={q.readBudget}
          high={q.limit * 0.95}
          optimum={0}
          value={q.used}
          aria-hidden="true"
        />
      </p>
      <p className="small muted">
        {t('sourceSetup.quota.readBudget', { budget: n.format(q.readBudget) })};{' '}
        {t('sourceSetup.quota.resets', { time: formatFull(q.resetsAt) })}
      </p>
      {spent ? (
        <p className="source-throttled">
          {t('sourceSetup.quota.spent', { time: formatFull(s.throttledUntil ?? q.resetsAt) })}
        </p>
      ) : null}
    </div>
  );
}

/** Which token each VK surface is answered with (src/connectors/vk/send.ts). */
function VkSurfaces() {
  const { t } = useTranslation();
  return (
    <details className="vk-surfaces small">
      <summary>{t('sourceSetup.vk.surfaces')}</summary>
      <ul>
        {['wall', 'messages', 'photo', 'video', 'market', 'board'].map((k) => (
          <li key={k}>{t(`sourceSetup.vk.surface.${k}`)}</li>
        ))}
      </ul>
      <p className="muted">{t('sourceSetup.vk.surfacesHint')}</p>
    </details>
  );
}

/**
 * A webhook source's replies: the outbound URL (set, changed or removed; the server checks it)
 * and new signing secrets. The API keeps secrets write-only, so rotating means entering the new
 * ones here, where they are shown once.
 */
function WebhookReplies({ s }: { s: Source }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [rotating, setRotating] = useState(false);
  const [error, setError] = useState<unknown>();
  const current = typeof s.settings.outboundUrl === 'string' ? s.settings.outboundUrl : '';
  const save = async (body: Record<string, unknown>, done: string) => {
    setBusy(true);
    setError(undefined);
    try {
      await patch(`/api/sources/${s.id}`, body);
      toast(done);
      void qc.invalidateQueries({ queryKey: keys.sources });
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const withUrl = (url: string) => {
    const { outboundUrl: _drop, ...rest } = s.settings;
    return url ? { ...rest, outboundUrl: url } : rest;
  };
  return (
    <section className="webhook-replies" aria-label={t('sourceSetup.outbound.title')}>
      <h4>{t('sourceSetup.outbound.title')}</h4>
      <p className="small">
        {current ? (
          <>
            {t('sourceSetup.outbound.set')}: <code>{current}</code>
          </>
        ) : (
          t('sourceSetup.outbound.none')
        )}
      </p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const url = String(new FormData(e.currentTarget).get('outboundUrl') ?? '').trim();
          void save({ settings: withUrl(url) }, t('sourceSetup.outbound.saved'));
        }}
      >
        <label>
          <span>{t('sourceSetup.outbound.url')}</span>
          <input name="outboundUrl" type="url" required defaultValue={current} placeholder="https://…" />
        </label>
        <button type="submit" className="btn btn-small" disabled={busy}>
          {t('sourceSetup.save')}
        </button>
        {current ? (
          <button
            type="button"
            className="btn btn-small btn-ghost"
            disabled={busy}
            onClick={() => void save({ settings: withUrl('') }, t('sourceSetup.outbound.removed'))}
          >
            {t('sourceSetup.outbound.remove')}
          </button>
        ) : null}
      </form>
      <p className="small muted">{t('sourceSetup.outbound.urlHint')}</p>
      <button
        type="button"
        className="btn btn-small"
        aria-expanded={rotating}
        onClick={() => setRotating((v) => !v)}
      >
        {t('sourceSetup.outbound.rotate')}
      </button>
      {rotating ? (
        <form
          className="card form"
          onSubmit={(e) => {
            e.preventDefault();
            const credentials = credentialsFrom('webhook', new FormData(e.currentTarget));
            void save({ credentials }, t('sourceSetup.outbound.rotated')).then(
              (ok) => ok && setRotating(false),
            );
          }}
        >
          <p className="small">{t('sourceSetup.outbound.rotateHint')}</p>
          <CredentialFields
            platform="webhook"
            labels={{
              secret: 'sourceSetup.outbound.newSecret',
              outboundSecret: 'sourceSetup.outbound.newOutboundSecret',
            }}
          />
          <div className="button-row">
            <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
              {t('sourceSetup.save')}
            </button>
          </div>
        </form>
      ) : null}
      {error ? <Refusal err={error} /> : null}
    </section>
  );
}

/** New credentials for a source: checked by the connector before they replace the old ones. */
function ReplaceKeys({ s, onDone }: { s: Source; onDone(): void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  return (
    <form
      className="card form replace-keys"
      aria-label={t('sourceSetup.replaceKeys')}
      onSubmit={(e) => {
        e.preventDefault();
        const credentials = credentialsFrom(s.platform, new FormData(e.currentTarget));
        setBusy(true);
        setError(undefined);
        patch(`/api/sources/${s.id}`, { credentials })
          .then(async () => {
            toast(t('sourceSetup.keysReplaced'));
            await qc.invalidateQueries({ queryKey: keys.sources });
            onDone();
          })
          .catch((err: unknown) => setError(err))
          .finally(() => setBusy(false));
      }}
    >
      <p className="small muted">{t('sourceSetup.writeOnly')}</p>
      <p className="small">{t('sourceSetup.replaceKeysHint')}</p>
      <CredentialFields platform={s.platform} />
      {error ? <Refusal err={error} /> : null}
      <div className="button-row">
        <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
          {t('sourceSetup.save')}
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={onDone}>
          {t('sourceSetup.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * Why the server refused, in the user's words; for a connector's refusal (422) the server's own
 * sentence too (it names the field or the address), quoted and folded like a platform's words.
 */
function Refusal({ err }: { err: unknown }) {
  return (
    <>
      <p className="form-error" role="alert">
        {errorText(err)}
      </p>
      {err instanceof ApiError && err.status === 422 && err.message ? (
        <SystemMessage text={err.message} />
      ) : null}
    </>
  );
}
