import { h } from './h.js';
import { label, lang, setLang, t } from './i18n.js';
import { urgency, urgencyShort, urgencyText } from './urgency.js';

const PLATFORM_SHORT = { vk: 'VK', telegram: 'TG', webhook: 'WH' };

export function platformChip(platform) {
  const p = String(platform ?? '');
  return h(
    'span',
    { class: ['platform', `platform-${/^[a-z]+$/.test(p) ? p : 'other'}`], title: label('platform', p) },
    PLATFORM_SHORT[p] ?? p.slice(0, 2).toUpperCase(),
  );
}

export function intentBadge(intent) {
  if (!intent) return null;
  return h('span', { class: ['badge', `intent-${intent}`] }, label('intent', intent));
}

export function sentimentBadge(s) {
  if (!s) return null;
  return h('span', { class: ['badge', `sentiment-${s}`] }, label('sentiment', s));
}

/** The customer's name as the platform gave it; never markup. */
export function authorOf(c) {
  const ct = c.contact ?? {};
  return ct.displayName || (ct.username ? `@${ct.username}` : '') || c.subject || c.sourceName || '—';
}

/**
 * A live countdown: the data-* attributes carry the deadline and tick() refreshes every one
 * on the page once a second, without asking the server.
 */
export function countdown(c, { long = false } = {}) {
  const el = h('span', {
    class: 'countdown',
    'data-due': c.dueAt ?? '',
    'data-start': c.slaStartedAt ?? '',
    'data-breached': c.slaBreachedAt ?? '',
    'data-status': c.status ?? '',
    'data-long': long ? '1' : '',
  });
  paint(el, Date.now());
  return el;
}

function paint(el, now) {
  const u = urgency(
    {
      dueAt: el.dataset.due || null,
      slaStartedAt: el.dataset.start || null,
      slaBreachedAt: el.dataset.breached || null,
      status: el.dataset.status,
    },
    now,
  );
  const text = el.dataset.long ? urgencyText(u) : urgencyShort(u);
  if (el.textContent !== text) el.textContent = text;
  el.className = `countdown urgency-${u.level}`;
  el.title =
    u.level === 'breached' ? t('urgency.breachedTitle') : u.level === 'warn' ? t('urgency.warnTitle') : '';
  const row = el.closest('[data-urgency]');
  if (row && row.dataset.urgency !== u.level) row.dataset.urgency = u.level;
}

export function tickCountdowns(root = document) {
  const now = Date.now();
  for (const el of root.querySelectorAll('.countdown')) paint(el, now);
}

/** A transient message at the bottom of the screen. */
export function toast(text, kind = 'info') {
  let box = document.getElementById('toasts');
  if (!box) {
    box = h('div', { id: 'toasts', class: 'toasts', role: 'status' });
    document.body.appendChild(box);
  }
  const el = h('div', { class: ['toast', `toast-${kind}`] }, text);
  box.appendChild(el);
  setTimeout(() => el.remove(), kind === 'error' ? 6000 : 3000);
}

/** The ru/en switch; `rerender` redraws the page in the new language. */
export function langToggle(rerender) {
  return h(
    'button',
    {
      type: 'button',
      class: 'btn btn-ghost lang-toggle',
      title: t('top.langTitle'),
      onclick: () => {
        setLang(lang() === 'ru' ? 'en' : 'ru');
        rerender();
      },
    },
    t('top.lang'),
  );
}
