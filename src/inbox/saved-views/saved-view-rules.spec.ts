import { mayCreateView, mayEditView, scopeOf } from './saved-view-rules';

const agent = { id: 'a', role: 'agent' as const };
const other = { id: 'b', role: 'agent' as const };
const admin = { id: 'z', role: 'admin' as const };

describe('saved view ownership', () => {
  it('names the scope from the owner and team', () => {
    expect(scopeOf({ ownerId: 'a', teamId: null })).toBe('personal');
    expect(scopeOf({ ownerId: null, teamId: 't' })).toBe('team');
    expect(scopeOf({ ownerId: null, teamId: null })).toBe('everyone');
  });

  it('lets people edit their own views only, and admins the shared ones', () => {
    const mine = { ownerId: 'a', teamId: null };
    expect(mayEditView(mine, agent)).toBe(true);
    expect(mayEditView(mine, other)).toBe(false);
    expect(mayEditView(mine, admin)).toBe(false); // a person's own view stays theirs
    for (const shared of [
      { ownerId: null, teamId: 't' },
      { ownerId: null, teamId: null },
    ]) {
      expect(mayEditView(shared, agent)).toBe(false);
      expect(mayEditView(shared, admin)).toBe(true);
    }
  });

  it('lets anyone create a personal view and only admins shared ones', () => {
    expect(mayCreateView('personal', agent)).toBe(true);
    expect(mayCreateView('team', agent)).toBe(false);
    expect(mayCreateView('everyone', agent)).toBe(false);
    expect(mayCreateView('team', admin)).toBe(true);
  });
});
