import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { get, query, type Schemas } from '../api/client';
import { formatFull } from '../lib/time';
import { IntentBadge, SentimentBadge } from '../ui/badges';
import { errorText } from '../ui/errors';
import { inboxLink, itemsApiQuery } from './drill';
import { ExportLinks } from './shared';

type Page = Schemas['ReportItemsView'];

/** The messages behind a chart point or table row: the filter in the URL, newest first. */
export function ItemsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const q = itemsApiQuery(params);
  const pages = useInfiniteQuery({
    queryKey: ['reports', 'items', q],
    queryFn: ({ pageParam, signal }) =>
      get<Page>('/api/reports/items' + query({ ...q, cursor: pageParam || undefined }), { signal }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const filterText = Object.entries(q)
    .map(([k, v]) => `${k}: ${v}`)
    .join(' · ');
  return (
    <>
      <p>
        <Link to="/reports">← {t('reports.back')}</Link>
      </p>
      <h1>{t('reports.itemsTitle')}</h1>
      <p className="muted report-filter">
        {t('reports.filters')}: {filterText}
      </p>
      <div className="button-row">
        <ExportLinks
          path="/api/reports/items"
          params={{ ...q, limit: '200' }}
          name={t('reports.itemsTitle')}
        />
      </div>
      {pages.error ? <p className="form-error">{errorText(pages.error)}</p> : null}
      {pages.isPending ? (
        <p className="muted">{t('reports.loading')}</p>
      ) : items.length === 0 ? (
        <p className="muted">{t('reports.noItems')}</p>
      ) : (
        <>
          <p className="muted" role="status">
            {t('reports.itemsCount', { count: items.length })}
          </p>
          <ul className="report-items">
            {items.map((it) => (
              <li key={it.id} className="report-item" data-id={it.id}>
                <div className="report-item-meta">
                  <time dateTime={it.createdAt}>{formatFull(it.createdAt)}</time>
                  <span>{it.sourceName ?? it.platform}</span>
                  {it.authorName ? <span>{it.authorName}</span> : null}
                  <SentimentBadge sentiment={it.sentiment} />
                  <IntentBadge intent={it.intent} />
                  {it.conversationId ? (
                    <Link to={inboxLink(it.conversationId)}>{t('reports.inInbox')}</Link>
                  ) : null}
                </div>
                <p className="report-item-text">{it.text}</p>
              </li>
            ))}
          </ul>
          {pages.hasNextPage ? (
            <button
              type="button"
              className="btn"
              disabled={pages.isFetchingNextPage}
              onClick={() => void pages.fetchNextPage()}
            >
              {t('reports.more')}
            </button>
          ) : null}
        </>
      )}
    </>
  );
}
