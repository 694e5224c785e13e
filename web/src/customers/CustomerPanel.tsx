import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get, patch, post, type Schemas } from '../api/client';
import { keys } from '../api/queries';
import { canWrite, useSession } from '../app/session';
import { formatFull, formatTime } from '../lib/time';
import { PlatformChip, SentimentBadge } from '../ui/badges';
import { errorText } from '../ui/errors';
import { useToast } from '../ui/toasts';

type Customer = Schemas['CustomerView'];
type Suggestion = Schemas['SamePersonSuggestionView'];
type CustomerNote = Schemas['CustomerNoteView'];

export const customerKeys = {
  customer: (id: string) => ['customer', id] as const,
  suggestions: (id: string) => ['customer-suggestions', id] as const,
};

/** Sentiment counts per local day (the browser's zone), oldest first, the last `days` days with data. */
export function sentimentByDay(points: Customer['sentiment'], days = 14) {
  const byDay = new Map<string, { positive: number; neutral: number; negative: number }>();
  const fmt = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });
  for (const p of points) {
    const day = fmt.format(new Date(p.at));
    const d = byDay.get(day) ?? { positive: 0, neutral: 0, negative: 0 };
    if (p.label === 'positive' || p.label === 'neutral' || p.label === 'negative') d[p.label]++;
    byDay.set(day, d);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .slice(-days)
    .map(([day, c]) => ({ day, ...c }));
}

/**
 * The customer 360° beside a conversation: the person on every platform (link a suggested
 * contact, unlink one linked by mistake), sentiment by day, the team's notes and every message.
 */
export function CustomerPanel({
  customerId,
  conversationId,
}: {
  customerId: string;
  conversationId: string;
}) {
  const { t } = useTranslation();
  const { me } = useSession();
  const writer = canWrite(me);
  const qc = useQueryClient();
  const toast = useToast();
  const q = useQuery({
    queryKey: customerKeys.customer(customerId),
    queryFn: ({ signal }) => get<Customer>(`/api/customers/${customerId}`, { signal }),
  });
  const suggestions = useQuery({
    queryKey: customerKeys.suggestions(customerId),
    queryFn: ({ signal }) => get<Suggestion[]>(`/api/customers/${customerId}/suggestions`, { signal }),
  });

  // Linking may make another customer the survivor: the conversation learns its customer first,
  // so the panel moves to it before anything refetches the merged one (gone: a 404).
  // The old customer's queries are only marked stale, never refetched here: until React renders the
  // panel for the survivor they are still mounted, and a refetch of a merged customer is a 404.
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: keys.conversation(conversationId) });
    const now = qc.getQueryData<{ conversation?: { customerId?: string | null } }>(
      keys.conversation(conversationId),
    )?.conversation?.customerId;
    const moved = !!now && now !== customerId;
    for (const key of ['customer', 'customer-suggestions'])
      void qc.invalidateQueries({
        queryKey: [key],
        refetchType: 'none',
      });
    if (!moved) {
      void qc.refetchQueries({ queryKey: customerKeys.customer(customerId) });
      void qc.refetchQueries({ queryKey: customerKeys.suggestions(customerId) });
    }
  };

  async function act(fn: () => Promise<unknown>, done: string) {
    try {
      await fn();
      toast(done);
    } catch (err) {
      toast(errorText(err), 'error');
    }
    await refresh();
  }

  if (q.isPending) return <p className="muted small">{t('customer.loading')}</p>;
  if (q.isError || !q.data) return <p className="muted small">{errorText(q.error)}</p>;
  const c = q.data;
  const anyContact = c.contacts[0]?.id;
  const days = sentimentByDay(c.sentiment);

  return (
    <section className="customer-panel" aria-label={t('customer.title')}>
      <h3>{t('customer.contacts')}</h3>
      <ul className="customer-contacts">
        {c.contacts.map((ct) => (
          <li key={ct.id}>
            <PlatformChip platform={ct.platform} />
            <span className="grow">
              {ct.displayName || ct.externalId}
              {ct.username ? <span className="muted"> @{ct.username}</span> : null}
              <span className="muted small">
                {' '}
                · {t('customer.conversationsCount', { count: ct.conversationCount })}
              </span>
            </span>
            {writer && c.contacts.length > 1 ? (
              <button
                type="button"
                className="btn btn-small btn-ghost"
                onClick={() => {
                  if (window.confirm(t('customer.unlinkConfirm', { name: ct.displayName || ct.externalId })))
                    void act(() => post(`/api/contacts/${ct.id}/unlink`), t('customer.unlinked'));
                }}
              >
                {t('customer.unlink')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>

      <h3>{t('customer.suggestions')}</h3>
      {suggestions.data?.length ? (
        <ul className="customer-suggestions">
          {suggestions.data.map((s) => (
            <li key={s.contact.id} className="card">
              <div className="row-top">
                <PlatformChip platform={s.contact.platform} />
                <span className="grow">{s.contact.displayName || s.contact.externalId}</span>
              </div>
              <p className="muted small">
                {s.reasons.map((r) => t(`customer.reason_${r.reason}`, { value: r.value })).join('; ')}
              </p>
              {writer && anyContact ? (
                <div className="button-row">
                  <button
                    type="button"
                    className="btn btn-small btn-primary"
                    onClick={() =>
                      void act(
                        () => post('/api/contacts/link', { contactIds: [anyContact, s.contact.id] }),
                        t('customer.linked'),
                      )
                    }
                  >
                    {t('customer.link')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() =>
                      void act(
                        () =>
                          post(`/api/customers/${customerId}/suggestions/dismiss`, {
                            contactId: s.contact.id,
                          }),
                        t('customer.dismiss'),
                      )
                    }
                  >
                    {t('customer.dismiss')}
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">
          {suggestions.isPending ? t('customer.loading') : t('customer.suggestionsNone')}
        </p>
      )}

      <h3>{t('customer.sentiment')}</h3>
      {days.length ? (
        <SentimentDays days={days} />
      ) : (
        <p className="muted small">{t('customer.sentimentNone')}</p>
      )}

      <h3>{t('customer.notes')}</h3>
      <Notes customerId={customerId} notes={c.notes} writer={writer} onChange={() => void refresh()} />

      <details className="customer-items">
        <summary>{t('customer.itemsCount', { count: c.items.length })}</summary>
        <ul className="other-list">
          {c.items.map((i) => (
            <li key={i.id} className={`customer-item ${i.direction}`}>
              <span className="row-top">
                <PlatformChip platform={i.platform} />
                <SentimentBadge sentiment={i.sentimentLabel} />
                <span className="muted small">{formatTime(i.createdAt)}</span>
              </span>
              <span className="preview">{i.text}</span>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

/** A stacked bar per day (SVG attributes, no inline styles: the CSP forbids them). */
function SentimentDays({ days }: { days: ReturnType<typeof sentimentByDay> }) {
  const { t } = useTranslation();
  const max = Math.max(...days.map((d) => d.positive + d.neutral + d.negative), 1);
  const w = 14;
  const h = 40;
  return (
    <svg
      className="sentiment-days"
      role="img"
      viewBox={`0 0 ${days.length * (w + 4)} ${h}`}
      width={days.length * (w + 4)}
      height={h}
      aria-label={t('customer.sentiment')}
    >
      {days.map((d, i) => {
        let y = h;
        const seg = (n: number, cls: string) => {
          const hh = (n / max) * h;
          y -= hh;
          return n ? <rect key={cls} className={cls} x={i * (w + 4)} y={y} width={w} height={hh} /> : null;
        };
        return (
          <g key={d.day}>
            <title>{t('customer.sentimentDay', d)}</title>
            {seg(d.negative, 'neg')}
            {seg(d.neutral, 'neu')}
            {seg(d.positive, 'pos')}
          </g>
        );
      })}
    </svg>
  );
}

function Notes({
  customerId,
  notes,
  writer,
  onChange,
}: {
  customerId: string;
  notes: CustomerNote[];
  writer: boolean;
  onChange(): void;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const [text, setText] = useState('');
  async function add(ev: FormEvent) {
    ev.preventDefault();
    if (!text.trim()) return;
    try {
      await post(`/api/customers/${customerId}/notes`, { text });
      setText('');
      toast(t('customer.noteAdded'));
    } catch (err) {
      toast(errorText(err), 'error');
    }
    onChange();
  }
  return (
    <>
      {notes.length ? (
        <ul className="customer-notes">
          {notes.map((n) => (
            <NoteRow key={n.id} customerId={customerId} note={n} onChange={onChange} />
          ))}
        </ul>
      ) : (
        <p className="muted small">{t('customer.notesNone')}</p>
      )}
      {writer ? (
        <form className="form customer-note-form" onSubmit={(e) => void add(e)}>
          <textarea
            aria-label={t('customer.notePlaceholder')}
            placeholder={t('customer.notePlaceholder')}
            rows={2}
            maxLength={4000}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="btn btn-small" disabled={!text.trim()}>
            {t('customer.addNote')}
          </button>
        </form>
      ) : null}
    </>
  );
}

function NoteRow({
  customerId,
  note,
  onChange,
}: {
  customerId: string;
  note: CustomerNote;
  onChange(): void;
}) {
  const { t } = useTranslation();
  const { me } = useSession();
  const toast = useToast();
  const [editing, setEditing] = useState<string | null>(null);
  const mayEdit = note.authorId === me.id || me.role === 'admin';
  async function save(ev: FormEvent) {
    ev.preventDefault();
    try {
      await patch(`/api/customers/${customerId}/notes/${note.id}`, { text: editing });
      setEditing(null);
    } catch (err) {
      toast(errorText(err), 'error');
    }
    onChange();
  }
  return (
    <li className="card customer-note">
      {editing !== null ? (
        <form className="form" onSubmit={(e) => void save(e)}>
          <textarea
            aria-label={t('customer.edit')}
            rows={3}
            maxLength={4000}
            value={editing}
            onChange={(e) => setEditing(e.target.value)}
          />
          <div className="button-row">
            <button type="submit" className="btn btn-small btn-primary" disabled={!editing.trim()}>
              {t('customer.save')}
            </button>
            <button type="button" className="btn btn-small" onClick={() => setEditing(null)}>
              {t('customer.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <p className="msg-text">{note.text}</p>
      )}
      <p className="muted small">
        {note.authorName ?? '—'} · {formatFull(note.createdAt)}
        {note.history.length ? ` · ${t('customer.edited')} ${formatFull(note.updatedAt)}` : ''}
        {mayEdit && editing === null ? (
          <>
            {' '}
            <button type="button" className="btn btn-small btn-ghost" onClick={() => setEditing(note.text)}>
              {t('customer.edit')}
            </button>
          </>
        ) : null}
      </p>
      {note.history.length ? (
        <details>
          <summary className="small">{t('customer.history')}</summary>
          <ul className="note-history">
            {note.history.map((h, i) => (
              <li key={i} className="small">
                <span className="muted">{formatFull(h.editedAt)}: </span>
                {h.text}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </li>
  );
}
