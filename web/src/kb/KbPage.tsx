import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get, patch, post, query, type Me, type Schemas } from '../api/client';
import { useSession } from '../app/session';
import { errorText } from '../ui/errors';
import { useToast } from '../ui/toasts';

type Article = Schemas['KbArticleView'];

/** Who edits articles (the API enforces the same): admins and leads. */
const mayEdit = (me: Me) => me.role === 'admin' || me.isLead;

/** The knowledge base: everyone searches and reads; admins and leads write, edit and archive. */
export default function KbPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [q, setQ] = useState('');
  const [archived, setArchived] = useState(false);
  const [editing, setEditing] = useState<Article | 'new' | null>(null);
  const list = useQuery({
    queryKey: ['kb', q, archived],
    queryFn: ({ signal }) =>
      get<Article[]>(
        `/api/kb/articles${query({ q: q.trim() || undefined, archived: archived ? 'true' : undefined })}`,
        {
          signal,
        },
      ),
  });
  const editor = mayEdit(me);
  return (
    <main className="page kb-page">
      <h1>{t('kb.title')}</h1>
      <div className="button-row">
        <label className="inline-field grow">
          <span className="sr-only">{t('kb.search')}</span>
          <input
            type="search"
            aria-label={t('kb.search')}
            placeholder={t('kb.searchPlaceholder')}
            value={q}
            maxLength={300}
            onChange={(e) => setQ(e.target.value)}
          />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.target.checked)} />
          {t('kb.showArchived')}
        </label>
        {editor ? (
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
            {t('kb.add')}
          </button>
        ) : (
          <span className="muted small">{t('kb.readOnly')}</span>
        )}
      </div>
      {editing ? (
        <ArticleForm article={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      ) : null}
      {list.error ? <p className="form-error">{errorText(list.error)}</p> : null}
      {list.data && list.data.length === 0 ? <p className="muted">{t('kb.empty')}</p> : null}
      <ul className="template-list kb-list">
        {(list.data ?? []).map((a) => (
          <li key={a.id} className="card kb-article">
            <div className="source-title">
              <h3>{a.title}</h3>
              <span className="badge">{a.locale.toUpperCase()}</span>
              {a.archivedAt ? <span className="badge">{t('kb.archived')}</span> : null}
              <span className="muted small">{t('kb.uses', { count: a.useCount })}</span>
              <span className="grow" />
              {editor ? (
                <>
                  <button type="button" className="btn btn-small" onClick={() => setEditing(a)}>
                    {t('kb.edit')}
                  </button>
                  <ArchiveButton article={a} />
                </>
              ) : null}
            </div>
            {a.tags.length ? (
              <p className="kb-tags">
                {a.tags.map((tag) => (
                  <span key={tag} className="badge">
                    {tag}
                  </span>
                ))}
              </p>
            ) : null}
            <p className="msg-text">{a.body}</p>
            {a.url ? (
              <a href={a.url} target="_blank" rel="noreferrer noopener">
                {a.url}
              </a>
            ) : null}
          </li>
        ))}
      </ul>
    </main>
  );
}

function ArchiveButton({ article }: { article: Article }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toast = useToast();
  return (
    <button
      type="button"
      className="btn btn-small"
      onClick={async () => {
        try {
          await patch(`/api/kb/articles/${article.id}`, { archived: !article.archivedAt });
          toast(t('kb.saved'));
        } catch (err) {
          toast(errorText(err), 'error');
        }
        void qc.invalidateQueries({ queryKey: ['kb'] });
      }}
    >
      {article.archivedAt ? t('kb.restore') : t('kb.archive')}
    </button>
  );
}

function ArticleForm({ article, onDone }: { article: Article | null; onDone(): void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toast = useToast();
  const [error, setError] = useState<string>();
  async function submit(ev: FormEvent<HTMLFormElement>) {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget);
    const v = (k: string) => String(f.get(k) ?? '').trim();
    const body = {
      title: v('title'),
      body: String(f.get('body') ?? ''),
      locale: v('locale'),
      tags: v('tags')
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
      url: v('url') || null,
    };
    try {
      if (article) await patch(`/api/kb/articles/${article.id}`, body);
      else await post('/api/kb/articles', body);
      toast(t('kb.saved'));
      await qc.invalidateQueries({ queryKey: ['kb'] });
      onDone();
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <form className="form card" onSubmit={(e) => void submit(e)}>
      <label>
        {t('kb.fieldTitle')}
        <input name="title" required maxLength={300} defaultValue={article?.title} />
      </label>
      <label>
        {t('kb.fieldLocale')}
        <select name="locale" defaultValue={article?.locale ?? 'ru'}>
          <option value="ru">RU</option>
          <option value="en">EN</option>
        </select>
      </label>
      <label>
        {t('kb.fieldTags')}
        <input name="tags" defaultValue={article?.tags.join(', ')} />
      </label>
      <label>
        {t('kb.fieldUrl')}
        <input name="url" type="url" maxLength={500} defaultValue={article?.url ?? ''} />
      </label>
      <label>
        {t('kb.fieldBody')}
        <textarea name="body" required rows={8} maxLength={20000} defaultValue={article?.body} />
      </label>
      {error ? <p className="form-error">{error}</p> : null}
      <div className="button-row">
        <button type="submit" className="btn btn-primary">
          {t('kb.save')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('kb.cancel')}
        </button>
      </div>
    </form>
  );
}
