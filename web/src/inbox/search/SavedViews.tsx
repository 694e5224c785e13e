import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del, get, post, type Schemas } from '../../api/client';
import { errorText } from '../../ui/errors';
import { countLabel } from './queue-filters';

export type SavedView = Schemas['SavedViewView'];
const VIEWS_KEY = ['saved-views'] as const;
/** Live counts: refetched this often (and whenever the queue changes; see InboxPage). */
export const VIEW_COUNTS_MS = 30_000;

export function useSavedViews() {
  return useQuery({
    queryKey: VIEWS_KEY,
    queryFn: ({ signal }) => get<Schemas['SavedViewListView']>('/api/saved-views', { signal }),
    refetchInterval: VIEW_COUNTS_MS,
  });
}

/**
 * Saved views with their live counts: a click puts the view's filters in the URL; "Save view"
 * keeps the current tabs, search and filters as a personal view.
 */
export function SavedViews({
  current,
  activeId,
  onPick,
}: {
  /** The current tabs, search and filters as the API takes them. */
  current: Record<string, string>;
  activeId: string | undefined;
  onPick(v: SavedView): void;
}) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const views = useSavedViews();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const save = useMutation({
    mutationFn: (n: string) => post<SavedView>('/api/saved-views', { name: n, filters: current }),
    onSuccess: (v) => {
      setNaming(false);
      setName('');
      void qc.invalidateQueries({ queryKey: VIEWS_KEY });
      onPick(v);
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => del(`/api/saved-views/${encodeURIComponent(id)}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: VIEWS_KEY }),
  });
  const nameOf = (v: SavedView) =>
    v.key && i18n.exists(`search.defaults.${v.key}`) && v.name === defaultName(v.key)
      ? t(`search.defaults.${v.key}`)
      : v.name;

  return (
    <nav className="saved-views" aria-label={t('search.views')}>
      <ul>
        {(views.data?.views ?? []).map((v) => (
          <li key={v.id} className={v.id === activeId ? 'active' : undefined}>
            <button
              type="button"
              className="saved-view"
              aria-pressed={v.id === activeId}
              onClick={() => onPick(v)}
              title={t('search.countTitle', { count: v.count })}
            >
              <span className="saved-view-name">{nameOf(v)}</span>
              {v.scope !== 'personal' ? (
                <span className="muted small">{t(v.scope === 'team' ? 'search.team' : 'search.shared')}</span>
              ) : null}
              <span className="badge saved-view-count">{countLabel(v.count, v.capped)}</span>
            </button>
            {v.editable && v.scope === 'personal' ? (
              <button
                type="button"
                className="btn btn-ghost btn-small"
                aria-label={t('search.deleteView', { name: v.name })}
                onClick={() => remove.mutate(v.id)}
              >
                ×
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {naming ? (
        <form
          className="save-view"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) save.mutate(name.trim());
          }}
        >
          <label>
            <span className="sr-only">{t('search.viewName')}</span>
            <input
              autoFocus
              name="viewName"
              value={name}
              maxLength={80}
              placeholder={t('search.viewName')}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <button type="submit" className="btn btn-small" disabled={!name.trim() || save.isPending}>
            {t('search.save')}
          </button>
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setNaming(false)}>
            {t('search.cancel')}
          </button>
          {save.error ? <span role="alert">{errorText(save.error)}</span> : null}
        </form>
      ) : (
        <button type="button" className="btn btn-ghost btn-small" onClick={() => setNaming(true)}>
          {t('search.saveView')}
        </button>
      )}
    </nav>
  );
}

/** The default views' stored (Russian) names: renamed by an admin, a view shows its own name. */
const DEFAULT_NAMES: Record<string, string> = {
  breaching_soon: 'Скоро просрочка',
  negative_vk: 'Негатив VK',
  sales_unassigned: 'Продажи — без ответственного',
};
const defaultName = (key: string) => DEFAULT_NAMES[key];
