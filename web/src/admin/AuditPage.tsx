import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { get, query, type Schemas } from '../api/client';
import { useUsers } from '../api/queries';
import { formatFull } from '../lib/time';
import { errorText } from '../ui/errors';

const ENTITY_TYPES = [
  'conversation',
  'reply',
  'item',
  'source',
  'user',
  'team',
  'sla_policy',
  'template',
  'model_version',
];

/** datetime-local (the user's zone) → ISO. */
const iso = (local: string | null) => (local ? new Date(local).toISOString() : undefined);

/** Who changed what and when; filters live in the URL. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const users = useUsers(true);
  const filters = {
    entityType: params.get('entityType') ?? undefined,
    entityId: params.get('entityId') ?? undefined,
    actorId: params.get('actorId') ?? undefined,
    action: params.get('action') ?? undefined,
    from: iso(params.get('from')),
    to: iso(params.get('to')),
  };
  const q = useInfiniteQuery({
    queryKey: ['audit', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      get<Schemas['AuditPageView']>(`/api/audit${query({ ...filters, cursor: pageParam, limit: 50 })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const entries = q.data?.pages.flatMap((p) => p.entries) ?? [];
  const entityLabel = (e: string) =>
    i18n.exists(`audit.entityTypes.${e}`) ? t(`audit.entityTypes.${e}`) : e;

  return (
    <>
      <h1>{t('audit.title')}</h1>
      <form
        className="card form filters"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const next = new URLSearchParams();
          for (const k of ['entityType', 'entityId', 'actorId', 'action', 'from', 'to']) {
            const v = String(f.get(k) ?? '').trim();
            if (v) next.set(k, v);
          }
          setParams(next);
        }}
      >
        <div className="field-row">
          <label>
            <span>{t('audit.entity')}</span>
            <select name="entityType" defaultValue={filters.entityType ?? ''}>
              <option value="">{t('audit.any')}</option>
              {ENTITY_TYPES.map((e) => (
                <option key={e} value={e}>
                  {entityLabel(e)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('audit.entityId')}</span>
            <input name="entityId" defaultValue={filters.entityId ?? ''} maxLength={100} />
          </label>
          <label>
            <span>{t('audit.actor')}</span>
            <select name="actorId" defaultValue={filters.actorId ?? ''}>
              <option value="">{t('audit.any')}</option>
              {(users.data ?? []).map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="field-row">
          <label>
            <span>{t('audit.action')}</span>
            <input name="action" defaultValue={filters.action ?? ''} pattern="[a-z_.]{1,60}" />
          </label>
          <label>
            <span>{t('audit.from')}</span>
            <input name="from" type="datetime-local" defaultValue={params.get('from') ?? ''} />
          </label>
          <label>
            <span>{t('audit.to')}</span>
            <input name="to" type="datetime-local" defaultValue={params.get('to') ?? ''} />
          </label>
        </div>
        <div className="button-row">
          <button type="submit" className="btn btn-primary">
            {t('audit.filter')}
          </button>
          <button type="button" className="btn" onClick={() => setParams(new URLSearchParams())}>
            {t('audit.reset')}
          </button>
        </div>
      </form>
      {q.error ? <p className="form-error">{errorText(q.error)}</p> : null}
      <div className="table-wrap">
        <table className="table audit-table">
          <thead>
            <tr>
              <th scope="col">{t('audit.when')}</th>
              <th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.entity')}</th>
              <th scope="col">{t('audit.data')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{formatFull(e.at)}</td>
                <td>{e.actorName ?? (e.actorId ? e.actorId : t('audit.system'))}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  {entityLabel(e.entityType)}
                  {e.entityId ? <span className="muted small"> {e.entityId}</span> : null}
                </td>
                <td>
                  <code className="json">{JSON.stringify(e.data)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {q.hasNextPage ? (
        <button
          type="button"
          className="btn"
          onClick={() => void q.fetchNextPage()}
          disabled={q.isFetchingNextPage}
        >
          {t('queue.loadMore')}
        </button>
      ) : entries.length === 0 && !q.isPending ? (
        <p className="muted">{t('admin.none')}</p>
      ) : null}
    </>
  );
}
