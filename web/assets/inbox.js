import { get } from './api.js';
import { h, mount } from './h.js';
import { t } from './i18n.js';
import { authorOf, countdown, intentBadge, platformChip, sentimentBadge } from './widgets.js';
import { formatTime, urgency } from './urgency.js';

export const STATUSES = ['open', 'pending', 'snoozed', 'resolved'];
export const ASSIGNEE_FILTERS = ['all', 'mine', 'unassigned'];
const PAGE = 50;
const MAX = 200;

export function queueUrl(filter, limit = PAGE) {
  const q = new URLSearchParams({ status: filter.status, limit: String(Math.min(limit, MAX)) });
  if (filter.assignee === 'mine') q.set('assignee', 'me');
  else if (filter.assignee === 'unassigned') q.set('assignee', 'unassigned');
  return `/api/conversations?${q}`;
}

/** The first line of the newest message, for the one-line preview. */
export function previewOf(c) {
  const first = String(c.lastText ?? '')
    .split(/\r?\n/)
    .map((s) => s.trim())
    .find(Boolean);
  if (!first) return t('queue.noText');
  return (c.lastDirection === 'outbound' ? t('queue.ourReply') : '') + first;
}

/**
 * The left column: status tabs, Mine/Unassigned/All, and the queue most urgent first (the
 * server orders by due time, then priority). Refreshed by the app's poll.
 */
export function createQueue({ me, users = new Map(), filter, onFilter, onSelect }) {
  const state = { rows: [], nextCursor: null, limit: PAGE, selectedId: null, error: null, updatedAt: null };
  const list = h('ul', { class: 'queue-list', role: 'listbox', 'aria-label': t('status.' + filter.status) });
  const footer = h('div', { class: 'queue-footer muted small' });
  const tabs = h('div', { class: 'tabs', role: 'tablist' });
  const seg = h('div', { class: 'segmented' });
  const el = h('aside', { class: 'queue' }, h('div', { class: 'queue-head' }, tabs, seg), list, footer);

  function renderFilters() {
    mount(
      tabs,
      STATUSES.map((s) =>
        h(
          'button',
          {
            type: 'button',
            role: 'tab',
            class: ['tab', filter.status === s && 'active'],
            'aria-selected': String(filter.status === s),
            onclick: () => onFilter({ status: s }),
          },
          t('status.' + s),
        ),
      ),
    );
    mount(
      seg,
      ASSIGNEE_FILTERS.map((a) =>
        h(
          'button',
          {
            type: 'button',
            class: ['seg', filter.assignee === a && 'active'],
            onclick: () => onFilter({ assignee: a }),
          },
          t('filter.' + a),
        ),
      ),
    );
  }

  function row(c) {
    const mine = c.assigneeId && c.assigneeId === me.id;
    const taken = c.assigneeId && !mine;
    return h(
      'li',
      {
        class: ['queue-row', c.id === state.selectedId && 'selected'],
        role: 'option',
        tabindex: '0',
        'aria-selected': String(c.id === state.selectedId),
        'data-id': c.id,
        'data-urgency': urgency(c).level,
        onclick: () => onSelect(c.id),
        onkeydown: (ev) => {
          if (ev.key === 'Enter' || ev.key === ' ') {
            ev.preventDefault();
            onSelect(c.id);
          }
        },
      },
      h(
        'div',
        { class: 'row-top' },
        platformChip(c.platform),
        h('span', { class: 'author' }, authorOf(c)),
        countdown(c),
      ),
      h('div', { class: 'preview' }, previewOf(c)),
      h(
        'div',
        { class: 'row-meta' },
        intentBadge(c.intent),
        sentimentBadge(c.sentimentLabel),
        mine ? h('span', { class: 'badge assignee-me' }, t('queue.you')) : null,
        taken
          ? h('span', { class: 'badge assignee-other' }, users.get(c.assigneeId) ?? t('queue.taken'))
          : null,
        c.status === 'snoozed' && c.snoozedUntil
          ? h('span', { class: 'badge' }, t('queue.until', { time: formatTime(c.snoozedUntil) }))
          : null,
        h('span', { class: 'time muted' }, formatTime(c.lastMessageAt)),
      ),
    );
  }

  function render() {
    renderFilters();
    const scroll = list.scrollTop;
    const focusedId = document.activeElement?.closest?.('.queue-row')?.dataset.id;
    if (!state.rows.length) {
      mount(
        list,
        h('li', { class: 'queue-empty muted' }, state.error ? t('queue.offline') : t('queue.empty')),
      );
    } else {
      mount(list, state.rows.map(row));
    }
    list.scrollTop = scroll;
    if (focusedId) list.querySelector(`[data-id="${CSS.escape(focusedId)}"]`)?.focus();
    mount(
      footer,
      state.error
        ? h('span', { class: 'offline' }, t('queue.offline'))
        : h('span', null, t('queue.count', { n: state.rows.length + (state.nextCursor ? '+' : '') })),
      state.nextCursor && state.limit < MAX
        ? h(
            'button',
            {
              type: 'button',
              class: 'btn btn-ghost btn-small',
              onclick: () => {
                state.limit = Math.min(MAX, state.limit + PAGE);
                void refresh();
              },
            },
            t('queue.loadMore'),
          )
        : null,
    );
  }

  async function refresh() {
    try {
      const res = await get(queueUrl(filter, state.limit));
      state.rows = res.conversations ?? [];
      state.nextCursor = res.nextCursor ?? null;
      state.error = null;
      state.updatedAt = new Date();
    } catch (err) {
      if (err?.status === 401) return;
      state.error = err;
    }
    render();
  }

  return {
    el,
    refresh,
    render,
    select(id) {
      state.selectedId = id;
      for (const li of list.querySelectorAll('.queue-row')) {
        const on = li.dataset.id === id;
        li.classList.toggle('selected', on);
        li.setAttribute('aria-selected', String(on));
      }
    },
    resetPaging() {
      state.limit = PAGE;
      state.rows = [];
    },
    /** For j/k: the id `step` rows away from the selected one. */
    neighbour(step) {
      const i = state.rows.findIndex((r) => r.id === state.selectedId);
      const next = state.rows[i < 0 ? 0 : i + step];
      return next?.id;
    },
  };
}
