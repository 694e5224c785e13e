import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation } from '../api/client';
import { useSession } from '../app/session';
import { useAssignees } from './api';

/**
 * Hand the conversation to a colleague or a team, each with the load they carry now (open
 * conversations against their capacity; a team's open ones). Moving it away from another holder
 * is an admin's reassignment; the server keeps those rules either way.
 */
export function AssignPicker({
  c,
  onChange,
}: {
  c: Conversation;
  onChange(body: Record<string, unknown>, reassign?: boolean): Promise<void>;
}) {
  const { t } = useTranslation();
  const { me } = useSession();
  const [wanted, setWanted] = useState(false);
  const q = useAssignees(wanted);
  const heldByOther = !!c.assigneeId && c.assigneeId !== me.id;
  if (heldByOther && me.role !== 'admin') return null;
  return (
    <select
      aria-label={t('tags.assignTo')}
      value=""
      onFocus={() => setWanted(true)}
      onPointerDown={() => setWanted(true)}
      onChange={(e) => {
        const [kind, id] = e.target.value.split(':');
        if (kind === 'u' && id && id !== c.assigneeId) void onChange({ assigneeId: id }, heldByOther);
        if (kind === 't' && id) void onChange({ teamId: id });
      }}
    >
      <option value="">{t('tags.assignTo')}</option>
      {q.data ? (
        <>
          <optgroup label={t('tags.agents')}>
            {q.data.agents.map((a) => (
              <option key={a.id} value={`u:${a.id}`} disabled={a.id === c.assigneeId}>
                {t('tags.assignAgent', { name: a.name, open: a.open + a.pending, capacity: a.capacity })}
              </option>
            ))}
          </optgroup>
          {q.data.teams.length ? (
            <optgroup label={t('tags.teams')}>
              {q.data.teams.map((x) => (
                <option key={x.id} value={`t:${x.id}`} disabled={x.id === c.teamId}>
                  {t('tags.assignTeam', { name: x.name, open: x.open })}
                </option>
              ))}
            </optgroup>
          ) : null}
        </>
      ) : null}
    </select>
  );
}
