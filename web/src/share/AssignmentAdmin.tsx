import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, get, type Schemas, type User } from '../api/client';
import { keys } from '../api/queries';
import { errorText } from '../ui/errors';
import { useToast } from '../ui/toasts';

type AgentStatus = Schemas['AgentStatusView'];
type TeamAssignment = Schemas['TeamAssignmentView'];

export const assignmentKeys = {
  agents: ['agents'] as const,
  teams: ['assignment-teams'] as const,
};

/** "ru, en" ⇄ ['ru', 'en']; the API checks the codes (400 names a bad one). */
export const parseLanguages = (s: string) =>
  s
    .split(/[\s,;]+/)
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean);

export function useAgents() {
  return useQuery({ queryKey: assignmentKeys.agents, queryFn: () => get<AgentStatus[]>('/api/agents') });
}

/**
 * An agent's share of the load on the users screen: capacity (users.maxOpenConversations) and
 * language skills (empty: any language). Analysts take no conversations, so they have none.
 */
export function AgentLoadForm({ u, agent }: { u: User; agent: AgentStatus | undefined }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  if (u.role === 'analyst') return <span className="muted">—</span>;
  const submit = async (ev: FormEvent<HTMLFormElement>) => {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget);
    const capacity = Number(f.get('capacity'));
    const languages = parseLanguages(String(f.get('languages') ?? ''));
    setBusy(true);
    try {
      if (capacity !== u.maxOpenConversations)
        await api('PATCH', `/api/users/${u.id}`, { maxOpenConversations: capacity });
      if (languages.join(',') !== (agent?.languages ?? []).join(','))
        await api('PUT', `/api/agents/${u.id}/languages`, { languages });
      toast(t('admin.saved'));
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setBusy(false);
      void qc.invalidateQueries({ queryKey: keys.users });
      void qc.invalidateQueries({ queryKey: assignmentKeys.agents });
    }
  };
  return (
    <form className="input-row agent-load-form" onSubmit={(e) => void submit(e)}>
      <label>
        <span className="sr-only">{`${t('share.admin.capacity')}: ${u.name}`}</span>
        <input
          name="capacity"
          type="number"
          min={1}
          max={100}
          required
          defaultValue={u.maxOpenConversations}
          key={`c${u.maxOpenConversations}`}
          title={t('share.admin.capacity')}
          className="input-narrow"
        />
      </label>
      <label>
        <span className="sr-only">{`${t('share.admin.languages')}: ${u.name}`}</span>
        <input
          name="languages"
          defaultValue={(agent?.languages ?? []).join(', ')}
          key={`l${(agent?.languages ?? []).join(',')}`}
          placeholder={t('share.admin.anyLanguage')}
          title={t('share.admin.languagesHint')}
          maxLength={100}
          className="input-narrow"
        />
      </label>
      <button type="submit" className="btn btn-small" disabled={busy}>
        {t('admin.save')}
      </button>
    </form>
  );
}

/** A team's hand-out settings: automatic assignment on or off, and the idle return. */
export function TeamAssignmentForm({ teamId, teamName }: { teamId: string; teamName: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toast = useToast();
  const q = useQuery({
    queryKey: assignmentKeys.teams,
    queryFn: () => get<TeamAssignment[]>('/api/assignment/teams'),
  });
  const s = q.data?.find((x) => x.teamId === teamId);
  if (!s) return null;
  const submit = async (ev: FormEvent<HTMLFormElement>) => {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget);
    const idle = String(f.get('idle') ?? '').trim();
    try {
      await api('PUT', `/api/assignment/teams/${teamId}`, {
        autoAssign: f.get('autoAssign') === 'on',
        idleReturnMinutes: idle === '' ? null : Number(idle),
      });
      toast(t('admin.saved'));
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      void qc.invalidateQueries({ queryKey: assignmentKeys.teams });
    }
  };
  return (
    <form
      className="input-row team-assignment"
      aria-label={`${t('share.admin.teamSettings')}: ${teamName}`}
      onSubmit={(e) => void submit(e)}
      key={`${s.autoAssign}:${s.idleReturnMinutes}`}
    >
      <label className="checkbox">
        <input name="autoAssign" type="checkbox" defaultChecked={s.autoAssign} />{' '}
        {t('share.admin.autoAssign')}
      </label>
      <label>
        <span>{t('share.admin.idleReturn')}</span>{' '}
        <input
          name="idle"
          type="number"
          min={1}
          max={1440}
          defaultValue={s.idleReturnMinutes ?? ''}
          placeholder={t('share.admin.never')}
          className="input-narrow"
        />
      </label>
      <button type="submit" className="btn btn-small">
        {t('admin.save')}
      </button>
    </form>
  );
}
