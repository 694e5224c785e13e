import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { del, patch, post, type Team, type User } from '../api/client';
import { keys, useTeams, useUsers } from '../api/queries';
import { useSession } from '../app/session';
import { formatFull } from '../lib/time';
import { errorText } from '../ui/errors';
import { useToast } from '../ui/toasts';
import { AgentLoadForm, TeamAssignmentForm, useAgents } from '../share/AssignmentAdmin';

const ROLES = ['agent', 'analyst', 'admin'] as const;

/** People (roles, access, password resets) and teams. */
export function UsersPage() {
  const { t } = useTranslation();
  const users = useUsers(true);
  const agents = useAgents();
  const [adding, setAdding] = useState(false);
  return (
    <>
      <h1>{t('users.title')}</h1>
      <div className="button-row">
        <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
          {t('users.add')}
        </button>
      </div>
      {adding ? <NewUser onDone={() => setAdding(false)} /> : null}
      {users.error ? <p className="form-error">{errorText(users.error)}</p> : null}
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('users.name')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('users.language')}</th>
              <th scope="col" title={t('share.admin.loadHint')}>
                {t('share.admin.load')}
              </th>
              <th scope="col">{t('users.state')}</th>
              <th scope="col">{t('users.lastLogin')}</th>
              <th scope="col">
                <span className="sr-only">{t('admin.edit')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(users.data ?? []).map((u) => (
              <UserRow key={u.id} u={u} agent={agents.data?.find((a) => a.userId === u.id)} />
            ))}
          </tbody>
        </table>
      </div>
      <Teams users={users.data ?? []} />
    </>
  );
}

function useAct() {
  const qc = useQueryClient();
  const toast = useToast();
  const { t } = useTranslation();
  return async (fn: () => Promise<unknown>, done = t('admin.saved')) => {
    try {
      await fn();
      toast(done);
      return true;
    } catch (err) {
      toast(errorText(err), 'error');
      return false;
    } finally {
      void qc.invalidateQueries({ queryKey: keys.users });
      void qc.invalidateQueries({ queryKey: keys.teams });
    }
  };
}

function UserRow({ u, agent }: { u: User; agent: Parameters<typeof AgentLoadForm>[0]['agent'] }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const act = useAct();
  const [pw, setPw] = useState(false);
  return (
    <tr>
      <td>
        <strong>{u.name}</strong>
        <br />
        <span className="muted small">{u.email}</span>
      </td>
      <td>
        <select
          aria-label={`${t('users.role')}: ${u.name}`}
          value={u.role}
          disabled={u.id === me.id}
          onChange={(e) => void act(() => patch(`/api/users/${u.id}`, { role: e.target.value }))}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
        <label className="checkbox small" title={t('share.admin.leadHint')}>
          <input
            type="checkbox"
            checked={u.isLead}
            onChange={(e) => void act(() => patch(`/api/users/${u.id}`, { isLead: e.target.checked }))}
          />{' '}
          {t('share.admin.lead')}
        </label>
      </td>
      <td>{u.locale.toUpperCase()}</td>
      <td>
        <AgentLoadForm u={u} agent={agent} />
      </td>
      <td>
        {u.disabled
          ? t('users.disabled')
          : u.lockedUntil
            ? t('users.locked', { time: formatFull(u.lockedUntil) })
            : t('users.active')}
      </td>
      <td>{u.lastLoginAt ? formatFull(u.lastLoginAt) : '—'}</td>
      <td className="button-row">
        {u.id !== me.id ? (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => void act(() => patch(`/api/users/${u.id}`, { disabled: !u.disabled }))}
          >
            {u.disabled ? t('users.enable') : t('users.disable')}
          </button>
        ) : null}
        {pw ? (
          <form
            className="input-row"
            onSubmit={(e) => {
              e.preventDefault();
              const v = String(new FormData(e.currentTarget).get('pw') ?? '');
              void act(() => patch(`/api/users/${u.id}`, { password: v })).then((ok) => ok && setPw(false));
            }}
          >
            <label>
              <span className="sr-only">{t('users.resetPassword')}</span>
              <input
                name="pw"
                type="password"
                minLength={12}
                required
                autoComplete="new-password"
                placeholder={t('users.password')}
              />
            </label>
            <button type="submit" className="btn btn-small btn-primary">
              {t('admin.save')}
            </button>
          </form>
        ) : (
          <button type="button" className="btn btn-small" onClick={() => setPw(true)}>
            {t('users.resetPassword')}
          </button>
        )}
      </td>
    </tr>
  );
}

function NewUser({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const act = useAct();
  const [error, setError] = useState<string>();
  async function submit(ev: FormEvent<HTMLFormElement>) {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget);
    const v = (k: string) => String(f.get(k) ?? '').trim();
    try {
      await post('/api/users', {
        email: v('email'),
        name: v('name'),
        role: v('role'),
        locale: v('locale'),
        password: String(f.get('password')),
        isLead: f.get('isLead') === 'on',
      });
      await act(async () => undefined);
      onDone();
    } catch (err) {
      setError(errorText(err, { 409: t('error.conflict') }));
    }
  }
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-label={t('users.add')}>
      <div className="field-row">
        <label>
          <span>{t('users.name')}</span>
          <input name="name" required maxLength={200} />
        </label>
        <label>
          <span>{t('users.email')}</span>
          <input name="email" type="email" required maxLength={320} autoComplete="off" />
        </label>
      </div>
      <div className="field-row">
        <label>
          <span>{t('users.role')}</span>
          <select name="role" defaultValue="agent">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('users.language')}</span>
          <select name="locale" defaultValue="ru">
            <option value="ru">{t('lang.ru')}</option>
            <option value="en">{t('lang.en')}</option>
          </select>
        </label>
        <label>
          <span>{t('users.password')}</span>
          <input name="password" type="password" required minLength={12} autoComplete="new-password" />
        </label>
        <label className="checkbox">
          <input name="isLead" type="checkbox" /> {t('share.admin.lead')}
        </label>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="btn btn-primary">
          {t('admin.create')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('admin.cancel')}
        </button>
      </div>
    </form>
  );
}

function Teams({ users }: { users: User[] }) {
  const { t } = useTranslation();
  const teams = useTeams();
  const act = useAct();
  return (
    <section aria-labelledby="teams-title">
      <h2 id="teams-title">{t('users.teams')}</h2>
      <form
        className="input-row"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const name = String(new FormData(form).get('team') ?? '').trim();
          if (name) void act(() => post('/api/teams', { name })).then(() => form.reset());
        }}
      >
        <label>
          <span className="sr-only">{t('users.teamName')}</span>
          <input name="team" placeholder={t('users.teamName')} maxLength={100} required />
        </label>
        <button type="submit" className="btn">
          {t('users.addTeam')}
        </button>
      </form>
      <ul className="team-list">
        {(teams.data ?? []).map((team) => (
          <TeamCard key={team.id} team={team} users={users} />
        ))}
      </ul>
    </section>
  );
}

function TeamCard({ team, users }: { team: Team; users: User[] }) {
  const { t } = useTranslation();
  const act = useAct();
  const others = users.filter((u) => !team.members.some((m) => m.id === u.id));
  return (
    <li className="card">
      <div className="source-title">
        <h3>{team.name}</h3>
        <span className="grow" />
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            const name = window.prompt(t('users.teamName'), team.name)?.trim();
            if (name && name !== team.name) void act(() => patch(`/api/teams/${team.id}`, { name }));
          }}
        >
          {t('users.rename')}
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => void act(() => del(`/api/teams/${team.id}`))}
        >
          {t('admin.delete')}
        </button>
      </div>
      <TeamAssignmentForm teamId={team.id} teamName={team.name} />
      <ul className="members">
        {team.members.map((m) => (
          <li key={m.id}>
            {m.name} <span className="muted small">{m.email}</span>{' '}
            <button
              type="button"
              className="btn btn-small btn-ghost"
              onClick={() => void act(() => del(`/api/teams/${team.id}/members/${m.id}`))}
            >
              {t('users.remove')}
            </button>
          </li>
        ))}
      </ul>
      {others.length ? (
        <label>
          <span className="sr-only">{t('users.addMember')}</span>
          <select
            value=""
            onChange={(e) =>
              e.target.value &&
              void act(() => post(`/api/teams/${team.id}/members`, { userId: e.target.value }))
            }
          >
            <option value="">{t('users.addMember')}…</option>
            {others.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </li>
  );
}
