import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../api/client';
import { keys } from '../api/queries';
import { useSession } from '../app/session';
import { errorText } from '../ui/errors';
import { useToast } from '../ui/toasts';
import { useAssignees, useTags, type BulkOutcome } from './api';

/**
 * Actions on the selected queue rows (e.g. a wave of spam): one POST /api/conversations/bulk;
 * the server applies each conversation's own rules, so the toast says how many went through.
 * Handing them to a colleague who has no room is refused per row (at_capacity); an admin is then
 * asked once whether to assign those anyway (audited), as in the conversation view.
 */
export function BulkBar({ ids, onDone }: { ids: string[]; onDone(): void }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const qc = useQueryClient();
  const toast = useToast();
  const tags = useTags();
  const [wanted, setWanted] = useState(false);
  const people = useAssignees(wanted);
  const [busy, setBusy] = useState(false);

  async function run(body: Record<string, unknown>, on = ids) {
    setBusy(true);
    try {
      let r = await post<BulkOutcome>('/api/conversations/bulk', { ...body, conversationIds: on });
      const full = r.results.filter((x) => x.code === 'at_capacity').map((x) => x.id);
      if (full.length && body.action === 'assign' && me.role === 'admin') {
        const a = people.data?.agents.find((x) => x.id === body.assigneeId);
        const words = t('tags.bulkFull', {
          count: full.length,
          name: a?.name ?? '',
          load: a ? a.open + a.pending : '?',
          capacity: a?.capacity ?? '?',
        });
        if (window.confirm(`${words} ${t('share.capacity.assignAnyway')}`)) {
          const again = await post<BulkOutcome>('/api/conversations/bulk', {
            ...body,
            overCapacity: true,
            conversationIds: full,
          });
          r = { ...r, succeeded: r.succeeded + again.succeeded, failed: r.failed - again.succeeded };
        }
      }
      toast(
        t('tags.bulkDone', { count: r.succeeded }) +
          (r.failed ? ` · ${t('tags.bulkFailed', { count: r.failed })}` : ''),
        r.failed ? 'error' : undefined,
      );
      onDone();
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setBusy(false);
      void qc.invalidateQueries({ queryKey: keys.queues });
    }
  }

  return (
    <div className="bulk-bar" role="toolbar" aria-label={t('tags.selected', { count: ids.length })}>
      <span className="small">{t('tags.selected', { count: ids.length })}</span>
      <button
        type="button"
        className="btn btn-small"
        disabled={busy}
        onClick={() => void run({ action: 'resolve' })}
      >
        {t('tags.bulkResolve')}
      </button>
      <button
        type="button"
        className="btn btn-small"
        disabled={busy}
        onClick={() => void run({ action: 'assign', assigneeId: me.id })}
      >
        {t('tags.bulkAssignMe')}
      </button>
      <select
        aria-label={t('tags.assignTo')}
        value=""
        disabled={busy}
        onFocus={() => setWanted(true)}
        onPointerDown={() => setWanted(true)}
        onChange={(e) => e.target.value && void run({ action: 'assign', assigneeId: e.target.value })}
      >
        <option value="">{t('tags.assignTo')}</option>
        {(people.data?.agents ?? []).map((a) => (
          <option key={a.id} value={a.id}>
            {t('tags.assignAgent', { name: a.name, open: a.open + a.pending, capacity: a.capacity })}
          </option>
        ))}
      </select>
      <select
        aria-label={t('tags.bulkTag')}
        value=""
        disabled={busy}
        onChange={(e) => e.target.value && void run({ action: 'tag', tagId: e.target.value })}
      >
        <option value="">{t('tags.bulkTag')}</option>
        {(tags.data ?? []).map((x) => (
          <option key={x.id} value={x.id}>
            {x.name}
          </option>
        ))}
      </select>
      <button type="button" className="btn btn-ghost btn-small" onClick={onDone}>
        {t('tags.bulkClear')}
      </button>
    </div>
  );
}
