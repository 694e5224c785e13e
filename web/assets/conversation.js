import { ApiError, get, patch, post } from './api.js';
import { createComposer } from './composer.js';
import { h, mount } from './h.js';
import { label, t } from './i18n.js';
import { buildTimeline, renderTimeline } from './timeline.js';
import { formatDuration, formatFull, formatTime } from './urgency.js';
import { authorOf, countdown, intentBadge, platformChip, sentimentBadge, toast } from './widgets.js';

const SNOOZES = [
  ['1h', () => new Date(Date.now() + 3600_000)],
  ['4h', () => new Date(Date.now() + 4 * 3600_000)],
  [
    '1d',
    () => {
      const d = new Date();
      d.setDate(d.getDate() + 1);
      d.setHours(9, 0, 0, 0);
      return d;
    },
  ],
];

/**
 * The right side: one conversation's whole story, its controls and the composer. refresh() is
 * called by the app's poll; it re-renders only when the data changed and keeps the scroll
 * position (or follows the bottom when the agent was already there).
 */
export function createConversationView({ me, users, onChanged, onOpen }) {
  const canWrite = me.role === 'admin' || me.role === 'agent';
  let id = null;
  let data = null;
  let signature = '';
  let fastUntil = 0;

  const head = h('header', { class: 'conv-head' });
  const timeline = h('div', { class: 'timeline', role: 'log', 'aria-live': 'polite' });
  const side = h('aside', { class: 'conv-side' });
  const composer = canWrite
    ? createComposer({
        onSent: () => {
          fastUntil = Date.now() + 15_000; // watch the delivery status move
          void refresh(true);
          onChanged();
        },
      })
    : null;
  const main = h(
    'div',
    { class: 'conv-main' },
    timeline,
    composer ? composer.el : h('p', { class: 'readonly muted' }, t('conv.readOnly')),
  );
  const el = h('section', { class: 'conversation' }, h('p', { class: 'placeholder muted' }, t('conv.pick')));

  function assigneeName(userId) {
    if (userId === me.id) return t('conv.assignedToYou');
    return t('conv.assignedOther', { name: users.get(userId) ?? t('conv.anotherAgent') });
  }

  async function change(body) {
    try {
      await patch(`/api/conversations/${id}`, body);
      await refresh(true);
      onChanged();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) toast(t('conv.conflict'), 'error');
      else if (err instanceof ApiError && err.status === 403) toast(t('error.forbidden'), 'error');
      else toast(t('error.generic', { message: err.message }), 'error');
      await refresh(true);
    }
  }

  function assignment(c) {
    const parts = [];
    if (!c.assigneeId) parts.push(h('span', { class: 'muted' }, t('conv.unassigned')));
    else
      parts.push(
        h(
          'span',
          { class: c.assigneeId === me.id ? 'assignee-me-text' : 'muted' },
          assigneeName(c.assigneeId),
        ),
      );
    if (!canWrite) return parts;
    if (!c.assigneeId)
      parts.push(
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn-primary btn-small',
            onclick: () => change({ assigneeId: me.id }),
          },
          t('conv.assignMe'),
        ),
      );
    else if (c.assigneeId === me.id)
      parts.push(
        h(
          'button',
          { type: 'button', class: 'btn btn-small', onclick: () => change({ assigneeId: null }) },
          t('conv.release'),
        ),
      );
    else if (me.role === 'admin')
      parts.push(
        h(
          'button',
          { type: 'button', class: 'btn btn-small', onclick: () => change({ assigneeId: me.id }) },
          t('conv.takeOver'),
        ),
      );
    return parts;
  }

  function statusControls(c) {
    if (!canWrite) return h('span', { class: 'badge' }, label('statusOne', c.status));
    const status = h(
      'select',
      { 'aria-label': t('conv.status'), onchange: (ev) => change({ status: ev.target.value }) },
      ['open', 'pending', 'resolved'].map((s) =>
        h('option', { value: s, selected: c.status === s }, label('statusOne', s)),
      ),
      c.status === 'snoozed'
        ? h('option', { value: 'snoozed', selected: true, disabled: true }, label('statusOne', 'snoozed'))
        : null,
    );
    const snooze = h(
      'select',
      {
        'aria-label': t('conv.snoozeFor'),
        onchange: (ev) => {
          const pick = SNOOZES.find(([k]) => k === ev.target.value);
          if (pick) void change({ status: 'snoozed', snoozedUntil: pick[1]().toISOString() });
        },
      },
      h('option', { value: '' }, t('conv.snoozeFor') + '…'),
      SNOOZES.map(([k]) => h('option', { value: k }, t(`conv.snooze${k}`))),
    );
    return [status, snooze];
  }

  function renderHead(c) {
    const ct = c.contact ?? {};
    mount(
      head,
      h(
        'div',
        { class: 'conv-title' },
        platformChip(c.platform),
        h('h2', null, authorOf(c)),
        ct.username ? h('span', { class: 'muted' }, `@${ct.username}`) : null,
        intentBadge(c.intent),
        sentimentBadge(c.sentimentLabel),
        h('span', { class: 'grow' }),
        countdown(c, { long: true }),
      ),
      h(
        'div',
        { class: 'conv-actions' },
        h('span', { class: 'muted small' }, `${label('platform', c.platform)} · ${c.sourceName ?? ''}`),
        h('span', { class: 'grow' }),
        assignment(c),
        statusControls(c),
      ),
    );
  }

  function renderSide(d) {
    const c = d.conversation;
    const facts = [
      [t('conv.source'), `${label('platform', c.platform)} · ${c.sourceName ?? ''}`],
      [t('conv.firstMessage'), formatFull(c.firstMessageAt)],
      [t('conv.due'), c.dueAt ? formatFull(c.dueAt) : t('urgency.none')],
      [
        t('conv.firstResponse'),
        c.firstResponseAt
          ? `${formatFull(c.firstResponseAt)}${c.firstResponseSeconds != null ? ' · ' + t('conv.firstResponseIn', { d: formatDuration(c.firstResponseSeconds * 1000) }) : ''}`
          : '—',
      ],
    ];
    mount(
      side,
      h('h3', null, t('conv.other')),
      d.otherConversations?.length
        ? h(
            'ul',
            { class: 'other-list' },
            d.otherConversations.map((o) =>
              h(
                'li',
                null,
                h(
                  'a',
                  { href: `#/c/${encodeURIComponent(o.id)}`, onclick: () => onOpen(o.id) },
                  h(
                    'span',
                    { class: 'row-top' },
                    platformChip(o.platform),
                    h('span', { class: 'badge' }, label('statusOne', o.status)),
                    intentBadge(o.intent),
                    h('span', { class: 'muted small' }, formatTime(o.lastMessageAt)),
                  ),
                  h('span', { class: 'preview' }, o.lastText || o.subject || t('queue.noText')),
                ),
              ),
            ),
          )
        : h('p', { class: 'muted small' }, t('conv.otherNone')),
      h('h3', null, t('conv.details')),
      h(
        'dl',
        { class: 'facts' },
        facts.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
      ),
    );
  }

  const timelineCtx = {
    canWrite,
    onCorrect: async (itemId, body) => {
      try {
        await patch(`/api/items/${encodeURIComponent(itemId)}/analysis`, body);
        toast(t('item.corrected'));
        await refresh(true);
        onChanged();
        return true;
      } catch (err) {
        toast(t('error.generic', { message: err.message }), 'error');
        return false;
      }
    },
    onResend: (replyId) => replyAction(`/api/replies/${replyId}/resend`, {}),
    onMarkDelivered: (replyId) => replyAction(`/api/replies/${replyId}/mark-delivered`, {}),
  };

  async function replyAction(path, body) {
    try {
      await post(path, body);
      fastUntil = Date.now() + 15_000;
      await refresh(true);
    } catch (err) {
      toast(t('error.generic', { message: err.message }), 'error');
    }
  }

  function render(force) {
    const sig = JSON.stringify(data);
    if (!force && sig === signature) return;
    signature = sig;
    const c = data.conversation;
    const atBottom = timeline.scrollHeight - timeline.scrollTop - timeline.clientHeight < 60;
    const firstRender = !el.contains(timeline);
    if (firstRender) mount(el, head, h('div', { class: 'conv-body' }, main, side));
    renderHead(c);
    const scroll = timeline.scrollTop;
    mount(timeline, renderTimeline(buildTimeline(data), timelineCtx));
    timeline.scrollTop = firstRender || atBottom ? timeline.scrollHeight : scroll;
    renderSide(data);
    composer?.setConversation(c);
  }

  async function refresh(force = false) {
    if (!id) return;
    const want = id;
    try {
      const d = await get(`/api/conversations/${encodeURIComponent(want)}`);
      if (want !== id) return; // the agent moved on meanwhile
      data = d;
      render(force);
    } catch (err) {
      if (want !== id || err?.status === 401) return;
      if (err?.status === 404 || err?.status === 400)
        mount(el, h('p', { class: 'placeholder muted' }, t('conv.notFound')));
    }
  }

  return {
    el,
    get id() {
      return id;
    },
    /** Poll faster for a few seconds after a reply, to show queued → delivered. */
    get wantsFastPoll() {
      return Date.now() < fastUntil;
    },
    async open(newId) {
      if (newId === id) return;
      id = newId;
      data = null;
      signature = '';
      if (!newId) {
        mount(el, h('p', { class: 'placeholder muted' }, t('conv.pick')));
        return;
      }
      mount(el, h('p', { class: 'placeholder muted' }, t('conv.loading')));
      await refresh(true);
    },
    refresh,
    focusReply() {
      composer?.focus();
    },
  };
}
