import { SESSION_CACHE_MAX_AGE_MS, SessionCache } from './session-cache';
import type { ActiveSession } from './sessions.repository';

describe('SessionCache', () => {
  let now = 1_000_000;
  const session = (userId: string, expiresIn = 3_600_000): ActiveSession => ({
    sessionId: `s-${userId}`,
    csrfToken: 'c',
    lastSeenAt: new Date(now),
    expiresAt: new Date(now + expiresIn),
    userId,
    email: `${userId}@x.test`,
    name: userId,
    role: 'agent',
    isLead: false,
    locale: 'ru',
  });

  it('serves what it stored until the user is forgotten, the entry ages out or the session expires', () => {
    const c = new SessionCache(() => now);
    c.store('a1', session('a'), c.begin());
    c.store('a2', session('a'), c.begin());
    c.store('b1', session('b', 5_000), c.begin());
    expect(c.get('a1')?.userId).toBe('a');
    c.forgetUser('a');
    expect([c.get('a1'), c.get('a2')]).toEqual([undefined, undefined]);
    expect(c.get('b1')?.userId).toBe('b');
    now += 5_000; // b's session expires now
    expect(c.get('b1')).toBeUndefined();
    c.store('a1', session('a'), c.begin());
    now += SESSION_CACHE_MAX_AGE_MS;
    expect(c.get('a1')).toBeUndefined();
  });

  it('does not store what a lookup read before an invalidation', () => {
    const c = new SessionCache(() => now);
    const begun = c.begin();
    c.forgetUser('someone else'); // any invalidation: the read may predate a change
    c.store('a1', session('a'), begun);
    expect(c.get('a1')).toBeUndefined();
    const again = c.begin();
    c.forgetSession('zzz');
    c.store('a1', session('a'), again);
    expect(c.get('a1')).toBeUndefined();
    c.store('a1', session('a'), c.begin());
    c.forgetAll();
    expect(c.size).toBe(0);
  });

  it('a touch moves the cached expiry with the stored one', () => {
    const c = new SessionCache(() => now);
    c.store('a1', session('a', 1_000), c.begin());
    c.touched('a1', new Date(now), new Date(now + 7_200_000));
    now += 2_000;
    expect(c.get('a1')?.expiresAt.getTime()).toBe(now - 2_000 + 7_200_000);
  });
});
