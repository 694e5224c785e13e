import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, post, type Schemas } from '../api/client';
import { errorText } from '../ui/errors';
import { useToast } from '../ui/toasts';

type Suggestions = Schemas['KbSuggestionsView'];
type Article = Schemas['KbArticleView'];

/** What "insert link" puts into the reply: the title and the help-centre address (else the excerpt). */
export function linkText(a: Pick<Article, 'title' | 'url'>, excerpt: string): string {
  return a.url ? `${a.title}: ${a.url}` : excerpt;
}

/**
 * Knowledge-base articles for the open conversation, ranked against the customer's latest
 * messages (refetched when the customer writes again); one click puts a link or an excerpt into
 * the reply box, and the use is counted.
 */
export function KbSuggestions({
  conversationId,
  lastCustomerMessageAt,
  onInsert,
}: {
  conversationId: string;
  lastCustomerMessageAt: string | null;
  onInsert(text: string): void;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const q = useQuery({
    queryKey: ['kb-suggestions', conversationId, lastCustomerMessageAt],
    queryFn: ({ signal }) =>
      get<Suggestions>(`/api/kb/suggestions?conversationId=${conversationId}`, { signal }),
  });
  async function insert(a: Article, kind: 'link' | 'excerpt', text: string) {
    onInsert(text);
    try {
      await post(`/api/kb/articles/${a.id}/uses`, { conversationId, kind });
    } catch (err) {
      toast(errorText(err), 'error');
    }
  }
  const list = q.data?.suggestions ?? [];
  return (
    <details className="kb-suggestions" open={list.length > 0}>
      <summary>
        {t('kb.suggestions')}
        {list.length ? ` (${list.length})` : ''}
      </summary>
      {q.isError ? <p className="muted small">{errorText(q.error)}</p> : null}
      {q.data && !q.data.hasQuery ? <p className="muted small">{t('kb.suggestionsWait')}</p> : null}
      {q.data?.hasQuery && list.length === 0 ? (
        <p className="muted small">{t('kb.suggestionsNone')}</p>
      ) : null}
      <ul className="kb-suggestion-list">
        {list.slice(0, 3).map((s) => (
          <li key={s.article.id} className="kb-suggestion">
            <strong className="kb-suggestion-title">{s.article.title}</strong>
            <span className="muted small kb-excerpt">{s.excerpt}</span>
            <span className="button-row">
              <button
                type="button"
                className="btn btn-small"
                onClick={() => void insert(s.article, 'link', linkText(s.article, s.excerpt))}
              >
                {t('kb.insertLink')}
              </button>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => void insert(s.article, 'excerpt', s.excerpt)}
              >
                {t('kb.insertExcerpt')}
              </button>
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
