import {
  AgentLoad,
  canServe,
  idleExpired,
  manualAssignRoom,
  rankCandidates,
  SEEN_TIMEOUT_MS,
  timedOut,
} from './assignment-rules';

const now = new Date('2026-12-04T12:00:00Z');
const agent = (userId: string, over: Partial<AgentLoad> = {}): AgentLoad => ({
  userId,
  state: 'online',
  capacity: 6,
  load: 0,
  languages: [],
  teamIds: [],
  seenAt: new Date(now.getTime() - 5_000),
  lastAssignedAt: null,
  ...over,
});
const conv = { id: 'c1', teamId: null, language: null };

describe('assignment rules', () => {
  it('ranks the least loaded first, relative to capacity, then the longest without an assignment', () => {
    const ranked = rankCandidates(
      [
        agent('a', { load: 3 }),
        agent('b', { load: 1, capacity: 2 }), // half full
        agent('c', { load: 1, lastAssignedAt: new Date(now.getTime() - 1000) }),
        agent('d', { load: 1, lastAssignedAt: new Date(now.getTime() - 9000) }),
      ],
      conv,
      now,
    );
    expect(ranked.map((a) => a.userId)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('leaves out agents who are full, away, offline or whose browser is gone', () => {
    const ranked = rankCandidates(
      [
        agent('full', { load: 6 }),
        agent('over', { load: 7 }),
        agent('away', { state: 'away' }),
        agent('off', { state: 'offline' }),
        agent('gone', { seenAt: new Date(now.getTime() - SEEN_TIMEOUT_MS - 1) }),
        agent('never', { seenAt: null }),
        agent('ok', { load: 5 }),
      ],
      conv,
      now,
    );
    expect(ranked.map((a) => a.userId)).toEqual(['ok']);
  });

  it('restricts by team and by language skill (no languages listed: any language)', () => {
    const agents = [
      agent('billing-ru', { teamIds: ['billing'], languages: ['ru'] }),
      agent('billing-any', { teamIds: ['billing'], load: 2 }),
      agent('other-en', { teamIds: ['delivery'], languages: ['en'] }),
    ];
    expect(
      rankCandidates(agents, { id: 'x', teamId: 'billing', language: 'en' }, now).map((a) => a.userId),
    ).toEqual(['billing-any']);
    expect(
      rankCandidates(agents, { id: 'x', teamId: null, language: 'en' }, now).map((a) => a.userId),
    ).toEqual(['other-en', 'billing-any']);
    expect(canServe(agents[0], { id: 'x', teamId: 'billing', language: 'ru' })).toBe(true);
  });

  it('can exclude the holder a breach takes the conversation from', () => {
    expect(
      rankCandidates([agent('a'), agent('b', { load: 1 })], conv, now, ['a']).map((a) => a.userId),
    ).toEqual(['b']);
  });

  it('returns an idle conversation after the team minutes, never without a team setting', () => {
    const assigned = new Date(now.getTime() - 10 * 60_000);
    expect(idleExpired(assigned, 10, now)).toBe(true);
    expect(idleExpired(assigned, 11, now)).toBe(false);
    expect(idleExpired(assigned, null, now)).toBe(false);
  });

  it('times out an agent whose browser stopped reporting', () => {
    expect(timedOut({ state: 'online', seenAt: new Date(now.getTime() - SEEN_TIMEOUT_MS - 1) }, now)).toBe(
      true,
    );
    expect(timedOut({ state: 'away', seenAt: null }, now)).toBe(true);
    expect(timedOut({ state: 'offline', seenAt: null }, now)).toBe(false);
    expect(timedOut({ state: 'online', seenAt: now }, now)).toBe(false);
  });

  it('lets a person assign by hand only into room; past capacity only an admin who says so', () => {
    const full = { load: 6, capacity: 6 };
    expect(manualAssignRoom({ load: 5, capacity: 6 }, true, { role: 'agent' }, false)).toBe('ok');
    expect(manualAssignRoom(full, true, { role: 'agent' }, false)).toBe('refused');
    expect(manualAssignRoom(full, true, { role: 'agent' }, true)).toBe('refused');
    expect(manualAssignRoom(full, true, { role: 'admin' }, false)).toBe('refused');
    expect(manualAssignRoom(full, true, { role: 'admin' }, true)).toBe('override');
    // a resolved or snoozed conversation does not count against anyone
    expect(manualAssignRoom(full, false, { role: 'agent' }, false)).toBe('ok');
  });
});
