import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useImperativeHandle, useLayoutEffect, useRef, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError, patch, post, type Conversation, type ConversationDetails } from '../api/client';
import { keys, useConversation } from '../api/queries';
import { useLiveState } from '../app/live-context';
import { canWrite, useSession } from '../app/session';
import { formatDuration, formatFull, formatTime } from '../lib/time';
import { Countdown } from '../ui/Countdown';
import { IntentBadge, PlatformChip, SentimentBadge, useLabel } from '../ui/badges';
import { errorText } from '../ui/errors';
import { useToast } from '../ui/toasts';
import { AssignPicker } from '../tags/AssignPicker';
import { ConversationTags } from '../tags/ConversationTags';
import { PostContext } from '../tags/PostContext';
import { PresenceAvatars } from '../share/PresenceAvatars';
import { Composer, type ComposerHandle, type ComposeMode } from './Composer';
import { CustomerPanel } from '../customers/CustomerPanel';
import { KbSuggestions } from '../kb/KbSuggestions';
import { authorOf } from './filters';
import { buildTimeline } from './timeline';
import { Timeline, type TimelineActions } from './Timeline';

/** What the keyboard can do to the open conversation (InboxPage owns the keys). */
export interface ConversationActions {
  compose(mode: ComposeMode): void;
  resolve(): void;
  assignToMe(): void;
}

type Snooze = '1h' | '4h' | '1d';
function snoozeUntil(k: Snooze, now = new Date()): Date {
  if (k === '1h') return new Date(now.getTime() + 3600_000);
  if (k === '4h') return new Date(now.getTime() + 4 * 3600_000);
  const d = new Date(now);
  d.setDate(d.getDate() + 1);
  d.setHours(9, 0, 0, 0);
  return d;
}

/**
 * One conversation's whole story, its controls and the composer. Updates arrive through the
 * query cache (live events or polling); the timeline keeps its scroll position, or follows the
 * bottom when the agent was already there.
 */
export function ConversationView({
  id,
  userNames,
  actionsRef,
}: {
  id: string;
  userNames: Map<string, string>;
  actionsRef: Ref<ConversationActions | null>;
}) {
  const { t } = useTranslation();
  const live = useLiveState() === 'live';
  const q = useConversation(id, live);
  const [params] = useSearchParams();

  if (q.isPending) return <p className="placeholder muted">{t('conv.loading')}</p>;
  if (q.isError || !q.data)
    return (
      <div className="placeholder">
        <p className="muted" role="alert">
          {(q.error as { status?: number })?.status === 404 ||
          (q.error as { status?: number })?.status === 400
            ? t('conv.notFound')
            : errorText(q.error)}
        </p>
        <Link to={{ pathname: '/inbox', search: params.toString() }}>{t('conv.back')}</Link>
      </div>
    );
  return <Loaded key={id} d={q.data} userNames={userNames} actionsRef={actionsRef} />;
}

function Loaded({
  d,
  userNames,
  actionsRef,
}: {
  d: ConversationDetails;
  userNames: Map<string, string>;
  actionsRef: Ref<ConversationActions | null>;
}) {
  const { t } = useTranslation();
  const { me } = useSession();
  const qc = useQueryClient();
  const toast = useToast();
  const c = d.conversation;
  const writer = canWrite(me);
  const composer = useRef<ComposerHandle>(null);
  const log = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const entries = buildTimeline(d);
  const [params] = useSearchParams();

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: keys.conversation(c.id) });
    void qc.invalidateQueries({ queryKey: keys.queues });
  };

  async function change(body: Record<string, unknown>, reassign = false) {
    try {
      // taking it from its holder is an admin's explicit reassignment, naming whom it is taken from
      const updated = reassign
        ? await post<Conversation>(`/api/conversations/${c.id}/reassign`, {
            ...body,
            fromAssigneeId: c.assigneeId,
          })
        : await patch<Conversation>(`/api/conversations/${c.id}`, body);
      qc.setQueryData<ConversationDetails>(keys.conversation(c.id), (old) =>
        old ? { ...old, conversation: updated } : old,
      );
    } catch (err) {
      // a snooze that ends after the answer is due happens only when the agent confirms it
      if (err instanceof ApiError && err.code === 'snooze_past_deadline') {
        const due = (err.body as { dueAt?: string }).dueAt;
        if (due && window.confirm(t('conv.snoozePastDeadline', { due: formatFull(due) })))
          return change({ ...body, confirmPastDeadline: true });
      } else if (err instanceof ApiError && err.code === 'at_capacity') {
        // the agent has no room: an admin may assign anyway (audited), an agent is told why
        const b = err.body as { assigneeId?: string; load?: number; capacity?: number };
        const n = { load: b.load, capacity: b.capacity, name: userNames.get(b.assigneeId ?? '') ?? '' };
        const words = t(b.assigneeId === me.id ? 'share.capacity.fullYou' : 'share.capacity.full', n);
        if (me.role === 'admin') {
          if (window.confirm(`${words} ${t('share.capacity.assignAnyway')}`))
            return change({ ...body, overCapacity: true }, reassign);
        } else toast(`${words} ${t('share.capacity.finishFirst')}`, 'error');
      } else toast(errorText(err, { 409: t('conv.conflict') }), 'error');
    }
    refresh();
  }

  const timelineActions: TimelineActions = {
    canWrite: writer,
    correct: async (itemId, body) => {
      try {
        await patch(`/api/items/${encodeURIComponent(itemId)}/analysis`, body);
        toast(t('item.corrected'));
        refresh();
        return true;
      } catch (err) {
        toast(errorText(err), 'error');
        return false;
      }
    },
    resend: (replyId) => void replyAction(`/api/replies/${replyId}/resend`, t('reply.resent')),
    markDelivered: (replyId) => void replyAction(`/api/replies/${replyId}/mark-delivered`, t('reply.marked')),
  };

  async function replyAction(path: string, done: string) {
    try {
      await post(path, {});
      toast(done);
    } catch (err) {
      toast(errorText(err, { 409: t('conv.conflict') }), 'error');
    }
    refresh();
  }

  useImperativeHandle(actionsRef, () => ({
    compose: (mode) => composer.current?.focus(mode),
    resolve: () => void (writer && change({ status: 'resolved' })),
    assignToMe: () => void (writer && c.assigneeId !== me.id && change({ assigneeId: me.id })),
  }));

  // the newest entry stays in view when the agent was at the bottom; otherwise the scroll stays
  useLayoutEffect(() => {
    const el = log.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [entries.length]);
  useEffect(() => {
    const el = log.current;
    if (!el) return;
    const onScroll = () => (atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 60);
    el.addEventListener('scroll', onScroll);
    return () => el.removeEventListener('scroll', onScroll);
  }, []);

  const holder = !c.assigneeId
    ? t('conv.unassigned')
    : c.assigneeId === me.id
      ? t('conv.assignedToYou')
      : t('conv.assignedOther', { name: userNames.get(c.assigneeId) ?? t('conv.anotherAgent') });

  return (
    <section className="conversation" aria-labelledby="conv-title">
      <header className="conv-head">
        <div className="conv-title">
          <Link
            className="btn btn-ghost back-link"
            to={{ pathname: '/inbox', search: params.toString() }}
            aria-label={t('conv.back')}
          >
            ←
          </Link>
          <PlatformChip platform={c.platform} />
          <h2 id="conv-title">{authorOf(c)}</h2>
          {c.contact?.username ? <span className="muted hide-narrow">@{c.contact.username}</span> : null}
          <IntentBadge intent={c.intent} />
          <SentimentBadge sentiment={c.sentimentLabel} />
          <PresenceAvatars conversationId={c.id} withText />
          <span className="grow" />
          <Countdown c={c} long />
        </div>
        <ConversationTags c={c} canWrite={writer} />
        <div className="conv-actions">
          <span className={c.assigneeId === me.id ? 'assignee-me-text' : 'muted'}>{holder}</span>
          {writer ? <Assign c={c} onChange={change} /> : null}
          {writer ? <AssignPicker c={c} onChange={change} /> : null}
          <span className="grow" />
          {writer ? <StatusControls c={c} onChange={change} /> : <StatusBadge status={c.status} />}
        </div>
      </header>
      <div className="conv-body">
        <div className="conv-main">
          <div
            ref={log}
            className="timeline"
            role="log"
            aria-live="polite"
            aria-label={t('conv.timeline')}
            tabIndex={0}
          >
            <PostContext post={d.post} />
            <Timeline entries={entries} actions={timelineActions} />
          </div>
          {writer ? (
            <KbSuggestions
              conversationId={c.id}
              lastCustomerMessageAt={c.lastCustomerMessageAt}
              onInsert={(text) => composer.current?.insert(text)}
            />
          ) : null}
          {writer ? (
            <Composer
              ref={composer}
              conversation={c}
              loadedAt={d.loadedAt}
              onSent={() => (atBottom.current = true)}
            />
          ) : (
            <p className="readonly muted">{t('conv.readOnly')}</p>
          )}
        </div>
        <Side d={d} />
      </div>
    </section>
  );
}

function StatusBadge({ status }: { status: string }) {
  const label = useLabel();
  return <span className="badge">{label('statusOne', status)}</span>;
}

function Assign({
  c,
  onChange,
}: {
  c: Conversation;
  onChange(b: Record<string, unknown>, reassign?: boolean): Promise<void>;
}) {
  const { t } = useTranslation();
  const { me } = useSession();
  if (!c.assigneeId)
    return (
      <button
        type="button"
        className="btn btn-primary btn-small"
        aria-keyshortcuts="a"
        onClick={() => void onChange({ assigneeId: me.id })}
      >
        {t('conv.assignMe')}
      </button>
    );
  if (c.assigneeId === me.id)
    return (
      <button type="button" className="btn btn-small" onClick={() => void onChange({ assigneeId: null })}>
        {t('conv.release')}
      </button>
    );
  if (me.role === 'admin')
    return (
      <button
        type="button"
        className="btn btn-small"
        onClick={() => void onChange({ assigneeId: me.id }, true)}
      >
        {t('conv.takeOver')}
      </button>
    );
  return null;
}

function StatusControls({
  c,
  onChange,
}: {
  c: Conversation;
  onChange(b: Record<string, unknown>): Promise<void>;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  return (
    <>
      <label className="inline-field">
        <span className="sr-only">{t('conv.status')}</span>
        <select
          aria-label={t('conv.status')}
          value={c.status}
          onChange={(e) => void onChange({ status: e.target.value })}
        >
          {(['open', 'pending', 'resolved'] as const).map((s) => (
            <option key={s} value={s}>
              {label('statusOne', s)}
            </option>
          ))}
          {c.status === 'snoozed' ? (
            <option value="snoozed" disabled>
              {label('statusOne', 'snoozed')}
            </option>
          ) : null}
        </select>
      </label>
      <label className="inline-field">
        <span className="sr-only">{t('conv.snoozeFor')}</span>
        <select
          aria-label={t('conv.snoozeFor')}
          value=""
          onChange={(e) => {
            const k = e.target.value as Snooze;
            if (k) void onChange({ status: 'snoozed', snoozedUntil: snoozeUntil(k).toISOString() });
          }}
        >
          <option value="">{t('conv.snoozeFor')}…</option>
          {(['1h', '4h', '1d'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`conv.snooze${k}`)}
            </option>
          ))}
        </select>
      </label>
      {c.status !== 'resolved' ? (
        <button
          type="button"
          className="btn btn-small"
          aria-keyshortcuts="e"
          onClick={() => void onChange({ status: 'resolved' })}
        >
          {t('conv.resolve')}
        </button>
      ) : (
        <button type="button" className="btn btn-small" onClick={() => void onChange({ status: 'open' })}>
          {t('conv.reopen')}
        </button>
      )}
    </>
  );
}

function Side({ d }: { d: ConversationDetails }) {
  const { t } = useTranslation();
  const label = useLabel();
  const [params] = useSearchParams();
  const c = d.conversation;
  const facts: [string, string][] = [
    [t('conv.source'), `${label('platform', c.platform)} · ${c.sourceName}`],
    [t('conv.firstMessage'), formatFull(c.firstMessageAt)],
    [t('conv.due'), c.dueAt ? formatFull(c.dueAt) : t('urgency.none')],
    [
      t('conv.firstResponse'),
      c.firstResponseAt
        ? `${formatFull(c.firstResponseAt)}${c.firstResponseSeconds != null ? ` · ${t('conv.firstResponseIn', { d: formatDuration(c.firstResponseSeconds * 1000) })}` : ''}`
        : '—',
    ],
  ];
  return (
    <aside className="conv-side" aria-label={t('conv.details')}>
      {c.customerId ? <CustomerPanel customerId={c.customerId} conversationId={c.id} /> : null}
      <h3>{t('conv.other')}</h3>
      {d.otherConversations.length ? (
        <ul className="other-list">
          {d.otherConversations.map((o) => (
            <li key={o.id}>
              <Link to={{ pathname: `/inbox/${o.id}`, search: params.toString() }}>
                <span className="row-top">
                  <PlatformChip platform={o.platform} />
                  <span className="badge">{label('statusOne', o.status)}</span>
                  <IntentBadge intent={o.intent} />
                  <span className="muted small">{formatTime(o.lastMessageAt)}</span>
                </span>
                <span className="preview">{o.lastText || o.subject || t('queue.noText')}</span>
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{t('conv.otherNone')}</p>
      )}
      <h3>{t('conv.details')}</h3>
      <dl className="facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
