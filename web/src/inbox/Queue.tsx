import { memo, useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { PresenceAvatars } from '../share/PresenceAvatars';
import { useTranslation } from 'react-i18next';
import type { QueueRow } from '../api/client';
import { QUEUE_MAX, TABS, WHO, type QueueFilter } from '../api/queries';
import { canWrite, useSession } from '../app/session';
import { BulkBar } from '../tags/BulkBar';
import { TagChips } from '../tags/TagChips';
import { formatTime } from '../lib/time';
import { Countdown } from '../ui/Countdown';
import { IntentBadge, PlatformChip, SentimentBadge } from '../ui/badges';
import { useNow } from '../ui/now';
import { errorText } from '../ui/errors';
import { authorOf, previewOf } from './filters';
import { urgency } from './urgency';

export interface QueueProps {
  filter: QueueFilter;
  onFilter(f: Partial<QueueFilter>): void;
  rows: QueueRow[];
  total: number;
  hasMore: boolean;
  limit: number;
  onLoadMore(): void;
  error: unknown;
  loading: boolean;
  selectedId?: string;
  cursorId?: string;
  onOpen(id: string): void;
  onCursor(id: string): void;
  search: string;
  onSearch(q: string): void;
  userNames: Map<string, string>;
  searchRef: RefObject<HTMLInputElement | null>;
  /** The filter bar and saved views, under the search box. */
  toolbar?: ReactNode;
}

/**
 * The left column: status tabs, Mine/Unassigned/All, the search box and the queue, most urgent
 * first (the server orders by due time, then priority). Rows are keyed by id, so a refetch
 * updates them in place.
 */
export function Queue({ searchRef, ...p }: QueueProps) {
  const { t } = useTranslation();
  const { me } = useSession();
  const list = useRef<HTMLUListElement>(null);
  // rows picked for a bulk action (agents and admins)
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  // one function for the component's life, so memoised rows stay memoised
  const [onPick] = useState(() => (id: string) => setPicked((old) => toggled(old, id)));
  const shown = new Set(p.rows.map((r) => r.id));
  const pickedShown = [...picked].filter((id) => shown.has(id));

  // keep the cursor row visible when j/k move it
  useEffect(() => {
    if (!p.cursorId) return;
    const el = list.current?.querySelector<HTMLElement>(`[data-id="${CSS.escape(p.cursorId)}"]`);
    el?.scrollIntoView?.({ block: 'nearest' });
  }, [p.cursorId]);

  return (
    <aside className="queue" aria-label={t('queue.label')}>
      <div className="queue-head">
        <div className="tabs" role="tablist" aria-label={t('queue.tabs')}>
          {TABS.map((s) => (
            <button
              key={s}
              type="button"
              role="tab"
              aria-selected={p.filter.status === s}
              className={`tab${p.filter.status === s ? ' active' : ''}`}
              onClick={() => p.onFilter({ status: s })}
            >
              {s === 'all' ? t('search.allTab') : t(`status.${s}`)}
            </button>
          ))}
        </div>
        <div className="segmented" role="group" aria-label={t('who.label')}>
          {WHO.map((w) => (
            <button
              key={w}
              type="button"
              aria-pressed={p.filter.who === w}
              className={`seg${p.filter.who === w ? ' active' : ''}`}
              onClick={() => p.onFilter({ who: w })}
            >
              {t(`who.${w}`)}
            </button>
          ))}
        </div>
        <label className="search">
          <span className="sr-only">{t('queue.search')}</span>
          <input
            ref={searchRef}
            type="search"
            value={p.search}
            placeholder={t('search.placeholder')}
            aria-keyshortcuts="/"
            onChange={(e) => p.onSearch(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                p.onSearch('');
                e.currentTarget.blur();
              }
            }}
          />
        </label>
        {p.toolbar}
      </div>
      {pickedShown.length > 0 ? <BulkBar ids={pickedShown} onDone={() => setPicked(new Set())} /> : null}
      <ul
        ref={list}
        className="queue-list"
        role="listbox"
        aria-label={p.filter.status === 'all' ? t('search.allTab') : t(`status.${p.filter.status}`)}
      >
        {p.rows.length === 0 ? (
          <li className="queue-empty muted" role="presentation">
            {p.error
              ? errorText(p.error)
              : p.loading
                ? t('app.loading')
                : p.search || Object.keys(p.filter.filters ?? {}).length
                  ? t('search.nothingFound')
                  : t('queue.empty')}
          </li>
        ) : (
          p.rows.map((c) => (
            <Row
              key={c.id}
              c={c}
              selected={c.id === p.selectedId}
              cursor={c.id === (p.cursorId ?? p.selectedId ?? p.rows[0]?.id)}
              onOpen={p.onOpen}
              onCursor={p.onCursor}
              userNames={p.userNames}
              picked={canWrite(me) ? picked.has(c.id) : undefined}
              onPick={onPick}
            />
          ))
        )}
      </ul>
      <div className="queue-footer muted small">
        {p.error && p.rows.length > 0 ? (
          <span className="offline" role="alert">
            {errorText(p.error)}
          </span>
        ) : (
          <span>
            {t('queue.count', { count: p.total })}
            {p.hasMore ? ` · ${t('queue.more')}` : ''}
          </span>
        )}
        {p.hasMore && p.limit < QUEUE_MAX ? (
          <button type="button" className="btn btn-ghost btn-small" onClick={p.onLoadMore}>
            {t('queue.loadMore')}
          </button>
        ) : null}
      </div>
    </aside>
  );
}

const Row = memo(function Row({
  c,
  selected,
  cursor,
  onOpen,
  onCursor,
  userNames,
  picked,
  onPick,
}: {
  c: QueueRow;
  /** undefined: no bulk actions for this user */
  picked: boolean | undefined;
  onPick(id: string): void;
  selected: boolean;
  cursor: boolean;
  onOpen(id: string): void;
  onCursor(id: string): void;
  userNames: Map<string, string>;
}) {
  const { t } = useTranslation();
  const { me } = useSession();
  const now = useNow();
  const mine = !!c.assigneeId && c.assigneeId === me.id;
  const taken = !!c.assigneeId && !mine;
  const preview = previewOf(c);
  return (
    <li
      className={`queue-row${selected ? ' selected' : ''}`}
      role="option"
      aria-selected={selected}
      tabIndex={cursor ? 0 : -1}
      data-id={c.id}
      data-urgency={urgency(c, now).level}
      onClick={() => onOpen(c.id)}
      onFocus={() => onCursor(c.id)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen(c.id);
        }
      }}
    >
      <div className="row-top">
        {picked !== undefined ? (
          <input
            type="checkbox"
            className="row-select"
            checked={picked}
            aria-label={t('tags.select')}
            onClick={(e) => e.stopPropagation()}
            onKeyDown={(e) => e.stopPropagation()}
            onChange={() => onPick(c.id)}
          />
        ) : null}
        <PlatformChip platform={c.platform} />
        <span className="author">{authorOf(c)}</span>
        <PresenceAvatars conversationId={c.id} />
        <Countdown c={c} />
      </div>
      <div className="preview">
        {preview ? (c.lastDirection === 'outbound' ? t('queue.ourReply') : '') + preview : t('queue.noText')}
      </div>
      <div className="row-meta">
        <IntentBadge intent={c.intent} />
        <SentimentBadge sentiment={c.sentimentLabel} />
        <TagChips tags={c.tags ?? []} />
        {mine ? <span className="badge assignee-me">{t('queue.you')}</span> : null}
        {taken ? (
          <span className="badge assignee-other">{userNames.get(c.assigneeId!) ?? t('queue.taken')}</span>
        ) : null}
        {c.status === 'snoozed' && c.snoozedUntil ? (
          <span className="badge">{t('queue.until', { time: formatTime(c.snoozedUntil) })}</span>
        ) : null}
        <span className="time muted">{formatTime(c.lastMessageAt)}</span>
      </div>
    </li>
  );
});

function toggled(set: ReadonlySet<string>, id: string): ReadonlySet<string> {
  const next = new Set(set);
  if (!next.delete(id)) next.add(id);
  return next;
}
