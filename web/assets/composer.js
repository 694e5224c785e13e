import { ApiError, get, newIdempotencyKey, post } from './api.js';
import { h, mount } from './h.js';
import { lang, t } from './i18n.js';
import { toast } from './widgets.js';

/** Drafts survive switching between conversations (memory only; never stored on disk). */
const drafts = new Map();
let templatesPromise = null;

function loadTemplates() {
  templatesPromise ??= get('/api/templates').catch(() => {
    templatesPromise = null; // try again next time
    return [];
  });
  return templatesPromise;
}

/** Fills {name} / {{name}} in a template with the customer's name. */
export function fillTemplate(body, vars) {
  return String(body).replace(/\{\{?\s*(\w+)\s*\}?\}/g, (m, k) =>
    vars[k] !== undefined && vars[k] !== '' ? String(vars[k]) : m,
  );
}

/**
 * Reply box and note box. Ctrl+Enter (or ⌘+Enter) sends. A reply carries an Idempotency-Key that
 * stays the same until it is accepted, so a retry after a network error never sends twice.
 */
export function createComposer({ onSent }) {
  let conv = null;
  let mode = 'reply';
  let replyKey = null;

  const textarea = h('textarea', { class: 'compose-text', rows: '4', maxlength: '4096' });
  const templates = h('select', { class: 'template-picker', 'aria-label': t('compose.template') });
  const after = h(
    'select',
    { 'aria-label': t('compose.after'), title: t('compose.after') },
    h('option', { value: 'pending' }, t('compose.afterPending')),
    h('option', { value: 'resolved' }, t('compose.afterResolved')),
    h('option', { value: 'open' }, t('compose.afterOpen')),
  );
  const send = h('button', { type: 'submit', class: 'btn btn-primary' });
  const tabs = h('div', { class: 'compose-tabs' });
  const controls = h('div', { class: 'compose-controls' });
  const form = h('form', { class: 'composer' }, tabs, textarea, controls);

  function draftKey() {
    return conv ? `${mode}:${conv.id}` : '';
  }

  function renderChrome() {
    form.classList.toggle('note-mode', mode === 'note');
    mount(
      tabs,
      ['reply', 'note'].map((m) =>
        h(
          'button',
          {
            type: 'button',
            class: ['tab', mode === m && 'active'],
            onclick: () => {
              drafts.set(draftKey(), textarea.value);
              mode = m;
              textarea.value = drafts.get(draftKey()) ?? '';
              renderChrome();
              textarea.focus();
            },
          },
          t(m === 'reply' ? 'compose.reply' : 'compose.note'),
        ),
      ),
    );
    textarea.placeholder = t(mode === 'reply' ? 'compose.replyPlaceholder' : 'compose.notePlaceholder');
    send.textContent = t(mode === 'reply' ? 'compose.send' : 'compose.addNote');
    mount(
      controls,
      mode === 'reply' ? templates : null,
      mode === 'reply' ? after : null,
      h('span', { class: 'muted small grow' }, t('compose.hint')),
      send,
    );
  }

  async function fillTemplates() {
    const list = await loadTemplates();
    const mine = [...list].sort(
      (a, b) =>
        Number(b.locale === lang()) - Number(a.locale === lang()) ||
        String(a.name).localeCompare(String(b.name)),
    );
    const fitting = mine.filter((x) => !x.intent || !conv?.intent || x.intent === conv.intent);
    mount(
      templates,
      h('option', { value: '' }, fitting.length ? t('compose.template') : t('compose.noTemplates')),
      fitting.map((x) =>
        h('option', { value: x.id }, `${x.shortcut ? '/' + x.shortcut + ' · ' : ''}${x.name}`),
      ),
    );
    templates.onchange = () => {
      const tpl = list.find((x) => x.id === templates.value);
      templates.value = '';
      if (!tpl) return;
      const name = conv?.contact?.displayName?.split(/\s+/)[0] ?? '';
      const text = fillTemplate(tpl.body, { name, customer: name });
      const { selectionStart: s, selectionEnd: e, value } = textarea;
      textarea.value = value.slice(0, s) + text + value.slice(e);
      textarea.focus();
      textarea.selectionStart = textarea.selectionEnd = s + text.length;
    };
  }

  async function submit() {
    const text = textarea.value;
    if (!conv || !text.trim() || send.disabled) return;
    send.disabled = true;
    const label = send.textContent;
    send.textContent = t('compose.sending');
    try {
      if (mode === 'reply') {
        replyKey ??= newIdempotencyKey();
        await post(
          `/api/conversations/${conv.id}/replies`,
          { text, statusAfter: after.value },
          { headers: { 'Idempotency-Key': replyKey } },
        );
        replyKey = null;
        toast(t('compose.queued'));
      } else {
        await post(`/api/conversations/${conv.id}/notes`, { text });
        toast(t('compose.noteSaved'));
      }
      textarea.value = '';
      drafts.delete(draftKey());
      onSent(mode);
    } catch (err) {
      const msg =
        err instanceof ApiError && err.status === 403
          ? t('error.forbidden')
          : t('error.generic', { message: err.message });
      toast(msg, 'error');
    } finally {
      send.disabled = false;
      send.textContent = label;
    }
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void submit();
  });
  textarea.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault();
      void submit();
    }
  });
  textarea.addEventListener('input', () => {
    drafts.set(draftKey(), textarea.value);
    replyKey = null; // a changed text is a new reply
  });

  renderChrome();
  return {
    el: form,
    /** Point the composer at a conversation (keeps each conversation's draft). */
    setConversation(c) {
      if (conv?.id !== c.id) {
        if (conv) drafts.set(draftKey(), textarea.value);
        conv = c;
        replyKey = null;
        textarea.value = drafts.get(draftKey()) ?? '';
        void fillTemplates();
      } else {
        conv = c;
      }
    },
    focus() {
      textarea.focus();
    },
  };
}
