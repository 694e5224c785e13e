import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n';
import type { Item, Note, TimelineReply } from '../api/client';
import { useLabels } from '../api/queries';
import { formatFull, formatTime } from '../lib/time';
import { WhyBadge } from '../review/WhyBadge';
import { DeliveryChip, useLabel } from '../ui/badges';
import type { TimelineEntry } from './timeline';

export interface TimelineActions {
  canWrite: boolean;
  correct(itemId: string, body: { sentiment?: string; intent?: string }): Promise<boolean>;
  resend(replyId: string): void;
  markDelivered(replyId: string): void;
}

/** Every text here is customer or team text: rendered as React text nodes, never as HTML. */
export function Timeline({ entries, actions }: { entries: TimelineEntry[]; actions: TimelineActions }) {
  return (
    <>
      {entries.map((e) => {
        switch (e.kind) {
          case 'item':
            return <CustomerItem key={e.key} it={e.data} actions={actions} />;
          case 'outbound':
            return <OutboundItem key={e.key} it={e.data} />;
          case 'reply':
            return <Reply key={e.key} r={e.data} actions={actions} />;
          case 'note':
            return <NoteEntry key={e.key} n={e.data} />;
          case 'sla':
            return <SlaEntry key={e.key} kind={e.data.kind} at={e.data.createdAt} />;
        }
      })}
    </>
  );
}

function Time({ iso }: { iso: string | null | undefined }) {
  return (
    <time dateTime={iso ?? ''} title={formatFull(iso)}>
      {formatTime(iso)}
    </time>
  );
}

function CustomerItem({ it, actions }: { it: Item; actions: TimelineActions }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const versions = it.previousTexts ?? [];
  return (
    <article className={`msg msg-in${it.archivedAt ? ' archived' : ''}`} data-item={it.id}>
      <header className="msg-head">
        <strong>{it.authorName || it.authorExternalId || '—'}</strong>
        <Time iso={it.createdAt} />
        {it.editedAt ? (
          <span className="muted small" title={formatFull(it.editedAt)}>
            {t('item.edited')}
          </span>
        ) : null}
        {it.archivedAt ? <span className="badge">{t('item.archived')}</span> : null}
        <PlatformLink it={it} />
        <span className="msg-badges">
          <WhyBadge kind="intent" value={it.intent} why={it.why?.intent} />
          <WhyBadge kind="sentiment" value={it.sentimentLabel} why={it.why?.sentiment} />
          {actions.canWrite ? (
            <button
              type="button"
              className="btn-icon"
              title={t('item.correct')}
              aria-label={t('item.correct')}
              aria-expanded={editing}
              onClick={() => setEditing((v) => !v)}
            >
              ✎
            </button>
          ) : null}
        </span>
      </header>
      <div className="msg-text">{it.text}</div>
      {versions.length ? (
        <details className="versions">
          <summary>{t('item.previous', { count: versions.length })}</summary>
          {versions.map((v, i) => (
            <div key={i} className="msg-text old">
              {typeof v === 'string' ? v : v.text}
            </div>
          ))}
        </details>
      ) : null}
      {editing ? <Correction it={it} actions={actions} onDone={() => setEditing(false)} /> : null}
    </article>
  );
}

/** The item where it was written (a new tab; the platform gets no referrer from the inbox). */
function PlatformLink({ it }: { it: Item }) {
  const { t } = useTranslation();
  const label = useLabel();
  if (!it.url || !/^https:\/\//.test(it.url)) return null;
  return (
    <a className="msg-link small" href={it.url} target="_blank" rel="noopener noreferrer">
      {t('item.openOn', { platform: label('platform', it.platform) })}
    </a>
  );
}

/** Sentiment and intent choices come from the server (GET /api/analysis/labels). */
function Correction({ it, actions, onDone }: { it: Item; actions: TimelineActions; onDone(): void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const labels = useLabels();
  const [sentiment, setSentiment] = useState(it.sentimentLabel ?? '');
  const [intent, setIntent] = useState(it.intent ?? '');
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="correct-form"
      onSubmit={(e) => {
        e.preventDefault();
        const body: { sentiment?: string; intent?: string } = {};
        if (sentiment && sentiment !== it.sentimentLabel) body.sentiment = sentiment;
        if (intent && intent !== it.intent) body.intent = intent;
        if (!Object.keys(body).length) return onDone();
        setBusy(true);
        void actions.correct(it.id, body).then((ok) => {
          setBusy(false);
          if (ok) onDone();
        });
      }}
    >
      <label>
        <span className="sr-only">{t('sentiment.label')}</span>
        <select
          value={sentiment}
          onChange={(e) => setSentiment(e.target.value)}
          aria-label={t('sentiment.label')}
        >
          {(labels.data?.sentiments ?? []).map((s) => (
            <option key={s} value={s}>
              {label('sentiment', s)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="sr-only">{t('intent.label')}</span>
        <select value={intent} onChange={(e) => setIntent(e.target.value)} aria-label={t('intent.label')}>
          {(labels.data?.intents ?? []).map((s) => (
            <option key={s} value={s}>
              {label('intent', s)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn btn-small btn-primary" disabled={busy}>
        {t('item.save')}
      </button>
      <button type="button" className="btn btn-small btn-ghost" onClick={onDone}>
        {t('item.cancel')}
      </button>
    </form>
  );
}

function OutboundItem({ it }: { it: Item }) {
  const { t } = useTranslation();
  return (
    <article className="msg msg-out">
      <header className="msg-head">
        <strong>{it.authorName || t('item.ourMessage')}</strong>
        <Time iso={it.createdAt} />
        <PlatformLink it={it} />
      </header>
      <div className="msg-text">{it.text}</div>
    </article>
  );
}

function Reply({ r, actions }: { r: TimelineReply; actions: TimelineActions }) {
  const { t } = useTranslation();
  const retryable = r.status === 'failed' || r.status === 'unknown';
  return (
    <article className={`msg msg-out delivery-${r.status}`} data-reply={r.id}>
      <header className="msg-head">
        <strong>{t('reply.by', { name: r.authorName ?? '—' })}</strong>
        {r.autoAck ? <span className="badge">{t('autoAck.badge')}</span> : null}
        <Time iso={r.deliveredAt ?? r.createdAt} />
        <DeliveryChip status={r.status} />
      </header>
      <div className="msg-text">{r.text}</div>
      {r.status === 'unknown' ? <p className="small warn-text">{t('reply.unknownHint')}</p> : null}
      {r.status === 'failed' ? <p className="small error-text">{t('reply.failedHint')}</p> : null}
      {r.lastError && r.status !== 'delivered' && replyReasonCode(r.lastError) ? (
        <p className="small error-text">
          {t('reply.reason', {
            words: vkSurfaceWords(r.lastError) ?? t(`replyReason.${replyReasonCode(r.lastError)}`),
          })}
        </p>
      ) : null}
      {r.lastError && r.status !== 'delivered' ? <SystemMessage text={r.lastError} /> : null}
      {actions.canWrite && retryable ? (
        <div className="msg-actions">
          <button type="button" className="btn btn-small" onClick={() => actions.resend(r.id)}>
            {t('reply.resend')}
          </button>
          {r.status === 'unknown' ? (
            <button
              type="button"
              className="btn btn-small btn-ghost"
              onClick={() => actions.markDelivered(r.id)}
            >
              {t('reply.markDelivered')}
            </button>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}

/**
 * Why a reply failed, as a code the UI has words for: the server's text starts with the
 * outcome's code (`unsupported: …`, `gave up after …`); the platform's own words stay quoted
 * below it (SystemMessage).
 */
export function replyReasonCode(lastError: string): string | undefined {
  const code = /^gave up after /.test(lastError) ? 'gave_up' : /^([a-z_]+): /.exec(lastError)?.[1];
  return code && ['unsupported', 'rejected', 'auth_revoked', 'configuration', 'gave_up'].includes(code)
    ? code
    : undefined;
}

const VK_SURFACES = [
  'wall comments',
  'messages',
  'photo comments',
  'video comments',
  'product comments',
  'board topics',
];

/**
 * A VK surface the source cannot answer, in the user's words: which surface, which token kind it
 * needs and which access right (src/connectors/vk/send.ts writes these, naming them in English).
 */
export function vkSurfaceWords(lastError: string): string | undefined {
  const m =
    /Replying to ([a-z ]+?) (?:as the community )?needs (a community token|a user token[^"(]*(?:"(\w+)" access right)?)/.exec(
      lastError,
    );
  if (!m || !VK_SURFACES.includes(m[1]!)) return undefined;
  const surface = i18n.t(`replyReason.surface.${m[1]}`);
  const words = m[2]!.startsWith('a community')
    ? i18n.t('replyReason.vkCommunityToken', { surface })
    : m[3]
      ? i18n.t('replyReason.vkUserTokenRight', { surface, right: m[3] })
      : i18n.t('replyReason.vkUserToken', { surface });
  const refused = /VK refused ([a-z]+\.[A-Za-z]+) \(VK error (\d+)\)/.exec(lastError);
  return refused
    ? `${words} (${i18n.t('replyReason.vkRefused', { method: refused[1], code: refused[2] })})`
    : words;
}

/** A platform's or worker's own words (often English): quoted, marked as such, folded away. */
export function SystemMessage({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <details className="system-message small">
      <summary>{t('reply.systemMessage')}</summary>
      <code lang="en">{text}</code>
    </details>
  );
}

function NoteEntry({ n }: { n: Note }) {
  const { t } = useTranslation();
  return (
    <aside className="note" aria-label={t('note.label')} data-note={n.id}>
      <header className="msg-head">
        <span className="note-label">{t('note.label')}</span>
        <strong>{n.authorName ?? '—'}</strong>
        <Time iso={n.createdAt} />
      </header>
      <div className="msg-text">{n.text}</div>
    </aside>
  );
}

/** An SLA clock event (50 %, 80 %, breach) as a line in the story. */
function SlaEntry({ kind, at }: { kind: string; at: string }) {
  const { t } = useTranslation();
  return (
    <div className={`entry sla-entry sla-${kind}`} data-testid="sla-entry">
      <span className="small">{t(`share.sla.${kind}`)}</span> <Time iso={at} />
    </div>
  );
}
