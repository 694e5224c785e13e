import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get, post, query, type Schemas } from '../api/client';
import { useLabels } from '../api/queries';
import { isTyping } from '../app/Shell';
import { useSession } from '../app/session';
import { intlLocale } from '../i18n';
import { formatTime } from '../lib/time';
import { PlatformChip, useLabel } from '../ui/badges';
import { errorText } from '../ui/errors';
import { useToast } from '../ui/toasts';
import { WhyBadge } from './WhyBadge';

export type ReviewItem = Schemas['ReviewQueueItemView'];
type Queue = Schemas['ReviewQueueView'];
type Report = Schemas['ReviewReportView'];
type Decision = { sentiment?: string; intent?: string };

export const REVIEW_REASONS = ['low_intent_confidence', 'sentiment_intent_disagree', 'deadline_escalated'];
/** One key per sentiment: n(egative), 0 (neutral), p(ositive). */
export const SENTIMENT_KEYS: Record<string, string> = { n: 'negative', '0': 'neutral', p: 'positive' };

/**
 * The keys of the review screen: Enter or y confirms the model; 1–9 set the intent (in the order
 * the server lists the labels), n/0/p the sentiment; s skips. Each decision is sent at once and
 * the next item comes up. Pure, so the mapping is tested without a page.
 */
export function decisionForKey(
  key: string,
  intents: readonly string[],
): { decision: Decision } | { skip: true } | undefined {
  if (key === 'Enter' || key === 'y') return { decision: {} };
  if (key === 's') return { skip: true };
  if (SENTIMENT_KEYS[key]) return { decision: { sentiment: SENTIMENT_KEYS[key] } };
  if (/^[1-9]$/.test(key) && intents[Number(key) - 1])
    return { decision: { intent: intents[Number(key) - 1] } };
  return undefined;
}

/**
 * Asking for the labels that teach most (issue 16): the items the model flagged, one at a time,
 * confirmed or corrected with one key each; below, the weekly report of corrections and of the
 * model's accuracy on reviewed items. Agents and admins review; admins and analysts read the report.
 */
export default function ReviewPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const reviews = me.role === 'admin' || me.role === 'agent';
  const reads = me.role === 'admin' || me.role === 'analyst';
  return (
    <main className="page review-page">
      <h1>{t('review.title')}</h1>
      {reviews ? <ReviewQueue /> : null}
      {reads ? <ReviewReport /> : null}
    </main>
  );
}

function ReviewQueue() {
  const { t } = useTranslation();
  const label = useLabel();
  const labels = useLabels();
  const qc = useQueryClient();
  const toast = useToast();
  const [reason, setReason] = useState('');
  /** Items decided or skipped on this screen (the queue is refetched when they run out). */
  const [done, setDone] = useState<Set<string>>(() => new Set());
  const [said, setSaid] = useState('');
  const queue = useQuery({
    queryKey: ['review', reason],
    queryFn: () => get<Queue>(`/api/review${query({ reason, limit: 50 })}`),
  });
  const items = (queue.data?.items ?? []).filter((i) => !done.has(i.id));
  const current = items[0];
  const intents = labels.data?.intents ?? [];
  const sentiments = labels.data?.sentiments ?? ['negative', 'neutral', 'positive'];
  const decided = queue.data ? queue.data.items.length - items.length : 0;
  const waiting = Math.max(0, (queue.data?.waiting ?? 0) - decided);

  // The page ran out but the server has more: fetch the next (what was decided here stays filtered
  // out, so a skipped item is not asked again on this screen).
  const lastOfPage = items.length === 1 && waiting > 1;
  const nextPage = () => void qc.invalidateQueries({ queryKey: ['review', reason] });

  const act = useRef<(key: string) => boolean>(() => false);
  const decide = (key: string) => {
    if (!current) return false;
    const d = decisionForKey(key, intents);
    if (!d) return false;
    const item = current;
    setDone((s) => new Set(s).add(item.id));
    if ('skip' in d) {
      setSaid(t('review.skipped'));
      if (lastOfPage) nextPage();
      return true;
    }
    const words = d.decision.intent
      ? t('review.correctedTo', { label: label('intent', d.decision.intent) })
      : d.decision.sentiment
        ? t('review.correctedTo', { label: label('sentiment', d.decision.sentiment) })
        : t('review.confirmed');
    setSaid(words);
    post<Schemas['ReviewResultView']>(`/api/items/${encodeURIComponent(item.id)}/review`, d.decision).then(
      () => {
        void qc.invalidateQueries({ queryKey: ['review-report'] });
        if (lastOfPage) nextPage();
      },
      (err: unknown) => {
        toast(errorText(err), 'error');
        // not recorded: it comes back to be decided again
        setDone((s) => {
          const n = new Set(s);
          n.delete(item.id);
          return n;
        });
      },
    );
    return true;
  };
  useEffect(() => {
    act.current = decide;
  });

  useEffect(() => {
    const onKey = (ev: KeyboardEvent) => {
      if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.defaultPrevented || isTyping(ev)) return;
      if (document.querySelector('dialog[open]')) return;
      // Enter on a focused button or link is that control's own click
      if (ev.key === 'Enter' && (ev.target as HTMLElement)?.closest?.('button, a')) return;
      if (act.current(ev.key)) ev.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <section className="card review-queue" aria-labelledby="review-queue-title">
      <div className="review-bar">
        <h2 id="review-queue-title">{t('review.queue')}</h2>
        <span className="muted" role="status">
          {queue.data ? t('review.waiting', { count: waiting }) : ''}
        </span>
        <span className="grow" />
        <label className="inline-field">
          <span>{t('review.reason')}</span>
          <select
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setDone(new Set());
            }}
          >
            <option value="">{t('review.allReasons')}</option>
            {REVIEW_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`review.reasons.${r}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {queue.error ? <p className="form-error">{errorText(queue.error)}</p> : null}
      {queue.isPending ? <p className="muted">…</p> : null}
      {queue.data && !current ? <p className="muted review-empty">{t('review.empty')}</p> : null}
      {current ? (
        <Current item={current} intents={intents} sentiments={sentiments} onKey={(k) => void decide(k)} />
      ) : null}
      <p className="sr-only" aria-live="polite">
        {said}
      </p>
    </section>
  );
}

function Current({
  item,
  intents,
  sentiments,
  onKey,
}: {
  item: ReviewItem;
  intents: string[];
  sentiments: string[];
  onKey(key: string): void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const percent = new Intl.NumberFormat(intlLocale(), { style: 'percent' });
  const sentimentKey = Object.fromEntries(Object.entries(SENTIMENT_KEYS).map(([k, v]) => [v, k]));
  // Each item takes the focus as it comes up: the keys act on it (not on the link or button that
  // had the focus), and a screen reader reads the new text.
  const card = useRef<HTMLElement>(null);
  useEffect(() => card.current?.focus({ preventScroll: true }), [item.id]);
  return (
    <article
      ref={card}
      tabIndex={-1}
      className="review-item"
      data-item={item.id}
      aria-labelledby={`review-text-${item.id}`}
    >
      <header className="msg-head">
        <PlatformChip platform={item.platform} />
        <span className="badge">{t(`review.reasons.${item.reviewReason}`)}</span>
        <time dateTime={item.receivedAt}>{formatTime(item.receivedAt)}</time>
        {item.conversationId ? (
          <Link to={`/inbox/${item.conversationId}`} className="small">
            {t('review.openConversation')}
          </Link>
        ) : null}
      </header>
      <p className="msg-text review-text" id={`review-text-${item.id}`}>
        {item.text}
      </p>
      <p className="review-model">
        <span>{t('review.model')}</span> <WhyBadge kind="intent" value={item.intent} why={item.why?.intent} />{' '}
        <WhyBadge kind="sentiment" value={item.sentimentLabel} why={item.why?.sentiment} />{' '}
        <span className="muted small">
          {t('review.confidence', { value: percent.format(item.intentConfidence) })}
        </span>
      </p>
      <div className="button-row">
        <button
          type="button"
          className="btn btn-primary"
          aria-keyshortcuts="Enter y"
          onClick={() => onKey('y')}
        >
          {t('review.confirm')} <kbd>Enter</kbd>
        </button>
        <button type="button" className="btn btn-ghost" aria-keyshortcuts="s" onClick={() => onKey('s')}>
          {t('review.skip')} <kbd>s</kbd>
        </button>
      </div>
      <div className="review-keys" role="group" aria-label={t('review.intentIs')}>
        <span className="small muted">{t('review.intentIs')}</span>
        {intents.slice(0, 9).map((x, i) => (
          <button
            key={x}
            type="button"
            className={`btn btn-small${x === item.intent ? ' current' : ''}`}
            aria-keyshortcuts={String(i + 1)}
            aria-pressed={x === item.intent}
            onClick={() => onKey(String(i + 1))}
          >
            <kbd>{i + 1}</kbd> {label('intent', x)}
          </button>
        ))}
      </div>
      <div className="review-keys" role="group" aria-label={t('review.sentimentIs')}>
        <span className="small muted">{t('review.sentimentIs')}</span>
        {sentiments
          .filter((x) => sentimentKey[x])
          .map((x) => (
            <button
              key={x}
              type="button"
              className={`btn btn-small${x === item.sentimentLabel ? ' current' : ''}`}
              aria-keyshortcuts={sentimentKey[x]}
              aria-pressed={x === item.sentimentLabel}
              onClick={() => onKey(sentimentKey[x]!)}
            >
              <kbd>{sentimentKey[x]}</kbd> {label('sentiment', x)}
            </button>
          ))}
      </div>
      <p className="small muted">{t('review.keysHint')}</p>
    </article>
  );
}

function ReviewReport() {
  const { t } = useTranslation();
  const report = useQuery({
    queryKey: ['review-report'],
    queryFn: () => get<Report>('/api/analysis/review-report?weeks=12'),
  });
  const percent = new Intl.NumberFormat(intlLocale(), { style: 'percent', maximumFractionDigits: 1 });
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : percent.format(v));
  const week = new Intl.DateTimeFormat(intlLocale(), { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const weeks = report.data?.weeks ?? [];
  return (
    <section className="card review-report" aria-labelledby="review-report-title">
      <h2 id="review-report-title">{t('review.report')}</h2>
      {report.error ? <p className="form-error">{errorText(report.error)}</p> : null}
      {report.data ? (
        <>
          <div className="table-wrap">
            <table className="table review-weeks">
              <caption className="sr-only">{t('review.reportCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('review.week')}</th>
                  <th scope="col">{t('review.flagged')}</th>
                  <th scope="col">{t('review.reviews')}</th>
                  <th scope="col">{t('review.confirmedCol')}</th>
                  <th scope="col">{t('review.correctedCol')}</th>
                  <th scope="col">{t('review.corrections')}</th>
                  <th scope="col">{t('review.sentimentAccuracy')}</th>
                  <th scope="col">{t('review.intentAccuracy')}</th>
                </tr>
              </thead>
              <tbody>
                {weeks.map((w) => (
                  <tr key={w.week} data-week={w.week}>
                    <th scope="row">{week.format(new Date(`${w.week}T00:00:00Z`))}</th>
                    <td>{w.flagged}</td>
                    <td>{w.reviews}</td>
                    <td>{w.confirmed}</td>
                    <td>{w.corrected}</td>
                    <td>{w.corrections}</td>
                    <td>
                      <Accuracy value={w.sentimentAccuracy} text={pct(w.sentimentAccuracy)} />
                    </td>
                    <td>
                      <Accuracy value={w.intentAccuracy} text={pct(w.intentAccuracy)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {report.data.byModel.length ? (
            <>
              <h3>{t('review.byModel')}</h3>
              <div className="table-wrap">
                <table className="table review-models">
                  <thead>
                    <tr>
                      <th scope="col">{t('review.modelVersion')}</th>
                      <th scope="col">{t('review.reviews')}</th>
                      <th scope="col">{t('review.sentimentAccuracy')}</th>
                      <th scope="col">{t('review.intentAccuracy')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.data.byModel.map((m) => (
                      <tr key={m.modelVersion ?? '-'}>
                        <th scope="row">
                          <code>{m.modelVersion ?? '—'}</code>
                        </th>
                        <td>{m.reviews}</td>
                        <td>{pct(m.sentimentAccuracy)}</td>
                        <td>{pct(m.intentAccuracy)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
          <p className="small muted">{t('review.reportHint')}</p>
        </>
      ) : null}
    </section>
  );
}

/** The share as text, with a bar beside it (a <meter>: no inline styles under the CSP). */
function Accuracy({ value, text }: { value: number | null | undefined; text: string }) {
  if (value === null || value === undefined) return <>{text}</>;
  return (
    <span className="accuracy">
      <meter min={0} max={1} low={0.7} high={0.85} optimum={1} value={value} aria-hidden="true" /> {text}
    </span>
  );
}
