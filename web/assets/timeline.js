import { h } from './h.js';
import { label, t } from './i18n.js';
import { formatFull, formatTime } from './urgency.js';
import { intentBadge, sentimentBadge } from './widgets.js';

export const SENTIMENTS = ['negative', 'neutral', 'positive'];
export const INTENTS = ['complaint', 'sales_question', 'support_question', 'praise', 'spam', 'other'];

/**
 * One story, oldest first: what the customer wrote, what we answered (with delivery status)
 * and the team's internal notes. A delivered reply also comes back as an outbound item with the
 * platform's message id; that item is the same message, so only the reply is shown.
 */
export function buildTimeline({ items = [], replies = [], notes = [] }) {
  const delivered = new Set(replies.map((r) => r.platformMessageId).filter(Boolean));
  const entries = [];
  for (const it of items) {
    if (it.direction === 'outbound' && delivered.has(it.externalId)) continue;
    entries.push({
      kind: it.direction === 'outbound' ? 'outbound' : 'item',
      at: it.createdAt,
      key: `i${it.id}`,
      data: it,
    });
  }
  for (const r of replies) entries.push({ kind: 'reply', at: r.createdAt, key: `r${r.id}`, data: r });
  for (const n of notes) entries.push({ kind: 'note', at: n.createdAt, key: `n${n.id}`, data: n });
  return entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.key.localeCompare(b.key));
}

function textBlock(text) {
  return h('div', { class: 'msg-text' }, text ?? '');
}

function time(iso) {
  return h('time', { datetime: iso ?? '', title: formatFull(iso) }, formatTime(iso));
}

function correction(item, ctx) {
  const sentiment = h(
    'select',
    { 'aria-label': t('sentiment.label') },
    SENTIMENTS.map((s) =>
      h('option', { value: s, selected: item.sentimentLabel === s }, label('sentiment', s)),
    ),
  );
  const intent = h(
    'select',
    { 'aria-label': t('intent.label') },
    INTENTS.map((i) => h('option', { value: i, selected: item.intent === i }, label('intent', i))),
  );
  const save = h('button', { type: 'button', class: 'btn btn-small' }, 'OK');
  const form = h('div', { class: 'correct-form', hidden: true }, sentiment, intent, save);
  save.addEventListener('click', async () => {
    const body = {};
    if (sentiment.value !== item.sentimentLabel) body.sentiment = sentiment.value;
    if (intent.value !== item.intent) body.intent = intent.value;
    if (!Object.keys(body).length) {
      form.hidden = true;
      return;
    }
    save.disabled = true;
    const ok = await ctx.onCorrect(item.id, body);
    save.disabled = false;
    if (ok) form.hidden = true;
  });
  const toggle = h(
    'button',
    {
      type: 'button',
      class: 'btn-icon',
      title: t('item.correct'),
      'aria-label': t('item.correct'),
      onclick: () => {
        form.hidden = !form.hidden;
      },
    },
    '✎',
  );
  return [toggle, form];
}

function customerItem(it, ctx) {
  const versions = Array.isArray(it.previousTexts) ? it.previousTexts : [];
  const [toggle, form] = ctx.canWrite ? correction(it, ctx) : [null, null];
  return h(
    'article',
    { class: ['msg', 'msg-in', it.archivedAt && 'archived'], 'data-item': it.id },
    h(
      'header',
      { class: 'msg-head' },
      h('strong', null, it.authorName || it.authorExternalId || '—'),
      time(it.createdAt),
      it.editedAt
        ? h('span', { class: 'muted small', title: formatFull(it.editedAt) }, t('item.edited'))
        : null,
      it.archivedAt ? h('span', { class: 'badge' }, t('item.archived')) : null,
      h('span', { class: 'msg-badges' }, intentBadge(it.intent), sentimentBadge(it.sentimentLabel), toggle),
    ),
    textBlock(it.text),
    versions.length
      ? h(
          'details',
          { class: 'versions' },
          h('summary', null, t('item.previous', { n: versions.length })),
          versions.map((v) =>
            h('div', { class: 'msg-text old' }, typeof v === 'string' ? v : (v?.text ?? '')),
          ),
        )
      : null,
    form,
  );
}

function outboundItem(it) {
  return h(
    'article',
    { class: ['msg', 'msg-out'] },
    h(
      'header',
      { class: 'msg-head' },
      h('strong', null, it.authorName || t('item.ourMessage')),
      time(it.createdAt),
    ),
    textBlock(it.text),
  );
}

function reply(r, ctx) {
  const actions = [];
  if (ctx.canWrite && (r.status === 'failed' || r.status === 'unknown')) {
    actions.push(
      h(
        'button',
        { type: 'button', class: 'btn btn-small', onclick: () => ctx.onResend(r.id) },
        t('reply.resend'),
      ),
    );
  }
  if (ctx.canWrite && r.status === 'unknown') {
    actions.push(
      h(
        'button',
        { type: 'button', class: 'btn btn-small btn-ghost', onclick: () => ctx.onMarkDelivered(r.id) },
        t('reply.markDelivered'),
      ),
    );
  }
  return h(
    'article',
    { class: ['msg', 'msg-out', `delivery-${r.status}`], 'data-reply': r.id },
    h(
      'header',
      { class: 'msg-head' },
      h('strong', null, t('reply.by', { name: r.authorName ?? '—' })),
      time(r.deliveredAt ?? r.createdAt),
      h('span', { class: ['delivery', `delivery-chip-${r.status}`] }, label('delivery', r.status)),
    ),
    textBlock(r.text),
    r.status === 'unknown' ? h('p', { class: 'small warn-text' }, t('reply.unknownHint')) : null,
    r.lastError && r.status !== 'delivered'
      ? h('p', { class: 'small error-text' }, t('reply.error', { message: replyReason(r.lastError) }))
      : null,
    actions.length ? h('div', { class: 'msg-actions' }, actions) : null,
  );
}

/**
 * Why a reply failed, in the reader's language: the server's text starts with the outcome's code
 * (`unsupported: …`); the platform's own words follow in brackets for whoever has to dig further.
 */
export function replyReason(lastError) {
  const code = /^gave up after /.test(lastError) ? 'gave_up' : /^([a-z_]+): /.exec(lastError)?.[1];
  const words = code ? label('replyReason', code) : '';
  return words && words !== code ? `${words} (${lastError})` : lastError;
}

function note(n) {
  return h(
    'aside',
    { class: 'note', 'aria-label': t('note.label') },
    h(
      'header',
      { class: 'msg-head' },
      h('span', { class: 'note-label' }, t('note.label')),
      h('strong', null, n.authorName ?? '—'),
      time(n.createdAt),
    ),
    textBlock(n.text),
  );
}

export function renderTimeline(entries, ctx) {
  return entries.map((e) => {
    switch (e.kind) {
      case 'item':
        return customerItem(e.data, ctx);
      case 'outbound':
        return outboundItem(e.data);
      case 'reply':
        return reply(e.data, ctx);
      default:
        return note(e.data);
    }
  });
}
