import { useQueryClient } from '@tanstack/react-query';
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, newIdempotencyKey, post, type Conversation, type Template } from '../api/client';
import { keys, useTemplates } from '../api/queries';
import { currentLanguage } from '../i18n';
import { errorText } from '../ui/errors';
import { useToast } from '../ui/toasts';
import { useOwnPresence } from '../share/presence';
import { authorOf } from './filters';
import { rankTemplates, slashQuery } from './fuzzy';

export type ComposeMode = 'reply' | 'note';
type StatusAfter = 'pending' | 'resolved' | 'open';

/** Drafts survive switching between conversations (memory only; never stored on disk). */
const drafts = new Map<string, string>();

/** Fills {name} / {{name}} in a template with the customer's first name. */
export function fillTemplate(body: string, vars: Record<string, string>): string {
  return body.replace(/\{\{?\s*(\w+)\s*\}?\}/g, (m, k: string) => (vars[k] ? vars[k] : m));
}

/**
 * Templates for this conversation, all of them: the detected intent and the user's language only
 * rank them (an intent the model got wrong must not hide the right answer).
 */
export function templatesFor(list: readonly Template[], intent: string | null, lang: string): Template[] {
  return rankTemplates(list, '', intent, lang);
}

/** How many matches the `/` picker shows. */
const PICKER_MAX = 8;

export interface ComposerHandle {
  focus(mode?: ComposeMode): void;
  /** Puts text into the reply at the cursor (a knowledge-base link or excerpt). */
  insert(text: string): void;
}

/**
 * The reply box and the note box. Ctrl+Enter (⌘+Enter) sends. A reply carries an
 * Idempotency-Key that stays the same until the server accepts it, so a retry after a network
 * error or a double click never sends twice; changing the text makes it a new reply.
 */
export const Composer = forwardRef<
  ComposerHandle,
  { conversation: Conversation; loadedAt?: string; onSent?: (mode: ComposeMode) => void }
>(function Composer({ conversation, loadedAt, onSent }, ref) {
  const { t } = useTranslation();
  const toast = useToast();
  const qc = useQueryClient();
  const templates = useTemplates();
  const [mode, setMode] = useState<ComposeMode>('reply');
  const [text, setText] = useState(() => drafts.get(`reply:${conversation.id}`) ?? '');
  const [after, setAfter] = useState<StatusAfter>('pending');
  const [busy, setBusy] = useState(false);
  const replyKey = useRef<string | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const draftKey = `${mode}:${conversation.id}`;
  // colleagues see that this person is here, and typing a reply
  useOwnPresence(conversation.id, mode === 'reply' ? text : '');

  // another conversation or mode: its own draft (and a new reply key)
  useEffect(() => {
    setText(drafts.get(draftKey) ?? '');
    replyKey.current = null;
  }, [draftKey]);

  useImperativeHandle(ref, () => ({
    focus(m) {
      if (m && m !== mode) setMode(m);
      setTimeout(() => area.current?.focus(), 0);
    },
    insert(text) {
      insertText(text);
    },
  }));

  const fitting = templatesFor(templates.data ?? [], conversation.intent, currentLanguage());
  // the `/query` typed before the caret opens the picker (Escape closes it until the next `/`)
  const [caret, setCaret] = useState(0);
  const [closedAt, setClosedAt] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const slash = mode === 'reply' ? slashQuery(text, caret) : null;
  const picking = slash && closedAt !== slash.start ? slash : null;
  const matches = picking
    ? rankTemplates(templates.data ?? [], picking.query, conversation.intent, currentLanguage()).slice(
        0,
        PICKER_MAX,
      )
    : [];
  const pickerOpen = !!picking && matches.length > 0;

  function insertTemplate(id: string, replaceFrom?: number) {
    const tpl = templates.data?.find((x) => x.id === id);
    if (!tpl) return;
    const name = authorOf(conversation).split(/\s+/)[0]?.replace(/^@/, '') ?? '';
    insertText(fillTemplate(tpl.body, { name, customer: name }), replaceFrom);
  }

  /** Puts text at the caret (or over the typed `/query` from `replaceFrom`). */
  function insertText(filled: string, replaceFrom?: number) {
    const el = area.current;
    const s = replaceFrom ?? el?.selectionStart ?? text.length;
    const e = el?.selectionEnd ?? text.length;
    const next = text.slice(0, s) + filled + text.slice(e);
    change(next);
    setCaret(s + filled.length);
    setActive(0);
    setTimeout(() => {
      el?.focus();
      el?.setSelectionRange(s + filled.length, s + filled.length);
    }, 0);
  }

  function change(v: string) {
    setText(v);
    drafts.set(draftKey, v);
    replyKey.current = null; // a changed text is a new reply
  }

  async function submit() {
    if (!text.trim() || busy) return;
    setBusy(true);
    try {
      if (mode === 'reply') {
        replyKey.current ??= newIdempotencyKey();
        const send = (force: boolean) =>
          post(
            `/api/conversations/${conversation.id}/replies`,
            { text, statusAfter: after, ...(loadedAt ? { loadedAt } : {}), ...(force ? { force } : {}) },
            { headers: { 'Idempotency-Key': replyKey.current! } },
          );
        try {
          await send(false);
        } catch (err) {
          // someone answered this message since it was loaded: show it and ask before sending
          if (!(err instanceof ApiError && err.code === 'already_answered')) throw err;
          const other = (err.body as { reply?: { authorName?: string | null; text?: string } }).reply;
          void qc.invalidateQueries({ queryKey: keys.conversation(conversation.id) });
          const ok = window.confirm(
            t('share.alreadyAnswered', {
              name: other?.authorName || t('share.someone'),
              text: (other?.text ?? '').slice(0, 200),
            }),
          );
          if (!ok) return;
          await send(true);
        }
        replyKey.current = null;
        toast(t('compose.queued'));
      } else {
        await post(`/api/conversations/${conversation.id}/notes`, { text });
        toast(t('compose.noteSaved'));
      }
      drafts.delete(draftKey);
      setText('');
      void qc.invalidateQueries({ queryKey: keys.conversation(conversation.id) });
      onSent?.(mode);
    } catch (err) {
      toast(errorText(err, { 409: t('conv.conflict') }), 'error');
      if (err instanceof ApiError && err.status === 409)
        void qc.invalidateQueries({ queryKey: keys.conversation(conversation.id) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className={`composer${mode === 'note' ? ' note-mode' : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="compose-tabs" role="tablist">
        {(['reply', 'note'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={mode === m}
            className={`tab${mode === m ? ' active' : ''}`}
            aria-keyshortcuts={m === 'reply' ? 'r' : 'n'}
            onClick={() => {
              setMode(m);
              setTimeout(() => area.current?.focus(), 0);
            }}
          >
            {t(m === 'reply' ? 'compose.reply' : 'compose.note')}
          </button>
        ))}
      </div>
      <label className="sr-only" htmlFor="compose-text">
        {t(mode === 'reply' ? 'compose.reply' : 'compose.note')}
      </label>
      <textarea
        id="compose-text"
        ref={area}
        className="compose-text"
        rows={4}
        maxLength={4096}
        value={text}
        placeholder={t(mode === 'reply' ? 'compose.replyPlaceholder' : 'compose.notePlaceholder')}
        aria-autocomplete="list"
        aria-controls={pickerOpen ? 'template-picker' : undefined}
        aria-activedescendant={
          pickerOpen ? `tpl-${matches[Math.min(active, matches.length - 1)]!.id}` : undefined
        }
        onChange={(e) => {
          change(e.target.value);
          setCaret(e.target.selectionStart ?? e.target.value.length);
          setActive(0);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
        onKeyDown={(e) => {
          if (pickerOpen && picking) {
            const n = matches.length;
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
              return;
            }
            if ((e.key === 'Enter' && !e.ctrlKey && !e.metaKey) || e.key === 'Tab') {
              e.preventDefault();
              insertTemplate(matches[Math.min(active, n - 1)]!.id, picking.start);
              return;
            }
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              setClosedAt(picking.start);
              return;
            }
          }
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void submit();
          }
        }}
      />
      {pickerOpen ? (
        <ul
          id="template-picker"
          className="template-suggest"
          role="listbox"
          aria-label={t('compose.template')}
        >
          {matches.map((x, i) => (
            <li
              key={x.id}
              id={`tpl-${x.id}`}
              role="option"
              aria-selected={i === Math.min(active, matches.length - 1)}
              className={i === Math.min(active, matches.length - 1) ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                insertTemplate(x.id, picking!.start);
              }}
            >
              <span className="tpl-name">
                {x.shortcut ? <span className="muted">/{x.shortcut} · </span> : null}
                {x.name}
              </span>
              <span className="tpl-body muted small">{x.body}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="compose-controls">
        {mode === 'reply' ? (
          <>
            <select
              className="template-picker"
              aria-label={t('compose.template')}
              value=""
              onChange={(e) => insertTemplate(e.target.value)}
            >
              <option value="">{fitting.length ? t('compose.template') : t('compose.noTemplates')}</option>
              {fitting.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.shortcut ? `/${x.shortcut} · ` : ''}
                  {x.name}
                </option>
              ))}
            </select>
            <select
              aria-label={t('compose.after')}
              title={t('compose.after')}
              value={after}
              onChange={(e) => setAfter(e.target.value as StatusAfter)}
            >
              <option value="pending">{t('compose.afterPending')}</option>
              <option value="resolved">{t('compose.afterResolved')}</option>
              <option value="open">{t('compose.afterOpen')}</option>
            </select>
          </>
        ) : null}
        <span className="muted small grow hide-narrow">{t('compose.hint')}</span>
        <button type="submit" className="btn btn-primary" disabled={busy || !text.trim()}>
          {busy ? t('compose.sending') : t(mode === 'reply' ? 'compose.send' : 'compose.addNote')}
        </button>
      </div>
    </form>
  );
});
