import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { QUEUE_MAX, QUEUE_PAGE, useQueue, useUsers, type QueueFilter } from '../api/queries';
import { useLiveState } from '../app/live-context';
import { useSession } from '../app/session';
import { isTyping } from '../app/Shell';
import { ConversationView, type ConversationActions } from './ConversationView';
import { filterFrom, neighbour, rememberFilter } from './filters';
import { LinkFilterBar } from './LinkFilterBar';
import { linkFilterFrom, withoutLinkFilter } from './link-filter';
import { FilterBar } from './search/FilterBar';
import { urlToView, viewToUrl, withFilters, type Filters } from './search/queue-filters';
import { SavedViews } from './search/SavedViews';
import { Queue } from './Queue';

/**
 * The inbox: the queue and the open conversation. Everything is in the URL
 * (/inbox/<conversation>?status=open&who=mine&q=…&sentiment=…&view=<saved view>), so a view is
 * linkable and survives a reload. Search and filters run on the server (GET /api/conversations).
 * Keys: j/k move, Enter opens, r reply, n note, e resolve, a assign to me, / search, Esc back.
 */
export function InboxPage() {
  const { t } = useTranslation();
  const { conversationId } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { me } = useSession();
  const live = useLiveState() === 'live';
  const filter = filterFrom(params);
  const urlSearch = params.get('q') ?? '';
  // the box answers at once; the URL (and the server's search) follows after a pause in typing
  const [search, setSearchText] = useState(urlSearch);
  const [urlSeen, setUrlSeen] = useState(urlSearch);
  if (urlSeen !== urlSearch) {
    // the URL changed under us (a saved view, back/forward): the box shows it
    setUrlSeen(urlSearch);
    setSearchText(urlSearch);
  }
  const [limit, setLimit] = useState(QUEUE_PAGE);
  // the row j/k point at: set under one open conversation, it follows the next one opened
  const [cursor, setCursor] = useState<{ id: string; under: string | undefined }>();
  const cursorId = cursor && cursor.under === conversationId ? cursor.id : conversationId;
  const setCursorId = (id: string) => setCursor({ id, under: conversationId });
  const searchRef = useRef<HTMLInputElement>(null);
  const actions = useRef<ConversationActions | null>(null);
  const linked = linkFilterFrom(params);
  const queue = useQueue(filter, limit, live, linked);
  const users = useUsers(me.role === 'admin');

  const userNames = useMemo(() => {
    const m = new Map<string, string>([[me.id, me.name]]);
    for (const u of users.data ?? []) m.set(u.id, u.name || u.email);
    return m;
  }, [users.data, me.id, me.name]);

  const qc = useQueryClient();
  const all = queue.data?.conversations;
  const rows = useMemo(() => all ?? [], [all]);
  const ids = rows.map((r) => r.id);
  // the saved views' live counts follow the queue's changes (at most every 5 s)
  const countsAt = useRef(0);
  useEffect(() => {
    if (!queue.dataUpdatedAt || Date.now() - countsAt.current < 5000) return;
    countsAt.current = Date.now();
    void qc.invalidateQueries({ queryKey: ['saved-views'] });
  }, [queue.dataUpdatedAt, qc]);

  const setFilter = (change: Partial<QueueFilter>) => {
    const next = { ...filter, ...change };
    rememberFilter(next);
    setLimit(QUEUE_PAGE);
    const p = new URLSearchParams(params);
    p.set('status', next.status);
    p.set('who', next.who);
    p.delete('view');
    setParams(p);
  };
  const searchTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(searchTimer.current), []);
  const setSearch = (q: string) => {
    setSearchText(q);
    clearTimeout(searchTimer.current);
    searchTimer.current = setTimeout(
      () => {
        setLimit(QUEUE_PAGE);
        setParams(
          (prev) => {
            const p = withFilters(prev, { ...filterFrom(prev).filters, q });
            p.delete('view');
            return p;
          },
          { replace: true },
        );
      },
      q ? 300 : 0,
    );
  };
  const setFilters = (f: Filters) => {
    setLimit(QUEUE_PAGE);
    const p = withFilters(params, { ...f, q: filter.filters?.q });
    p.delete('view');
    setParams(p);
  };
  const pickView = (v: { id: string; filters: Record<string, string | undefined> }) => {
    const u = viewToUrl(v.filters);
    const p = withFilters(new URLSearchParams(), u.filters);
    p.set('status', u.status);
    p.set('who', u.who);
    p.set('view', v.id);
    rememberFilter({ status: filterFrom(p).status, who: u.who });
    setLimit(QUEUE_PAGE);
    navigate({ pathname: '/inbox', search: p.toString() });
  };
  const open = (id: string) => navigate({ pathname: `/inbox/${id}`, search: params.toString() });

  // keys (ignored while typing, and with modifiers)
  const latest = useRef({ ids, cursorId, conversationId, open, setCursorId });
  useLayoutEffect(() => {
    latest.current = { ids, cursorId, conversationId, open, setCursorId };
  });
  useEffect(() => {
    const onKey = (ev: KeyboardEvent) => {
      if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.defaultPrevented) return;
      if (document.querySelector('dialog[open]')) return;
      const typing = isTyping(ev);
      const s = latest.current;
      if (ev.key === 'Escape' && !typing && s.conversationId) {
        navigate({ pathname: '/inbox', search: params.toString() });
        return;
      }
      if (typing) return;
      const focusRow = (id: string | undefined) => {
        if (!id) return;
        s.setCursorId(id);
        setTimeout(
          () => document.querySelector<HTMLElement>(`.queue-row[data-id="${CSS.escape(id)}"]`)?.focus(),
          0,
        );
      };
      switch (ev.key) {
        case 'j':
        case 'k':
          ev.preventDefault();
          focusRow(neighbour(s.ids, s.cursorId ?? s.conversationId, ev.key === 'j' ? 1 : -1));
          break;
        case 'Enter':
          if ((ev.target as HTMLElement)?.closest?.('.queue-row, a, button')) return; // they handle it
          if (s.cursorId) {
            ev.preventDefault();
            s.open(s.cursorId);
          }
          break;
        case '/':
          ev.preventDefault();
          searchRef.current?.focus();
          break;
        case 'r':
        case 'n':
          if (!s.conversationId) return;
          ev.preventDefault();
          actions.current?.compose(ev.key === 'r' ? 'reply' : 'note');
          break;
        case 'e':
          if (!s.conversationId) return;
          ev.preventDefault();
          actions.current?.resolve();
          break;
        case 'a':
          if (!s.conversationId) return;
          ev.preventDefault();
          actions.current?.assignToMe();
          break;
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [navigate, params]);

  return (
    <div className={`workspace${conversationId ? ' has-conversation' : ''}`}>
      {Object.keys(linked).length ? (
        <LinkFilterBar filter={linked} onClear={() => setParams(withoutLinkFilter(params))} />
      ) : null}
      <Queue
        filter={filter}
        onFilter={setFilter}
        rows={rows}
        total={all?.length ?? 0}
        hasMore={!!queue.data?.nextCursor}
        limit={limit}
        onLoadMore={() => setLimit((l) => Math.min(QUEUE_MAX, l + QUEUE_PAGE))}
        error={queue.error}
        loading={queue.isPending}
        selectedId={conversationId}
        cursorId={cursorId}
        onOpen={open}
        onCursor={setCursorId}
        search={search}
        onSearch={setSearch}
        userNames={userNames}
        searchRef={searchRef}
        toolbar={
          <>
            <FilterBar filters={filter.filters ?? {}} onChange={setFilters} />
            <SavedViews
              current={urlToView(filter.status, filter.who, filter.filters ?? {})}
              activeId={params.get('view') ?? undefined}
              onPick={pickView}
            />
          </>
        }
      />
      {conversationId ? (
        <ConversationView id={conversationId} userNames={userNames} actionsRef={actions} />
      ) : (
        <section className="conversation conversation-empty">
          <p className="placeholder muted">{t('conv.pick')}</p>
        </section>
      )}
    </div>
  );
}
